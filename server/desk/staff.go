package desk

import (
	"context"
	"errors"

	"gatehouse/server/access"
	"gatehouse/server/auth"
	"gatehouse/server/store"
)

// InviteStaff creates a staff account (owners only, checked by the route) and emails it a
// link to choose a password; staff passwords follow the staff policy when they choose it.
// An existing member can be promoted the same way.
func (d *Service) InviteStaff(ctx context.Context, a Actor, email, name, role string) (store.Contact, error) {
	email, fields := NewContact{Email: email, Name: name}.validate() // the same rules as any contact
	if !auth.IsStaff(role) || !auth.RoleAtLeast(a.Role, role) {
		fields["role"] = "Choose support, admin or owner (at most your own role)."
	}
	if len(fields) > 0 {
		return store.Contact{}, &ValidationError{Fields: fields}
	}
	var c store.Contact
	err := d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		existing, err := tx.ContactByEmail(ctx, email)
		switch {
		case errors.Is(err, store.ErrNotFound):
			c = store.Contact{Email: email, Name: clean(name), Role: role}
			if err := tx.CreateContact(ctx, &c); err != nil {
				return err
			}
		case err != nil:
			return err
		case auth.IsStaff(existing.Role):
			return store.ErrConflict
		default:
			c = existing
			if err := tx.SetRole(ctx, c.ID, role); err != nil {
				return err
			}
			c.Role = role
			// A promoted member signs in with the staff rules from now on.
			if _, err := d.auth.EndAccess(ctx, tx, c.ID, false); err != nil {
				return err
			}
		}
		e, err := d.auth.QueueStaffInvite(ctx, tx, c, auth.Via{CreatedBy: a.ID})
		if err != nil {
			return err
		}
		return d.audit(ctx, tx, a, "staff.invite", access.OnContact(c), map[string]any{"role": role, "email_id": e.ID})
	})
	return c, err
}

// ChangeRole sets a staff member's role (member removes staff access). Nobody changes their
// own role, acts on a higher role, or gives a role above their own.
func (d *Service) ChangeRole(ctx context.Context, a Actor, contactID, role string) error {
	if contactID == a.ID {
		return ErrSelf
	}
	if !auth.ValidRole(role) || !auth.RoleAtLeast(a.Role, role) {
		return &ValidationError{Fields: map[string]string{"role": "Choose member, support, admin or owner (at most your own role)."}}
	}
	return d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		c, err := d.access.Lock(ctx, tx, a, contactID, access.Credential)
		if err != nil {
			return err
		}
		if c.Role == role {
			return nil
		}
		if err := tx.SetRole(ctx, c.ID, role); err != nil {
			return err
		}
		// Sessions carry the timeouts of the role they started with: start over.
		if _, err := d.auth.EndAccess(ctx, tx, c.ID, false); err != nil {
			return err
		}
		return d.audit(ctx, tx, a, "staff.role", access.OnContact(c), map[string]any{"from": c.Role, "to": role})
	})
}
