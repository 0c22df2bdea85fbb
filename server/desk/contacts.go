package desk

import (
	"context"
	"strings"
	"unicode/utf8"

	"gatehouse/server/access"
	"gatehouse/server/auth"
	"gatehouse/server/store"
)

// NewContact is what staff fill in to create a member.
type NewContact struct {
	Email string
	Name  string
}

func (in NewContact) validate() (string, map[string]string) {
	fields := map[string]string{}
	email, err := auth.CheckEmail(in.Email)
	if err != nil {
		fields["email"] = "Enter an email address like name@example.com."
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
	err := d.inTx(ctx, func(ctx context.Context, tx *store.Store) error {
		return d.access.CreateContact(ctx, tx, a, &c)
	})
	return c, err
}

// ContactPatch is an edit of some of a contact's fields: nil leaves a field as it is.
type ContactPatch struct {
	Email *string
	Name  *string
}

// UpdateContact changes the fields a patch names, merged into the row as it is inside the
// locked transaction, so two staff editing different fields at once both keep their change.
// A new address ends the live links that were sent to the old one.
func (d *Service) UpdateContact(ctx context.Context, a Actor, id string, p ContactPatch) (store.Contact, error) {
	var c store.Contact
	err := d.inTx(ctx, func(ctx context.Context, tx *store.Store) error {
		var err error
		class := access.Everyday
		if p.Email != nil {
			class = access.Credential // a new address is where the next link goes
		}
		if c, err = d.access.Lock(ctx, tx, a, id, class); err != nil {
			return err
		}
		in := NewContact{Email: c.Email, Name: c.Name}
		if p.Email != nil {
			in.Email = *p.Email
		}
		if p.Name != nil {
			in.Name = *p.Name
		}
		email, fields := in.validate()
		if len(fields) > 0 {
			return &ValidationError{Fields: fields}
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
		var changed []string
		if changedEmail {
			changed = append(changed, "email")
		}
		if before["name"] != c.Name {
			changed = append(changed, "name")
		}
		if len(changed) > 0 {
			if err := d.access.ContactUpdated(ctx, tx, a, c, changed); err != nil {
				return err
			}
		}
		return d.audit(ctx, tx, a, "contact.update", access.OnContact(c),
			map[string]any{"before": before, "after": map[string]any{"email": c.Email, "name": c.Name}})
	})
	return c, err
}

func equalFold(a, b string) bool { return strings.EqualFold(a, b) }
