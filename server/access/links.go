package access

import (
	"context"
	"time"

	"gatehouse/server/auth"
	"gatehouse/server/mail"
	"gatehouse/server/store"
)

// Link is a one-time link handed over by hand (never stored, never logged).
type Link struct {
	URL     string
	Expires time.Time
}

// lifetime is ttl, or when ttl is 0 the settings' lifetime for the purpose (a reset link: the
// one for links staff send, 24 h unless changed; a set-password link: the welcome one, 72 h),
// within SECURITY.md's bounds (15 minutes to 7 days).
func lifetime(ctx context.Context, tx *store.Store, ttl time.Duration, purpose string) (time.Duration, error) {
	if ttl == 0 {
		set, err := tx.Settings(ctx)
		if err != nil {
			return 0, err
		}
		ttl = auth.LifetimesOf(set).StaffReset
		if purpose == auth.PurposeSetPassword {
			ttl = auth.LifetimesOf(set).Welcome
		}
	}
	return ttl, auth.CheckLifetime(ttl)
}

// sendable locks a contact for a credential action and refuses a disabled one: a disabled
// account gets no link by any path.
func (s *Service) sendable(ctx context.Context, tx *store.Store, a Actor, contactID string) (store.Contact, error) {
	c, err := s.Lock(ctx, tx, a, contactID, Credential)
	if err != nil {
		return c, err
	}
	if c.Disabled() {
		return c, ErrDisabled
	}
	return c, nil
}

// SendResetLink emails a password-reset link living ttl (0: the settings' lifetime for links
// staff send, 24 h unless changed).
func (s *Service) SendResetLink(ctx context.Context, tx *store.Store, a Actor, contactID string, ttl time.Duration) (store.Email, time.Time, error) {
	c, err := s.sendable(ctx, tx, a, contactID)
	if err != nil {
		return store.Email{}, time.Time{}, err
	}
	if ttl, err = lifetime(ctx, tx, ttl, auth.PurposeReset); err != nil {
		return store.Email{}, time.Time{}, err
	}
	e, err := s.auth.QueueReset(ctx, tx, c, ttl, a.via())
	if err != nil {
		return e, time.Time{}, err
	}
	return e, s.now().Add(ttl), s.Audit(ctx, tx, a, "reset_link.send", OnContact(c),
		map[string]any{"email_id": e.ID, "ttl_minutes": int(ttl / time.Minute)})
}

// CopyResetLink returns a password-reset link to hand over by any channel.
func (s *Service) CopyResetLink(ctx context.Context, tx *store.Store, a Actor, contactID string, ttl time.Duration) (Link, error) {
	return s.copyLink(ctx, tx, a, contactID, ttl, auth.PurposeReset, "reset_link.copy")
}

// AccessLink returns a set-password link to hand over by any channel (Copy access link),
// living ttl (15 minutes to 7 days; 0: the welcome lifetime, 72 h unless changed).
func (s *Service) AccessLink(ctx context.Context, tx *store.Store, a Actor, contactID string, ttl time.Duration) (Link, error) {
	return s.copyLink(ctx, tx, a, contactID, ttl, auth.PurposeSetPassword, "access_link.copy")
}

func (s *Service) copyLink(ctx context.Context, tx *store.Store, a Actor, contactID string, ttl time.Duration, purpose, action string) (Link, error) {
	c, err := s.sendable(ctx, tx, a, contactID)
	if err != nil {
		return Link{}, err
	}
	if ttl, err = lifetime(ctx, tx, ttl, purpose); err != nil {
		return Link{}, err
	}
	var l Link
	if l.URL, l.Expires, err = s.auth.IssueLink(ctx, tx, c, purpose, ttl, a.ID); err != nil {
		return Link{}, err
	}
	return l, s.Audit(ctx, tx, a, action, OnContact(c), map[string]any{"ttl_minutes": int(ttl / time.Minute)})
}

// retryable statuses: the email did not reach the member.
var retryable = map[string]bool{store.EmailFailed: true, store.EmailSuppressed: true, "bounced": true}

// RetryEmail sends a failed email again as a new email (the failed one stays in the history,
// linked by retry_of). An email that carried a link carries a fresh one: the old link is
// replaced, never resent.
func (s *Service) RetryEmail(ctx context.Context, tx *store.Store, a Actor, emailID string) (store.Email, error) {
	old, err := tx.EmailForUpdate(ctx, emailID)
	if err != nil {
		return store.Email{}, err
	}
	if !retryable[old.Status] {
		return store.Email{}, ErrNotRetryable
	}
	if old.ContactID == "" {
		return store.Email{}, store.ErrNotFound
	}
	c, err := s.sendable(ctx, tx, a, old.ContactID)
	if err != nil {
		return store.Email{}, err
	}
	via := a.via()
	via.RetryOf = old.ID
	var out store.Email
	switch old.Kind {
	case mail.KindWelcome:
		o, err := tx.OfferByID(ctx, old.OfferID)
		if err != nil {
			return store.Email{}, err
		}
		out, err = s.auth.QueueWelcome(ctx, tx, c, o, via)
		if err != nil {
			return store.Email{}, err
		}
	case mail.KindPasswordReset:
		ttl, err := lifetime(ctx, tx, 0, auth.PurposeReset)
		if err != nil {
			return store.Email{}, err
		}
		if out, err = s.auth.QueueReset(ctx, tx, c, ttl, via); err != nil {
			return store.Email{}, err
		}
	case mail.KindSetPassword:
		if out, err = s.auth.QueueSetPassword(ctx, tx, c, via); err != nil {
			return store.Email{}, err
		}
	case mail.KindStaffInvite:
		if out, err = s.auth.QueueStaffInvite(ctx, tx, c, via); err != nil {
			return store.Email{}, err
		}
	case mail.KindPasswordChanged, mail.KindSignInAdded:
		// A notice is sent again as it was: it reports the same change, by the same person,
		// at the same time (and carries no link to renew).
		if out, err = s.auth.RequeueNotice(ctx, tx, c, old, via); err != nil {
			return store.Email{}, err
		}
	default:
		return store.Email{}, ErrNotRetryable
	}
	return out, s.Audit(ctx, tx, a, "email.retry", Target{Type: "email", ID: old.ID, Label: c.Email, ContactID: c.ID},
		map[string]any{"kind": old.Kind, "new_email_id": out.ID})
}
