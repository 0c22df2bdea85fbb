package access

import (
	"context"
	"errors"
	"time"

	"gatehouse/server/events"
	"gatehouse/server/store"
)

// Granted is what a grant did.
type Granted struct {
	Grant   store.Grant
	Offer   store.Offer
	Welcome *store.Email // the welcome email queued with it, if any
}

// Grant gives a contact an offer and, if asked, queues its welcome email with a fresh
// set-password link. An archived offer cannot be granted. A disabled contact can be granted an
// offer (it waits for them) but is sent nothing. The grant's event records the welcome queued
// with it, so a workflow reacting to this very grant knows whether one already went out.
func (s *Service) Grant(ctx context.Context, tx *store.Store, a Actor, contactID, offerID string, sendWelcome bool) (Granted, error) {
	class := Everyday
	if sendWelcome {
		class = Credential // the welcome email carries a link that sets the password
	}
	c, err := s.Lock(ctx, tx, a, contactID, class)
	if err != nil {
		return Granted{}, err
	}
	o, err := tx.OfferByID(ctx, offerID)
	if err != nil {
		return Granted{}, err
	}
	if !o.ArchivedAt.IsZero() {
		return Granted{}, ErrArchived
	}
	// Decided before any statement could fail: in PostgreSQL a failed statement spoils the
	// caller's whole transaction (a workflow step, an import chunk).
	if _, err := tx.ActiveGrant(ctx, c.ID, o.ID); err == nil {
		return Granted{}, ErrAlreadyGranted
	} else if !errors.Is(err, store.ErrNotFound) {
		return Granted{}, err
	}
	first, err := tx.FirstGrant(ctx, c.ID, o.ID)
	if err != nil {
		return Granted{}, err
	}
	out := Granted{Grant: store.Grant{ContactID: c.ID, OfferID: o.ID, GrantedBy: a.ID, GrantedAt: s.now()}, Offer: o}
	if err := tx.CreateGrant(ctx, &out.Grant); err != nil {
		return Granted{}, err
	}
	ev := events.Event{Type: events.OfferGranted, ContactID: c.ID, OfferID: o.ID, FirstGrant: first, Chain: a.Chain}
	if sendWelcome && !c.Disabled() {
		e, err := s.auth.QueueWelcome(ctx, tx, c, o, a.via())
		if err != nil {
			return Granted{}, err
		}
		out.Welcome, ev.WelcomeEmailID = &e, e.ID
	}
	if _, err := s.events.Emit(ctx, tx, ev); err != nil {
		return Granted{}, err
	}
	hook := map[string]any{"offer": events.OfferData(o), "first_grant": first, "welcome_email": out.Welcome != nil, "source": a.Kind}
	if err := s.events.PublishContact(ctx, tx, events.HookOfferGranted, c, hook); err != nil {
		return Granted{}, err
	}
	detail := map[string]any{"offer_id": o.ID, "offer": o.Name, "welcome_email": out.Welcome != nil}
	if out.Welcome != nil {
		detail["email_id"] = out.Welcome.ID
	}
	return out, s.Audit(ctx, tx, a, "offer.grant", OnContact(c), detail)
}

// Revoke takes an offer away. The contact's unused welcome links for it stop working (the
// store does that with the revoke).
func (s *Service) Revoke(ctx context.Context, tx *store.Store, a Actor, contactID, offerID string) error {
	c, err := s.Lock(ctx, tx, a, contactID, Everyday)
	if err != nil {
		return err
	}
	g, err := tx.ActiveGrant(ctx, c.ID, offerID)
	if errors.Is(err, store.ErrNotFound) {
		return ErrNotHeld
	}
	if err != nil {
		return err
	}
	if err := tx.RevokeGrant(ctx, c.ID, offerID, s.now()); err != nil {
		return err
	}
	// The apps the offer opened close: their tokens are revoked (a site behind forward-auth
	// is refused on its next request without this: every check asks the rule).
	if _, err := tx.RevokeTokensNotAdmitted(ctx, c.ID, s.now()); err != nil {
		return err
	}
	if _, err := s.events.Emit(ctx, tx, events.Event{Type: events.OfferRevoked, ContactID: c.ID, OfferID: offerID, Chain: a.Chain}); err != nil {
		return err
	}
	hook := map[string]any{"offer": events.OfferData(*g.Offer), "source": a.Kind}
	if err := s.events.PublishContact(ctx, tx, events.HookOfferRevoked, c, hook); err != nil {
		return err
	}
	return s.Audit(ctx, tx, a, "offer.revoke", OnContact(c), map[string]any{"offer_id": offerID, "offer": g.Offer.Name})
}

// repeatWindow: the same member of staff resending the same welcome email within it gets the
// email already queued (a double click, a click repeated while the page was slow).
const repeatWindow = 10 * time.Second

// ResendWelcome sends an offer's welcome email again with a fresh link that replaces the
// previous one. A disabled contact is refused. sent is false when a repeat by the same member
// of staff within 10 s returned the email they had just queued.
func (s *Service) ResendWelcome(ctx context.Context, tx *store.Store, a Actor, contactID, offerID string) (e store.Email, sent bool, err error) {
	c, err := s.Lock(ctx, tx, a, contactID, Credential) // the row lock serialises repeated clicks
	if err != nil {
		return e, false, err
	}
	if c.Disabled() {
		return e, false, ErrDisabled
	}
	g, err := tx.ActiveGrant(ctx, c.ID, offerID)
	if errors.Is(err, store.ErrNotFound) {
		return e, false, ErrNotHeld
	}
	if err != nil {
		return e, false, err
	}
	if a.Kind == KindStaff {
		last, err := tx.LatestEmail(ctx, c.ID, "welcome", offerID)
		if err == nil && last.CreatedBy == a.ID && s.now().Sub(last.CreatedAt) < repeatWindow &&
			last.Status != store.EmailFailed && last.Status != store.EmailSuppressed {
			return last, false, nil
		}
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return e, false, err
		}
	}
	if e, err = s.auth.QueueWelcome(ctx, tx, c, *g.Offer, a.via()); err != nil {
		return e, false, err
	}
	return e, true, s.Audit(ctx, tx, a, "offer.resend_welcome", OnContact(c),
		map[string]any{"offer_id": offerID, "offer": g.Offer.Name, "email_id": e.ID})
}
