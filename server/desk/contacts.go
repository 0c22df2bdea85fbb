package desk

import (
	"context"
	"errors"
	"unicode/utf8"

	"gatehouse/server/auth"
	"gatehouse/server/events"
	"gatehouse/server/store"
)

// NewContact is what staff fill in to create or edit a member.
type NewContact struct {
	Email string
	Name  string
}

func (in NewContact) validate() (string, map[string]string) {
	fields := map[string]string{}
	email, err := auth.CheckEmail(in.Email)
	if err != nil {
		fields["email"] = "Enter one valid email address."
	}
	if utf8.RuneCountInString(clean(in.Name)) > 200 {
		fields["name"] = "Use at most 200 characters."
	}
	return email, fields
}

// CreateContact creates a member. An address already in use (in any case) is store.ErrConflict.
func (d *Service) CreateContact(ctx context.Context, a Actor, in NewContact) (store.Contact, error) {
	email, fields := in.validate()
	if len(fields) > 0 {
		return store.Contact{}, &ValidationError{Fields: fields}
	}
	c := store.Contact{Email: email, Name: clean(in.Name), Role: auth.RoleMember}
	err := d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.CreateContact(ctx, &c); err != nil {
			return err
		}
		if _, err := d.events.Emit(ctx, tx, events.Event{Type: events.ContactCreated, ContactID: c.ID}); err != nil {
			return err
		}
		return d.audit(ctx, tx, a, "contact.create", "contact", c.ID, c.ID, map[string]any{"email": c.Email})
	})
	return c, err
}

// UpdateContact changes a contact's name and address. A new address ends the live links that
// were sent to the old one.
func (d *Service) UpdateContact(ctx context.Context, a Actor, id string, in NewContact) (store.Contact, error) {
	email, fields := in.validate()
	if len(fields) > 0 {
		return store.Contact{}, &ValidationError{Fields: fields}
	}
	var c store.Contact
	err := d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		var err error
		if c, err = d.target(ctx, tx, a, id); err != nil {
			return err
		}
		before := map[string]any{"email": c.Email, "name": c.Name}
		changedEmail := !equalFold(c.Email, email)
		c.Email, c.Name = email, clean(in.Name)
		if err := tx.UpdateContact(ctx, &c); err != nil {
			return err
		}
		if changedEmail {
			if _, err := tx.RevokeTokens(ctx, c.ID, d.now()); err != nil {
				return err
			}
		}
		return d.audit(ctx, tx, a, "contact.update", "contact", c.ID, c.ID,
			map[string]any{"before": before, "after": map[string]any{"email": c.Email, "name": c.Name}})
	})
	return c, err
}

// target locks the contact an action is about and checks the actor may act on it.
func (d *Service) target(ctx context.Context, tx *store.Store, a Actor, id string) (store.Contact, error) {
	c, err := tx.ContactForUpdate(ctx, id)
	if err != nil {
		return c, err
	}
	return c, canActOn(a, c)
}

// ErrSelf refuses actions staff must not take on their own account (disable, demote).
var ErrSelf = errors.New("desk: not on your own account")
