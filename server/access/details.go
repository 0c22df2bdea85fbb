package access

import (
	"context"
	"errors"
	"slices"

	"gatehouse/server/events"
	"gatehouse/server/store"
)

// Details are the fields of a contact that another system keeps in step (the machine API's
// upsert): nil leaves a field as it is. Values arrive checked by the caller.
type Details struct {
	Name       *string
	Phone      *string
	Tags       *[]string // replaces the contact's tags
	ExternalID *string   // "" clears it
}

// UpsertContact finds the contact with this address (checked, any case) or creates a member
// with it, then applies the details, in tx. created says which. A concurrent upsert of the
// same new address makes this one fail with store.ErrConflict: the caller runs it again (its
// transaction is spoiled), and then finds the contact.
func (s *Service) UpsertContact(ctx context.Context, tx *store.Store, a Actor, email string, d Details) (c store.Contact, created bool, err error) {
	c, err = tx.ContactByEmail(ctx, email)
	if err == nil {
		c, err = s.UpdateDetails(ctx, tx, a, c.ID, d)
		return c, false, err
	}
	if !errors.Is(err, store.ErrNotFound) {
		return c, false, err
	}
	c = store.Contact{Email: email, Role: "member", Tags: []string{}}
	d.apply(&c)
	if err := s.checkExternalID(ctx, tx, c.ExternalID, ""); err != nil {
		return c, false, err
	}
	return c, true, s.CreateContact(ctx, tx, a, &c)
}

// UpdateDetails changes the details d names. If anything changed it is audited and published
// (contact.updated) with the names of the fields that changed.
func (s *Service) UpdateDetails(ctx context.Context, tx *store.Store, a Actor, contactID string, d Details) (store.Contact, error) {
	c, err := s.Lock(ctx, tx, a, contactID, Everyday)
	if err != nil {
		return c, err
	}
	before := c
	d.apply(&c)
	changed := changedFields(before, c)
	if len(changed) == 0 {
		return c, nil
	}
	if slices.Contains(changed, "external_id") {
		if err := s.checkExternalID(ctx, tx, c.ExternalID, c.ID); err != nil {
			return c, err
		}
	}
	if err := tx.SetContactDetails(ctx, &c); err != nil {
		return c, err
	}
	if err := s.ContactUpdated(ctx, tx, a, c, changed); err != nil {
		return c, err
	}
	return c, s.Audit(ctx, tx, a, "contact.update", OnContact(c), map[string]any{"changed": changed})
}

// ContactUpdated tells webhook subscribers that a contact's fields changed (the desk's edits
// and UpdateDetails).
func (s *Service) ContactUpdated(ctx context.Context, tx *store.Store, a Actor, c store.Contact, changed []string) error {
	return s.events.PublishContact(ctx, tx, events.HookContactUpdated, c, map[string]any{"changed": changed, "source": a.Kind})
}

// checkExternalID refuses an external id another contact holds, before a unique index would
// (a failed statement spoils the caller's transaction).
func (s *Service) checkExternalID(ctx context.Context, tx *store.Store, ext, id string) error {
	if ext == "" {
		return nil
	}
	taken, err := tx.ExternalIDTaken(ctx, ext, id)
	if err == nil && taken {
		return ErrExternalIDUsed
	}
	return err
}

func (d Details) apply(c *store.Contact) {
	if d.Name != nil {
		c.Name = *d.Name
	}
	if d.Phone != nil {
		c.Phone = *d.Phone
	}
	if d.Tags != nil {
		c.Tags = *d.Tags
	}
	if d.ExternalID != nil {
		c.ExternalID = *d.ExternalID
	}
}

func changedFields(a, b store.Contact) []string {
	var out []string
	if a.Name != b.Name {
		out = append(out, "name")
	}
	if a.Phone != b.Phone {
		out = append(out, "phone")
	}
	if !slices.Equal(a.Tags, b.Tags) {
		out = append(out, "tags")
	}
	if a.ExternalID != b.ExternalID {
		out = append(out, "external_id")
	}
	return out
}
