package auth

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"time"

	"gatehouse/server/store"
)

// Session lifetimes (SECURITY.md): staff sessions are short because they can act on everyone.
const (
	MemberIdleTimeout     = 7 * 24 * time.Hour
	MemberAbsoluteTimeout = 30 * 24 * time.Hour
	StaffIdleTimeout      = 30 * time.Minute
	StaffAbsoluteTimeout  = 12 * time.Hour
)

// touchEvery limits idle-deadline writes to one per minute per session.
const touchEvery = time.Minute

// How a session started (store.Session.Method).
const (
	MethodPassword = "password"
	MethodCode     = "code"     // an emailed sign-in code
	MethodLink     = "link"     // a password chosen through an emailed link or its code
	MethodProvider = "provider" // Google, GitHub, Microsoft, OpenID Connect
)

// startSession creates a new session (always a new random id: no fixation) and returns the
// cookie value. Only its hash is stored.
func (s *Service) startSession(ctx context.Context, tx *store.Store, c store.Contact, mustChange bool, method string, meta Meta) (string, store.Session, error) {
	raw, hash := newSecret()
	idle, absolute := MemberIdleTimeout, MemberAbsoluteTimeout
	if IsStaff(c.Role) {
		idle, absolute = StaffIdleTimeout, StaffAbsoluteTimeout
	}
	now := s.now()
	sess := store.Session{
		ContactID: c.ID, TokenHash: hash, IdleTimeoutSeconds: int(idle / time.Second), MustChangePassword: mustChange, Method: method,
		IP: meta.IP, UserAgent: truncate(meta.UserAgent, 400), CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(absolute),
	}
	if err := tx.CreateSession(ctx, &sess); err != nil {
		return "", store.Session{}, err
	}
	sess.Contact = &c
	return raw, sess, nil
}

// Authenticate returns the live session for a cookie value, with its contact. A disabled
// contact has no valid session.
func (s *Service) Authenticate(ctx context.Context, raw string) (store.Session, error) {
	if raw == "" || len(raw) > 100 {
		return store.Session{}, ErrNoSession
	}
	now := s.now()
	sess, err := s.store.SessionByTokenHash(ctx, hashSecret(raw), now)
	if errors.Is(err, store.ErrNotFound) {
		return store.Session{}, ErrNoSession
	}
	if err != nil {
		return store.Session{}, err
	}
	if sess.Contact == nil || sess.Contact.Disabled() {
		return store.Session{}, ErrNoSession
	}
	if now.Sub(sess.LastSeenAt) >= touchEvery {
		if err := s.store.TouchSession(ctx, sess.ID, now); err != nil {
			return store.Session{}, err
		}
		sess.LastSeenAt = now
	}
	return sess, nil
}

// Logout ends the session behind a cookie value (nothing happens for an unknown one).
func (s *Service) Logout(ctx context.Context, raw string) error {
	sess, err := s.Authenticate(ctx, raw)
	if errors.Is(err, ErrNoSession) {
		return nil
	}
	if err != nil {
		return err
	}
	return s.store.RevokeSession(ctx, sess.ContactID, sess.ID, s.now())
}

// CSRFToken derives the anti-CSRF token of a session from its secret cookie value: a page on
// another site can neither read the cookie nor this token, and nothing extra is stored.
func CSRFToken(sessionRaw string) string {
	sum := sha256.Sum256([]byte("gatehouse csrf\x00" + sessionRaw))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// ValidCSRF compares a presented token with the session's in constant time.
func ValidCSRF(sessionRaw, presented string) bool {
	return presented != "" && subtle.ConstantTimeCompare([]byte(CSRFToken(sessionRaw)), []byte(presented)) == 1
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
