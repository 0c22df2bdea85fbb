package auth

import (
	"context"
	"time"

	"gatehouse/server/clientip"
	"gatehouse/server/store"
)

// TemporaryPasswordTTL is how long a staff-set temporary password works (SECURITY.md).
const TemporaryPasswordTTL = 24 * time.Hour

// Wrong current passwords at a password change: an IP gets this many per window.
const (
	changeFailuresPerIP = 10
	changeFailureWindow = 15 * time.Minute
)

// ChangePassword replaces (or sets a first) password for the signed-in member. It needs the
// current password, except right after signing in with a temporary one or with an emailed
// code (those sign-ins just proved the member, as a reset link would). Every other session and
// every outstanding link ends.
func (s *Service) ChangePassword(ctx context.Context, sess store.Session, current, next, portalName string, meta Meta) error {
	c, err := s.store.ContactByID(ctx, sess.ContactID)
	if err != nil {
		return err
	}
	if !sess.MustChangePassword && !s.FreshCodeSignIn(sess) {
		if err := s.checkCurrentPassword(ctx, c, current, meta); err != nil {
			return err
		}
	}
	if err := CheckPassword(next, c.Role, c.Email, portalName); err != nil {
		return err
	}
	hash, err := s.hasher.Hash(ctx, next)
	if err != nil {
		return err
	}
	return s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		c, err := tx.ContactForUpdate(ctx, c.ID)
		if err != nil {
			return err
		}
		if err := s.replacePassword(ctx, tx, c, hash, false, sess.ID, c.PasswordHash != "", Via{}); err != nil {
			return err
		}
		return tx.ClearMustChangePassword(ctx, sess.ID)
	})
}

// FreshCodeSignIn reports whether a session began with an emailed sign-in code less than 10
// minutes ago: for that long the member may set a password without a current one.
func (s *Service) FreshCodeSignIn(sess store.Session) bool {
	return sess.Method == MethodCode && s.now().Sub(sess.CreatedAt) < SignInCodeTTL
}

// checkCurrentPassword verifies the current password at a password change. Whoever holds a
// session (a stolen one, a shared computer) could otherwise guess it without limit and then
// take the account for good, so wrong guesses cost what failed logins cost: the account backs
// off after 5 in a row (30 s doubling to 15 min, shared with login), and an IP gets 10 per 15
// minutes.
func (s *Service) checkCurrentPassword(ctx context.Context, c store.Contact, current string, meta Meta) error {
	now := s.now()
	ipKey := "pwchange:ip:" + clientip.Bucket(meta.IP)
	n, err := s.store.Peek(ctx, ipKey, changeFailureWindow, now)
	if err != nil {
		return err
	}
	if n >= changeFailuresPerIP {
		return &RateLimitedError{RetryAfter: changeFailureWindow}
	}
	if c.LockedUntil.After(now) {
		return &RateLimitedError{RetryAfter: max(c.LockedUntil.Sub(now), time.Second)}
	}
	if c.PasswordHash == "" || current == "" {
		return ErrWrongPassword // nothing was guessed
	}
	ok, _, err := s.hasher.Verify(ctx, current, c.PasswordHash)
	if err != nil || ok {
		return err
	}
	if _, _, err := s.store.Hit(ctx, ipKey, changeFailureWindow, now); err != nil {
		return err
	}
	if _, err := s.store.RecordLoginFailure(ctx, c.ID, now, backoff); err != nil {
		return err
	}
	return ErrWrongPassword
}

// Sessions lists the contact's live sessions.
func (s *Service) Sessions(ctx context.Context, contactID string) ([]store.Session, error) {
	return s.store.LiveSessions(ctx, contactID, s.now())
}

// EndSession signs out one of the contact's own sessions.
func (s *Service) EndSession(ctx context.Context, contactID, sessionID string) error {
	return s.store.RevokeSession(ctx, contactID, sessionID, s.now())
}

// EndOtherSessions signs out every session of the contact but the current one.
func (s *Service) EndOtherSessions(ctx context.Context, sess store.Session) (int, error) {
	return s.store.RevokeSessions(ctx, sess.ContactID, sess.ID, s.now())
}
