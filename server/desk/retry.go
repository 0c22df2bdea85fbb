package desk

import (
	"context"

	"gatehouse/server/auth"
	"gatehouse/server/mail"
	"gatehouse/server/store"
)

// retryable statuses: the email did not reach the member.
var retryable = map[string]bool{store.EmailFailed: true, store.EmailSuppressed: true, "bounced": true}

// RetryEmail sends a failed email again as a new email (the failed one stays in the history,
// linked by retry_of). An email that carried a link carries a fresh one: the old link is
// replaced, never resent.
func (d *Service) RetryEmail(ctx context.Context, a Actor, emailID string) (store.Email, error) {
	var out store.Email
	err := d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		old, err := tx.EmailForUpdate(ctx, emailID)
		if err != nil {
			return err
		}
		if !retryable[old.Status] {
			return ErrNotRetryable
		}
		if old.ContactID == "" {
			return store.ErrNotFound
		}
		c, err := d.target(ctx, tx, a, old.ContactID)
		if err != nil {
			return err
		}
		if c.Disabled() {
			return ErrDisabled
		}
		via := auth.Via{CreatedBy: a.ID, RetryOf: old.ID}
		switch old.Kind {
		case mail.KindWelcome:
			o, err2 := tx.OfferByID(ctx, old.OfferID) // err2: err must stay the switch's own
			if err2 != nil {
				return err2
			}
			out, err = d.auth.QueueWelcome(ctx, tx, c, o, via)
		case mail.KindPasswordReset:
			set, err2 := tx.Settings(ctx)
			if err2 != nil {
				return err2
			}
			out, err = d.auth.QueueReset(ctx, tx, c, minutes(set.StaffResetTTLMinutes), via)
		case mail.KindSetPassword:
			out, err = d.auth.QueueSetPassword(ctx, tx, c, via)
		case mail.KindStaffInvite:
			out, err = d.auth.QueueStaffInvite(ctx, tx, c, via)
		case mail.KindPasswordChanged, mail.KindSignInAdded:
			// A notice is sent again as it was: it reports the same change, by the same person,
			// at the same time (and carries no link to renew).
			out, err = d.auth.RequeueNotice(ctx, tx, c, old, via)
		default:
			return ErrNotRetryable
		}
		if err != nil {
			return err
		}
		return d.audit(ctx, tx, a, "email.retry", "email", old.ID, c.ID, map[string]any{"kind": old.Kind, "new_email_id": out.ID})
	})
	return out, err
}
