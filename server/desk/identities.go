package desk

import (
	"context"

	"gatehouse/server/access"
	"gatehouse/server/store"
)

// UnlinkIdentity disconnects a provider account from a contact (say, one a member linked by
// mistake). Unlike the member's own "disconnect" it may remove the last one: the member can
// still get a reset link.
func (d *Service) UnlinkIdentity(ctx context.Context, a Actor, contactID, identityID string) error {
	return d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		c, err := d.access.Lock(ctx, tx, a, contactID, access.Credential)
		if err != nil {
			return err
		}
		id, err := tx.DeleteIdentity(ctx, c.ID, identityID)
		if err != nil {
			return err
		}
		return d.audit(ctx, tx, a, "identity.unlink", access.Target{Type: "identity", ID: id.ID, Label: c.Email, ContactID: c.ID},
			map[string]any{"provider": id.Provider, "provider_email": id.Email})
	})
}
