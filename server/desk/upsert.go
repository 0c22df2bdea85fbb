package desk

import (
	"context"
	"errors"

	"gatehouse/server/access"
	"gatehouse/server/store"
)

// UpsertContact creates the member with this address or updates the details of the contact
// that has it (the machine API), in one transaction. Two callers creating the same new address
// at once both succeed: the one that loses the race runs again and updates.
func (d *Service) UpsertContact(ctx context.Context, a Actor, email string, in access.Details) (c store.Contact, created bool, err error) {
	for try := 0; try < 2; try++ {
		err = d.inTx(ctx, func(ctx context.Context, tx *store.Store) (err error) {
			c, created, err = d.access.UpsertContact(ctx, tx, a, email, in)
			return err
		})
		if !errors.Is(err, store.ErrConflict) {
			break
		}
	}
	return c, created, err
}
