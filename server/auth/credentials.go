package auth

import (
	"context"
	"time"

	"gatehouse/server/mail"
	"gatehouse/server/outbox"
	"gatehouse/server/store"
)

// The functions here issue a fresh one-time link and queue the email that carries it, inside
// the caller's transaction. The email always goes to the contact's stored address.

// Via says who caused an email, for a retry which email it replaces, and its lane: bulk work
// (a mass resend, an import) goes in batches behind the credential emails members wait for.
type Via struct {
	CreatedBy string // staff member's contact id; empty for self-service
	RetryOf   string
	Lane      string // outbox.LaneCredential (default) or outbox.LaneBulk
}

// QueueWelcome queues an offer's welcome email with a fresh set-password link (the settings'
// welcome lifetime, 72 h by default) that replaces the previous welcome link for that offer.
func (s *Service) QueueWelcome(ctx context.Context, tx *store.Store, c store.Contact, o store.Offer, via Via) (store.Email, error) {
	set, err := tx.Settings(ctx)
	if err != nil {
		return store.Email{}, err
	}
	ttl := time.Duration(set.WelcomeTTLMinutes) * time.Minute
	link, _, err := s.issueLink(ctx, tx, c.ID, PurposeWelcome, o.ID, ttl, via.CreatedBy)
	if err != nil {
		return store.Email{}, err
	}
	return s.outbox.Queue(ctx, tx, s.welcome(set, c, o), draft(c, via, o.ID, link))
}

// PreviewWelcome renders an offer's welcome email for a contact (real or sample) as it would
// be sent, with the link masked; nothing is stored or sent.
func (s *Service) PreviewWelcome(ctx context.Context, c store.Contact, o store.Offer) (mail.Rendered, error) {
	set, err := s.store.Settings(ctx)
	if err != nil {
		return mail.Rendered{}, err
	}
	return s.outbox.Render(s.welcome(set, c, o))
}

func (s *Service) welcome(set store.Settings, c store.Contact, o store.Offer) mail.Welcome {
	return mail.Welcome{
		Brand: s.outbox.Brand(set), Recipient: recipient(c), OneTimeLink: placeholder(time.Duration(set.WelcomeTTLMinutes) * time.Minute),
		OfferName: o.Name, OfferDescription: o.Description, Custom: mail.Custom{Subject: o.WelcomeSubject, Body: o.WelcomeBody},
	}
}

// custom returns the staff-written template of a kind (empty: the built-in one).
func custom(ctx context.Context, tx *store.Store, kind string) (mail.Custom, error) {
	t, err := tx.EmailTemplate(ctx, kind)
	return mail.Custom{Subject: t.Subject, Body: t.Body}, err
}

// QueueReset queues a password-reset email whose link lives ttl (30 min for self-service;
// staff send the settings' lifetime, 24 h by default).
func (s *Service) QueueReset(ctx context.Context, tx *store.Store, c store.Contact, ttl time.Duration, via Via) (store.Email, error) {
	set, err := tx.Settings(ctx)
	if err != nil {
		return store.Email{}, err
	}
	link, _, err := s.issueLink(ctx, tx, c.ID, PurposeReset, "", ttl, via.CreatedBy)
	if err != nil {
		return store.Email{}, err
	}
	tpl, err := custom(ctx, tx, mail.KindPasswordReset)
	if err != nil {
		return store.Email{}, err
	}
	m := mail.PasswordReset{Brand: s.outbox.Brand(set), Recipient: recipient(c), OneTimeLink: placeholder(ttl), Custom: tpl}
	return s.outbox.Queue(ctx, tx, m, draft(c, via, "", link))
}

// QueueSetPassword queues a "choose your password" email for an account with no offer to
// welcome to (staff invitations included).
func (s *Service) QueueSetPassword(ctx context.Context, tx *store.Store, c store.Contact, via Via) (store.Email, error) {
	set, err := tx.Settings(ctx)
	if err != nil {
		return store.Email{}, err
	}
	ttl := time.Duration(set.WelcomeTTLMinutes) * time.Minute
	link, _, err := s.issueLink(ctx, tx, c.ID, PurposeSetPassword, "", ttl, via.CreatedBy)
	if err != nil {
		return store.Email{}, err
	}
	tpl, err := custom(ctx, tx, mail.KindSetPassword)
	if err != nil {
		return store.Email{}, err
	}
	m := mail.SetPassword{Brand: s.outbox.Brand(set), Recipient: recipient(c), OneTimeLink: placeholder(ttl), Staff: IsStaff(c.Role), Custom: tpl}
	return s.outbox.Queue(ctx, tx, m, draft(c, via, "", link))
}

// QueueStaffInvite queues the invitation to the staff desk, with a link to choose a password.
func (s *Service) QueueStaffInvite(ctx context.Context, tx *store.Store, c store.Contact, via Via) (store.Email, error) {
	set, err := tx.Settings(ctx)
	if err != nil {
		return store.Email{}, err
	}
	ttl := time.Duration(set.WelcomeTTLMinutes) * time.Minute
	link, _, err := s.issueLink(ctx, tx, c.ID, PurposeSetPassword, "", ttl, via.CreatedBy)
	if err != nil {
		return store.Email{}, err
	}
	tpl, err := custom(ctx, tx, mail.KindStaffInvite)
	if err != nil {
		return store.Email{}, err
	}
	m := mail.StaffInvite{Brand: s.outbox.Brand(set), Recipient: recipient(c), OneTimeLink: placeholder(ttl), Role: c.Role, Custom: tpl}
	return s.outbox.Queue(ctx, tx, m, draft(c, via, "", link))
}

// QueuePasswordChanged tells the account's owner their password changed (never what it is).
func (s *Service) QueuePasswordChanged(ctx context.Context, tx *store.Store, c store.Contact, byStaff bool, via Via) (store.Email, error) {
	set, err := tx.Settings(ctx)
	if err != nil {
		return store.Email{}, err
	}
	tpl, err := custom(ctx, tx, mail.KindPasswordChanged)
	if err != nil {
		return store.Email{}, err
	}
	m := mail.PasswordChanged{
		Brand: s.outbox.Brand(set), Recipient: recipient(c), ByStaff: byStaff, Custom: tpl,
		When: s.now().UTC().Format("2 January 2006 at 15:04 UTC"), ForgotURL: s.outbox.URL("/forgot-password"),
	}
	return s.outbox.Queue(ctx, tx, m, draft(c, via, "", ""))
}

func draft(c store.Contact, via Via, offerID, link string) outbox.Draft {
	return outbox.Draft{ContactID: c.ID, To: c.Email, OfferID: offerID, CreatedBy: via.CreatedBy, RetryOf: via.RetryOf, Lane: via.Lane, Link: link}
}

func recipient(c store.Contact) mail.Recipient { return mail.Recipient{Name: c.Name, Email: c.Email} }

func placeholder(ttl time.Duration) mail.OneTimeLink {
	return mail.OneTimeLink{Link: mail.LinkPlaceholder, ExpiresIn: humanDuration(ttl)}
}

// QueueStaffNotice emails a staff member about a contact (workflows' "notify staff").
func (s *Service) QueueStaffNotice(ctx context.Context, tx *store.Store, staff, about store.Contact, workflow, message string) (store.Email, error) {
	set, err := tx.Settings(ctx)
	if err != nil {
		return store.Email{}, err
	}
	m := mail.StaffNotice{Brand: s.outbox.Brand(set), Recipient: recipient(staff), About: recipient(about), Workflow: workflow,
		Message: message, Link: s.outbox.URL("/admin/contacts/" + about.ID)}
	return s.outbox.Queue(ctx, tx, m, draft(staff, Via{}, "", ""))
}
