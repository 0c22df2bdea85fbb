package desk

import (
	"context"
	"errors"
	"unicode/utf8"

	"gatehouse/server/auth"
	"gatehouse/server/store"
)

// NewContact is what staff fill in to create a member.
type NewContact struct {
	Email string
	Name  string
}

// CreateContact creates a member. An address already in use (in any case) is store.ErrConflict.
func (d *Service) CreateContact(ctx context.Context, a Actor, in NewContact) (store.Contact, error) {
	fields := map[string]string{}
	email, err := auth.CheckEmail(in.Email)
	if err != nil {
		fields["email"] = "Enter one valid email address."
	}
	name := clean(in.Name)
	if utf8.RuneCountInString(name) > 200 {
		fields["name"] = "Use at most 200 characters."
	}
	if len(fields) > 0 {
		return store.Contact{}, &ValidationError{Fields: fields}
	}
	c := store.Contact{Email: email, Name: name, Role: auth.RoleMember}
	err = d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.CreateContact(ctx, &c); err != nil {
			return err
		}
		return d.audit(ctx, tx, a, "contact.create", "contact", c.ID, c.ID, map[string]any{"email": c.Email})
	})
	return c, err
}

// GrantOffer gives a contact an offer and, if asked, queues the offer's welcome email with a
// fresh set-password link, all in one transaction. It returns the queued email, if any.
func (d *Service) GrantOffer(ctx context.Context, a Actor, contactID, offerID string, sendWelcome bool) (store.Grant, *store.Email, error) {
	var g store.Grant
	var sent *store.Email
	err := d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		c, err := tx.ContactForUpdate(ctx, contactID)
		if err != nil {
			return err
		}
		if err := canActOn(a, c); err != nil {
			return err
		}
		o, err := tx.OfferByID(ctx, offerID)
		if err != nil {
			return err
		}
		if !o.ArchivedAt.IsZero() {
			return ErrArchived
		}
		g = store.Grant{ContactID: c.ID, OfferID: o.ID, GrantedBy: a.ID, GrantedAt: d.now()}
		if err := tx.CreateGrant(ctx, &g); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return ErrAlreadyGranted
			}
			return err
		}
		if sendWelcome && !c.Disabled() {
			e, err := d.auth.QueueWelcome(ctx, tx, c, o, a.ID)
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
