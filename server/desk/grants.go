package desk

import (
	"context"

	"gatehouse/server/access"
	"gatehouse/server/store"
)

// GrantOffer gives a contact an offer and, if asked, queues its welcome email, in one
// transaction. It returns the queued email, if any.
func (d *Service) GrantOffer(ctx context.Context, a Actor, contactID, offerID string, sendWelcome bool) (store.Grant, *store.Email, error) {
	var g access.Granted
	err := d.inTx(ctx, func(ctx context.Context, tx *store.Store) (err error) {
		g, err = d.access.Grant(ctx, tx, a, contactID, offerID, sendWelcome)
		return err
	})
	return g.Grant, g.Welcome, err
}

// RevokeOffer takes an offer away from a contact. Their welcome link for it stops working.
func (d *Service) RevokeOffer(ctx context.Context, a Actor, contactID, offerID string) error {
	return d.inTx(ctx, func(ctx context.Context, tx *store.Store) error {
		return d.access.Revoke(ctx, tx, a, contactID, offerID)
	})
}

// ResendWelcome sends an offer's welcome email again with a fresh link; sent is false when a
// repeat within 10 s returned the email just queued.
func (d *Service) ResendWelcome(ctx context.Context, a Actor, contactID, offerID string) (e store.Email, sent bool, err error) {
	err = d.inTx(ctx, func(ctx context.Context, tx *store.Store) (err error) {
		e, sent, err = d.access.ResendWelcome(ctx, tx, a, contactID, offerID)
		return err
	})
	return e, sent, err
}
