package auth

import (
	"context"
	"time"

	"gatehouse/server/store"
)

// TemporaryPasswordTTL is how long a staff-set temporary password works (SECURITY.md).
const TemporaryPasswordTTL = 24 * time.Hour

// ChangePassword replaces (or sets a first) password for the signed-in member. It needs the
// current password, except right after signing in with a temporary one or with an emailed
// code (those sign-ins just proved the member, as a reset link would). Every other session and
// every outstanding link ends.
func (s *Service) ChangePassword(ctx context.Context, sess store.Session, current, next, portalName string) error {
	c, err := s.store.ContactByID(ctx, sess.ContactID)
	if err != nil {
		return err
	}
	if !sess.MustChangePassword && !s.FreshCodeSignIn(sess) {
		if c.PasswordHash == "" || current == "" {
			return ErrWrongPassword
		}
		ok, _, err := s.hasher.Verify(ctx, current, c.PasswordHash)
		if err != nil {
			return err
		}
		if !ok {
			return ErrWrongPassword
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
