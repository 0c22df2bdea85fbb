package mail

import (
	"fmt"
	"strings"
)

// Message kinds, stored on each email row.
const (
	KindWelcome         = "welcome"
	KindPasswordReset   = "password_reset"
	KindSetPassword     = "set_password"
	KindPasswordChanged = "password_changed"
	KindStaffInvite     = "staff_invite"
	KindStaffNotice     = "staff_notice"
	KindSignInAdded     = "sign_in_added"
	KindSignInCode      = "sign_in_code"
	KindWebhookDisabled = "webhook_disabled"
)

// LinkKinds are the kinds that carry a one-time link: a custom body must include {{.Link}}.
var LinkKinds = map[string]bool{KindWelcome: true, KindPasswordReset: true, KindSetPassword: true, KindStaffInvite: true}

// CodePlaceholder stands where an email's one-time code goes, like LinkPlaceholder.
const CodePlaceholder = "GATEHOUSE-ONE-TIME-CODE"

// CodeKinds are the kinds whose custom body must include {{.Code}}.
var CodeKinds = map[string]bool{KindSignInCode: true}

// LinkPlaceholder stands in the rendered bodies where a one-time link goes. The stored email
// keeps the placeholder; the link is put in only when the email is handed to the provider, so
// the email history never holds a usable link (outbox).
const LinkPlaceholder = "https://gatehouse.invalid/one-time-link"

// Brand is the portal's look and contact details, shared by every email's layout.
type Brand struct {
	PortalName   string
	LogoURL      string
	Color        string
	SupportEmail string
	PublicURL    string
}

// Recipient says who an email greets.
type Recipient struct {
	Name  string
	Email string
}

// Greeting is the recipient's name, or their address when they have none.
func (r Recipient) Greeting() string {
	if n := strings.TrimSpace(r.Name); n != "" {
		return n
	}
	return r.Email
}

// OneTimeLink is the part of a credential email that carries a link.
type OneTimeLink struct {
	Link      string // LinkPlaceholder when queued
	ExpiresIn string // "30 minutes", "3 days"
	// Code is the six-digit code that does what the link does, for a member who reads the
	// email on one device and signs in on another (CodePlaceholder when queued).
	Code string
}

// Welcome is an offer's welcome email: access to the offer and a link to choose a password.
type Welcome struct {
	Brand Brand
	Recipient
	OneTimeLink
	OfferName        string
	OfferDescription string
	ContentLinks     []ContentLink // what the offer opens, listed in the email
	Custom           Custom        // the offer's own subject and body, if staff wrote them
}

// ContentLink is one of an offer's content links.
type ContentLink struct {
	Label string
	URL   string
}

func (Welcome) Kind() string        { return KindWelcome }
func (Welcome) ButtonLabel() string { return "Choose your password" }
func (m Welcome) Subject() string   { return fmt.Sprintf("Your access to %s", m.OfferName) }
func (m Welcome) customized() (Custom, TemplateData, Brand) {
	d := m.Brand.data(m.Recipient)
	d.Link, d.ExpiresIn, d.Code, d.OfferName, d.OfferDescription = m.Link, m.ExpiresIn, m.Code, m.OfferName, m.OfferDescription
	var lines []string
	for _, l := range m.ContentLinks {
		lines = append(lines, l.Label+": "+l.URL)
	}
	d.OfferLinks = strings.Join(lines, "\n")
	return m.Custom, d, m.Brand
}

// PasswordReset answers "forgot password".
type PasswordReset struct {
	Brand Brand
	Recipient
	OneTimeLink
	Custom Custom
}

func (m PasswordReset) customized() (Custom, TemplateData, Brand) {
	d := m.Brand.data(m.Recipient)
	d.Link, d.ExpiresIn, d.Code = m.Link, m.ExpiresIn, m.Code
	return m.Custom, d, m.Brand
}

func (PasswordReset) Kind() string        { return KindPasswordReset }
func (PasswordReset) ButtonLabel() string { return "Choose a new password" }
func (m PasswordReset) Subject() string {
	return fmt.Sprintf("Reset your %s password", m.Brand.PortalName)
}

// SetPassword gives access to an account without an offer to welcome to (first owner, a
// member without offers asking for their access again, a copied-then-emailed link).
type SetPassword struct {
	Brand Brand
	Recipient
	OneTimeLink
	Staff  bool
	Custom Custom
}

func (m SetPassword) customized() (Custom, TemplateData, Brand) {
	d := m.Brand.data(m.Recipient)
	d.Link, d.ExpiresIn, d.Code = m.Link, m.ExpiresIn, m.Code
	return m.Custom, d, m.Brand
}

func (SetPassword) Kind() string        { return KindSetPassword }
func (SetPassword) ButtonLabel() string { return "Choose your password" }
func (m SetPassword) Subject() string {
	return fmt.Sprintf("Your access to %s", m.Brand.PortalName)
}

// PasswordChanged tells the owner of an account that its password changed. It never contains
// the password.
type PasswordChanged struct {
	Brand Brand
	Recipient
	When      string
	ByStaff   bool
	ForgotURL string
	Custom    Custom
}

func (m PasswordChanged) customized() (Custom, TemplateData, Brand) {
	d := m.Brand.data(m.Recipient)
	d.When, d.ForgotURL = m.When, m.ForgotURL
	return m.Custom, d, m.Brand
}

// SignInAdded tells the owner of an account that a provider (Google, GitHub …) was connected
// to it, so a link they did not make does not go unnoticed. It carries no link that signs in.
type SignInAdded struct {
	Brand Brand
	Recipient
	Provider  string // the provider's label: "Google", "GitHub", the configured OIDC label
	When      string
	ForgotURL string
	Custom    Custom
}

func (SignInAdded) Kind() string { return KindSignInAdded }
func (m SignInAdded) Subject() string {
	return fmt.Sprintf("A new sign-in method was added to your %s account", m.Brand.PortalName)
}
func (m SignInAdded) customized() (Custom, TemplateData, Brand) {
	d := m.Brand.data(m.Recipient)
	d.Provider, d.When, d.ForgotURL = m.Provider, m.When, m.ForgotURL
	return m.Custom, d, m.Brand
}

// StaffInvite invites someone to the staff desk with a link to choose a password.
type StaffInvite struct {
	Brand Brand
	Recipient
	OneTimeLink
	Role   string
	Custom Custom
}

func (StaffInvite) Kind() string        { return KindStaffInvite }
func (StaffInvite) ButtonLabel() string { return "Choose your password" }
func (m StaffInvite) Subject() string {
	return fmt.Sprintf("You're invited to the %s staff desk", m.Brand.PortalName)
}
func (m StaffInvite) customized() (Custom, TemplateData, Brand) {
	d := m.Brand.data(m.Recipient)
	d.Link, d.ExpiresIn, d.Code = m.Link, m.ExpiresIn, m.Code
	return m.Custom, d, m.Brand
}

func (b Brand) data(r Recipient) TemplateData {
	return TemplateData{Name: r.Greeting(), Email: r.Email, PortalName: b.PortalName, PortalURL: b.PublicURL, SupportEmail: b.SupportEmail}
}

func (PasswordChanged) Kind() string { return KindPasswordChanged }
func (m PasswordChanged) Subject() string {
	return fmt.Sprintf("Your %s password was changed", m.Brand.PortalName)
}

// Paragraphs splits staff-written text into paragraphs at blank lines.
func Paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// StaffNotice tells staff about a contact (a workflow's "notify staff" action).
type StaffNotice struct {
	Brand Brand
	Recipient
	About    Recipient // the contact the notice is about
	Workflow string
	Message  string
	Link     string // the contact's record in the admin area
}

func (StaffNotice) Kind() string { return KindStaffNotice }
func (m StaffNotice) Subject() string {
	return fmt.Sprintf("%s: %s", m.Workflow, m.About.Email)
}

// SignInCode is the code a member asked for to sign in without a password. It names the
// browser and system that asked (parsed from the request, never the raw User-Agent, which is
// text an attacker chooses) and when.
type SignInCode struct {
	Brand Brand
	Recipient
	Code      string // CodePlaceholder when queued
	ExpiresIn string
	Device    string // "Firefox on Windows"
	When      string
	Custom    Custom
}

func (SignInCode) Kind() string { return KindSignInCode }
func (m SignInCode) Subject() string {
	return fmt.Sprintf("Your %s sign-in code", m.Brand.PortalName)
}
func (m SignInCode) customized() (Custom, TemplateData, Brand) {
	d := m.Brand.data(m.Recipient)
	d.Code, d.ExpiresIn, d.Device, d.When = m.Code, m.ExpiresIn, m.Device, m.When
	return m.Custom, d, m.Brand
}

// WebhookDisabled tells the staff member who added a webhook endpoint that it was turned off
// after failing for the whole retry window, and why.
type WebhookDisabled struct {
	Brand Brand
	Recipient
	URL       string // the endpoint
	Since     string // when it started failing
	LastError string // the last attempt's status or error
	Link      string // the endpoint's page in the admin area
}

func (WebhookDisabled) Kind() string { return KindWebhookDisabled }
func (m WebhookDisabled) Subject() string {
	return fmt.Sprintf("%s turned off a webhook endpoint that kept failing", m.Brand.PortalName)
}
