package desk

import (
	"context"
	"errors"
	"time"

	"gatehouse/server/auth"
	"gatehouse/server/events"
	"gatehouse/server/store"
)

// resendWindow: a second resend of the same welcome email by the same staff member within
// this window returns the first instead of sending again (a double click, a click repeated
// while the page was slow). A deliberate resend after that, or by someone else, sends.
const resendWindow = 10 * time.Second

// GrantOffer gives a contact an offer and, if asked, queues the offer's welcome email with a
// fresh set-password link, all in one transaction. It returns the queued email, if any.
func (d *Service) GrantOffer(ctx context.Context, a Actor, contactID, offerID string, sendWelcome bool) (store.Grant, *store.Email, error) {
	var g store.Grant
	var sent *store.Email
	err := d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		c, err := d.target(ctx, tx, a, contactID)
		if err != nil {
			return err
		}
		o, err := tx.OfferByID(ctx, offerID)
		if err != nil {
			return err
		}
		if !o.ArchivedAt.IsZero() {
			return ErrArchived
		}
		first, err := tx.FirstGrant(ctx, c.ID, o.ID)
		if err != nil {
			return err
		}
		g = store.Grant{ContactID: c.ID, OfferID: o.ID, GrantedBy: a.ID, GrantedAt: d.now()}
		if err := tx.CreateGrant(ctx, &g); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return ErrAlreadyGranted
			}
			return err
		}
		if _, err := d.events.Emit(ctx, tx, events.Event{Type: events.OfferGranted, ContactID: c.ID, OfferID: o.ID, FirstGrant: first}); err != nil {
			return err
		}
		if sendWelcome && !c.Disabled() {
			e, err := d.auth.QueueWelcome(ctx, tx, c, o, auth.Via{CreatedBy: a.ID})
			if err != nil {
				return err
			}
			sent = &e
		}
		return d.audit(ctx, tx, a, "offer.grant", "contact", c.ID, c.ID,
			map[string]any{"offer_id": o.ID, "offer": o.Name, "welcome_email": sent != nil})
	})
	return g, sent, err
}

// RevokeOffer takes an offer away from a contact. Their welcome link for it stops working.
func (d *Service) RevokeOffer(ctx context.Context, a Actor, contactID, offerID string) error {
	return d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		c, err := d.target(ctx, tx, a, contactID)
		if err != nil {
			return err
		}
		g, err := tx.ActiveGrant(ctx, c.ID, offerID)
		if err != nil {
			return err
		}
		if err := tx.RevokeGrant(ctx, c.ID, offerID, d.now()); err != nil {
			return err
		}
		if _, err := d.events.Emit(ctx, tx, events.Event{Type: events.OfferRevoked, ContactID: c.ID, OfferID: offerID}); err != nil {
			return err
		}
		return d.audit(ctx, tx, a, "offer.revoke", "contact", c.ID, c.ID, map[string]any{"offer_id": offerID, "offer": g.Offer.Name})
	})
}

// ResendWelcome sends an offer's welcome email again with a fresh link that replaces the
// previous one. A repeat by the same staff member within 10 s returns the email already queued
// (repeated clicks send one email); sent reports whether a new one was queued.
func (d *Service) ResendWelcome(ctx context.Context, a Actor, contactID, offerID string) (e store.Email, sent bool, err error) {
	err = d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		c, err := d.target(ctx, tx, a, contactID) // the row lock serialises concurrent clicks
		if err != nil {
			return err
		}
		if c.Disabled() {
			return ErrDisabled
		}
		g, err := tx.ActiveGrant(ctx, c.ID, offerID)
		if err != nil {
			return err
		}
		last, err := tx.LatestEmail(ctx, c.ID, "welcome", offerID)
		if err == nil && last.CreatedBy == a.ID && d.now().Sub(last.CreatedAt) < resendWindow && last.Status != store.EmailFailed && last.Status != store.EmailSuppressed {
			e = last
			return nil
		}
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if e, err = d.auth.QueueWelcome(ctx, tx, c, *g.Offer, auth.Via{CreatedBy: a.ID}); err != nil {
			return err
		}
		sent = true
		return d.audit(ctx, tx, a, "offer.resend_welcome", "contact", c.ID, c.ID,
			map[string]any{"offer_id": offerID, "offer": g.Offer.Name, "email_id": e.ID})
	})
	return e, sent, err
}
