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
	return s.queueLinked(ctx, tx, c, via, mail.KindWelcome, PurposeWelcome, o, welcomeTTL)
}

// QueueReset queues a password-reset email whose link lives ttl (30 min for self-service;
// staff send the settings' lifetime, 24 h by default).
func (s *Service) QueueReset(ctx context.Context, tx *store.Store, c store.Contact, ttl time.Duration, via Via) (store.Email, error) {
	return s.queueLinked(ctx, tx, c, via, mail.KindPasswordReset, PurposeReset, store.Offer{}, func(store.Settings) time.Duration { return ttl })
}

// QueueSetPassword queues a "choose your password" email for an account with no offer to
// welcome to.
func (s *Service) QueueSetPassword(ctx context.Context, tx *store.Store, c store.Contact, via Via) (store.Email, error) {
	return s.queueLinked(ctx, tx, c, via, mail.KindSetPassword, PurposeSetPassword, store.Offer{}, welcomeTTL)
}

// QueueStaffInvite queues the invitation to the staff desk, with a link to choose a password.
func (s *Service) QueueStaffInvite(ctx context.Context, tx *store.Store, c store.Contact, via Via) (store.Email, error) {
	return s.queueLinked(ctx, tx, c, via, mail.KindStaffInvite, PurposeSetPassword, store.Offer{}, welcomeTTL)
}

// QueuePasswordChanged tells the account's owner their password changed (never what it is).
func (s *Service) QueuePasswordChanged(ctx context.Context, tx *store.Store, c store.Contact, byStaff bool, via Via) (store.Email, error) {
	return s.queueNotice(ctx, tx, c, mail.KindPasswordChanged, notice{byStaff: byStaff}, via)
}

// QueueSignInAdded tells the account's owner that a provider account was connected to it (the
// provider's label, when, and what to do if it was not them); it carries no link that signs in.
func (s *Service) QueueSignInAdded(ctx context.Context, tx *store.Store, c store.Contact, providerLabel string, via Via) (store.Email, error) {
	return s.queueNotice(ctx, tx, c, mail.KindSignInAdded, notice{provider: providerLabel}, via)
}

// RequeueNotice sends the stored content of a notice that carries no link (a sign-in method
// added) again as a new email: a retry reports the same event, provider and time as the first.
func (s *Service) RequeueNotice(ctx context.Context, tx *store.Store, c store.Contact, old store.Email, via Via) (store.Email, error) {
	return s.outbox.Requeue(ctx, tx, old, draft(c, via, "", ""))
}

// notice is what a notice email reports besides who it goes to.
type notice struct {
	byStaff  bool   // password changed: by a member of staff
	provider string // sign-in method added: the provider's label
}

// queueNotice queues an email of kind that tells the account's owner something happened.
func (s *Service) queueNotice(ctx context.Context, tx *store.Store, c store.Contact, kind string, n notice, via Via) (store.Email, error) {
	set, err := tx.Settings(ctx)
	if err != nil {
		return store.Email{}, err
	}
	tpl, err := s.template(ctx, tx, kind, store.Offer{})
	if err != nil {
		return store.Email{}, err
	}
	return s.outbox.Queue(ctx, tx, s.message(set, kind, c, tpl, 0, store.Offer{}, n), draft(c, via, "", ""))
}

// queueLinked issues a one-time link (replacing the older ones of its purpose, and for a
// welcome link of its offer) and queues the kind of email that carries it.
func (s *Service) queueLinked(ctx context.Context, tx *store.Store, c store.Contact, via Via, kind, purpose string, o store.Offer, ttl func(store.Settings) time.Duration) (store.Email, error) {
	set, err := tx.Settings(ctx)
	if err != nil {
		return store.Email{}, err
	}
	life := ttl(set)
	link, code, _, err := s.issueLink(ctx, tx, c.ID, purpose, o.ID, life, via.CreatedBy, c.Email)
	if err != nil {
		return store.Email{}, err
	}
	tpl, err := s.template(ctx, tx, kind, o)
	if err != nil {
		return store.Email{}, err
	}
	d := draft(c, via, o.ID, link)
	d.Code = code
	return s.outbox.Queue(ctx, tx, s.message(set, kind, c, tpl, life, o, notice{}), d)
}

// template is the staff-written template of a kind (an offer's own for its welcome email);
// empty means the built-in one.
func (s *Service) template(ctx context.Context, tx *store.Store, kind string, o store.Offer) (mail.Custom, error) {
	if kind == mail.KindWelcome {
		return mail.Custom{Subject: o.WelcomeSubject, Body: o.WelcomeBody}, nil
	}
	t, err := tx.EmailTemplate(ctx, kind)
	return mail.Custom{Subject: t.Subject, Body: t.Body}, err
}

// message builds an email of kind for c, with the link placeholder where its link goes.
func (s *Service) message(set store.Settings, kind string, c store.Contact, tpl mail.Custom, ttl time.Duration, o store.Offer, n notice) mail.Message {
	brand, who, link := s.outbox.Brand(set), recipient(c), placeholder(ttl)
	when, forgotURL := s.now().UTC().Format("2 January 2006 at 15:04 UTC"), s.outbox.URL("/forgot-password")
	switch kind {
	case mail.KindWelcome:
		links := make([]mail.ContentLink, 0, len(o.ContentLinks))
		for _, l := range o.ContentLinks {
			links = append(links, mail.ContentLink{Label: l.Label, URL: l.URL})
		}
		return mail.Welcome{Brand: brand, Recipient: who, OneTimeLink: link, OfferName: o.Name, OfferDescription: o.Description, ContentLinks: links, Custom: tpl}
	case mail.KindPasswordReset:
		return mail.PasswordReset{Brand: brand, Recipient: who, OneTimeLink: link, Custom: tpl}
	case mail.KindStaffInvite:
		return mail.StaffInvite{Brand: brand, Recipient: who, OneTimeLink: link, Role: c.Role, Custom: tpl}
	case mail.KindPasswordChanged:
		return mail.PasswordChanged{Brand: brand, Recipient: who, ByStaff: n.byStaff, Custom: tpl, When: when, ForgotURL: forgotURL}
	case mail.KindSignInAdded:
		return mail.SignInAdded{Brand: brand, Recipient: who, Provider: n.provider, Custom: tpl, When: when, ForgotURL: forgotURL}
	}
	return mail.SetPassword{Brand: brand, Recipient: who, OneTimeLink: link, Staff: IsStaff(c.Role), Custom: tpl}
}

func welcomeTTL(set store.Settings) time.Duration { return LifetimesOf(set).Welcome }

// WakeBatcher starts the batching of bulk email queued in tx (once per transaction is enough).
func (s *Service) WakeBatcher(ctx context.Context, tx *store.Store) error {
	return s.outbox.WakeBatcher(ctx, tx)
}

func draft(c store.Contact, via Via, offerID, link string) outbox.Draft {
	return outbox.Draft{ContactID: c.ID, To: c.Email, OfferID: offerID, CreatedBy: via.CreatedBy, RetryOf: via.RetryOf, Lane: via.Lane, Link: link}
}

func recipient(c store.Contact) mail.Recipient { return mail.Recipient{Name: c.Name, Email: c.Email} }

func placeholder(ttl time.Duration) mail.OneTimeLink {
	return mail.OneTimeLink{Link: mail.LinkPlaceholder, ExpiresIn: humanDuration(ttl), Code: mail.CodePlaceholder}
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
