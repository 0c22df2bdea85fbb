// Package access holds the actions that give and take a contact's access: grant and revoke an
// offer, resend its welcome email, send or hand over a link, join or leave a community, sign
// out everywhere, disable, retry an email. Each is one function, used by every caller: the
// staff desk, bulk runs, workflows, the importer and the machine API. So each rule (archived
// offers, the role rule, disabled contacts), each audit entry and each event is written once.
//
// Every function runs inside the caller's transaction and locks the contact's row first, so
// concurrent actions on one contact take turns.
package access

import (
	"context"
	"errors"
	"strings"
	"time"

	"gatehouse/server/auth"
	"gatehouse/server/events"
	"gatehouse/server/store"
)

// Kinds of actor.
const (
	KindStaff    = "staff"
	KindWorkflow = "workflow"
	KindBulk     = "bulk"
	KindImport   = "import"
	KindAPI      = "api"
)

// Actor is who acts, for the role rule and the audit entry.
type Actor struct {
	Kind string
	// ID, Email and Role are the staff member behind the action: the one acting at the desk,
	// who started the bulk run, who uploaded the import. Empty for a workflow or an API key.
	ID    string
	Email string
	Role  string
	IP    string
	// UserAgent is cut to 400 bytes in the audit entry.
	UserAgent string
	Ref       string   // the workflow, bulk operation, import or API key it ran under
	Label     string   // that one's name (a workflow's, a key's), kept on the audit entry
	Chain     []string // workflows whose actions led here; events carry it (loop guard)
	Lane      string   // email lane: outbox.LaneBulk for bulk runs and imports
}

// Staff is a member of staff acting at the desk.
func Staff(id, email, role, ip, userAgent string) Actor {
	return Actor{Kind: KindStaff, ID: id, Email: email, Role: role, IP: ip, UserAgent: userAgent}
}

func (a Actor) via() auth.Via { return auth.Via{CreatedBy: a.ID, Lane: a.Lane} }

// Errors callers map to their answers (api/errors.go) or to a skipped step or row.
var (
	ErrForbidden      = errors.New("access: not allowed on this account")
	ErrStaffTarget    = errors.New("access: staff accounts are managed at the desk only")
	ErrAlreadyGranted = errors.New("access: the contact already holds this offer")
	ErrNotHeld        = errors.New("access: the contact does not hold this offer")
	ErrArchived       = errors.New("access: archived")
	ErrDisabled       = errors.New("access: the contact is disabled")
	ErrSelf           = errors.New("access: not on your own account")
	ErrNotRetryable   = errors.New("access: only a failed, bounced or suppressed email can be retried")
	ErrNotSuppressed  = errors.New("access: the address is not suppressed")
	ErrExternalIDUsed = errors.New("access: another contact has this external id")
)

// Class is how much an action can do to an account, for the role rule.
type Class int

const (
	// Everyday actions change what a contact holds: offers, communities.
	Everyday Class = iota
	// Credential actions can hand over or end a way in: links, passwords, email changes,
	// sign-out, disable, role changes.
	Credential
)

// MayActOn is the role rule, the same for every caller. Members are fair game for any actor.
// Staff accounts are touched only by staff, at the desk or in a bulk run they started: never
// by a workflow, an import or an API key. Everyday actions need a role at least the target's;
// credential actions a strictly higher one, so a peer cannot take over a peer (and an owner's
// credentials change only through the command line on the server).
func MayActOn(a Actor, targetRole string, c Class) error {
	if !auth.IsStaff(targetRole) {
		return nil
	}
	if a.Kind != KindStaff && a.Kind != KindBulk {
		return ErrStaffTarget
	}
	if c == Credential && !auth.RoleAbove(a.Role, targetRole) {
		return ErrForbidden
	}
	if !auth.RoleAtLeast(a.Role, targetRole) {
		return ErrForbidden
	}
	return nil
}

// Service runs the actions.
type Service struct {
	auth   *auth.Service
	events *events.Emitter
	now    func() time.Time
}

// New returns the actions; em records the events workflows react to.
func New(a *auth.Service, em *events.Emitter, now func() time.Time) *Service {
	return &Service{auth: a, events: em, now: now}
}

// Lock locks the contact an action is about and applies the role rule.
func (s *Service) Lock(ctx context.Context, tx *store.Store, a Actor, contactID string, c Class) (store.Contact, error) {
	ct, err := tx.ContactForUpdate(ctx, contactID)
	if err != nil {
		return ct, err
	}
	return ct, MayActOn(a, ct.Role, c)
}

// Audit appends an entry for an action in tx, naming the actor and the target as they are now.
// Details never hold a secret.
func (s *Service) Audit(ctx context.Context, tx *store.Store, a Actor, action string, target Target, detail map[string]any) error {
	return AuditAt(ctx, tx, a, action, target, detail, s.now())
}

// AuditAt is Audit for packages that record their own staff actions (API keys, webhook
// endpoints) in the same shape.
func AuditAt(ctx context.Context, tx *store.Store, a Actor, action string, target Target, detail map[string]any, at time.Time) error {
	return tx.AddAudit(ctx, &store.AuditEntry{
		ActorID: a.ID, ActorEmail: a.Email, ActorKind: a.Kind, ActorRef: a.Ref, ActorLabel: a.Label,
		Action: action, TargetType: target.Type, TargetID: target.ID, TargetLabel: target.Label, ContactID: target.ContactID,
		Detail: detail, IP: a.IP, UserAgent: truncate(a.UserAgent, 400), CreatedAt: at,
	})
}

// Target is what an audit entry is about.
type Target struct {
	Type      string // contact, offer, community, workflow, bulk, import, email, settings …
	ID        string
	Label     string // a name for people reading the log
	ContactID string // the contact whose history shows the entry, if any
}

// OnContact is an entry about a contact, shown in their history, labelled with their name and
// address as they are now ("Mia Rossi (mia@example.com)"), so the log reads the same later.
func OnContact(c store.Contact) Target {
	label := c.Email
	if name := strings.TrimSpace(c.Name); name != "" {
		label = name + " (" + c.Email + ")"
	}
	return Target{Type: "contact", ID: c.ID, Label: label, ContactID: c.ID}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
