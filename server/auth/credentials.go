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

// QueueWelcome queues an offer's welcome email with a fresh set-password link (72 h) that
// replaces the previous welcome link for that offer.
func (s *Service) QueueWelcome(ctx context.Context, tx *store.Store, c store.Contact, o store.Offer, createdBy string) (store.Email, error) {
	link, _, err := s.issueLink(ctx, tx, c.ID, PurposeWelcome, o.ID, WelcomeTTL, createdBy)
	if err != nil {
		return store.Email{}, err
	}
	brand, err := s.outbox.Brand(ctx, tx)
	if err != nil {
		return store.Email{}, err
	}
	m := mail.Welcome{
		Brand: brand, Recipient: recipient(c), OneTimeLink: placeholder(WelcomeTTL),
		OfferName: o.Name, OfferDescription: o.Description,
		CustomSubject: o.WelcomeSubject, CustomBody: mail.Paragraphs(o.WelcomeBody),
	}
	return s.outbox.Queue(ctx, tx, m, outbox.Draft{ContactID: c.ID, To: c.Email, OfferID: o.ID, CreatedBy: createdBy, Link: link})
}

// QueueReset queues a password-reset email whose link lives ttl.
func (s *Service) QueueReset(ctx context.Context, tx *store.Store, c store.Contact, ttl time.Duration, createdBy string) (store.Email, error) {
	link, _, err := s.issueLink(ctx, tx, c.ID, PurposeReset, "", ttl, createdBy)
	if err != nil {
		return store.Email{}, err
	}
	brand, err := s.outbox.Brand(ctx, tx)
	if err != nil {
		return store.Email{}, err
	}
	m := mail.PasswordReset{Brand: brand, Recipient: recipient(c), OneTimeLink: placeholder(ttl)}
	return s.outbox.Queue(ctx, tx, m, outbox.Draft{ContactID: c.ID, To: c.Email, CreatedBy: createdBy, Link: link})
}

// QueueSetPassword queues a "choose your password" email (72 h link) for an account with no
// offer to welcome to.
func (s *Service) QueueSetPassword(ctx context.Context, tx *store.Store, c store.Contact, createdBy string) (store.Email, error) {
	link, _, err := s.issueLink(ctx, tx, c.ID, PurposeSetPassword, "", WelcomeTTL, createdBy)
	if err != nil {
		return store.Email{}, err
	}
	brand, err := s.outbox.Brand(ctx, tx)
	if err != nil {
		return store.Email{}, err
	}
	m := mail.SetPassword{Brand: brand, Recipient: recipient(c), OneTimeLink: placeholder(WelcomeTTL), Staff: IsStaff(c.Role)}
	return s.outbox.Queue(ctx, tx, m, outbox.Draft{ContactID: c.ID, To: c.Email, CreatedBy: createdBy, Link: link})
}

// queuePasswordChanged tells the account's owner their password changed (never what it is).
func (s *Service) queuePasswordChanged(ctx context.Context, tx *store.Store, c store.Contact, byStaff bool, createdBy string) error {
	brand, err := s.outbox.Brand(ctx, tx)
	if err != nil {
		return err
	}
	m := mail.PasswordChanged{
		Brand: brand, Recipient: recipient(c), ByStaff: byStaff,
		When: s.now().UTC().Format("2 January 2006 at 15:04 UTC"), ForgotURL: s.outbox.URL("/forgot-password"),
	}
	_, err = s.outbox.Queue(ctx, tx, m, outbox.Draft{ContactID: c.ID, To: c.Email, CreatedBy: createdBy})
	return err
}

func recipient(c store.Contact) mail.Recipient { return mail.Recipient{Name: c.Name, Email: c.Email} }

func placeholder(ttl time.Duration) mail.OneTimeLink {
	return mail.OneTimeLink{Link: mail.LinkPlaceholder, ExpiresIn: humanDuration(ttl)}
}
