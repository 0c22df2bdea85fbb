package auth

import (
	"context"
	"errors"
	"strings"
	"time"

	"gatehouse/server/clientip"
	"gatehouse/server/events"
	"gatehouse/server/store"
)

// Login throttles (SECURITY.md).
const (
	loginPerIP       = 20
	loginIPWindow    = time.Minute
	backoffAfter     = 5
	backoffBase      = 30 * time.Second
	backoffCap       = 15 * time.Minute
	loginIPKeyPrefix = "login:ip:"
)

// LoginResult is a successful sign-in.
type LoginResult struct {
	Token   string // the session cookie value
	Session store.Session
}

// Login checks an address and password and starts a session. Every failure is
// ErrInvalidCredentials and costs one password verification, whether or not the account
// exists, so neither the answer nor its timing tells an attacker which addresses have accounts.
func (s *Service) Login(ctx context.Context, email, password string, meta Meta) (LoginResult, error) {
	if err := s.throttle(ctx, loginIPKeyPrefix+clientip.Bucket(meta.IP), loginPerIP, loginIPWindow); err != nil {
		return LoginResult{}, err
	}
	now := s.now()
	c, err := s.store.ContactByEmail(ctx, strings.TrimSpace(email))
	if errors.Is(err, store.ErrNotFound) || (err == nil && c.PasswordHash == "") {
		return LoginResult{}, s.failDummy(ctx, password)
	}
	if err != nil {
		return LoginResult{}, err
	}
	// A backed-off account is checked like any other (same cost) but cannot succeed.
	ok, rehash, err := s.hasher.Verify(ctx, password, c.PasswordHash)
	if err != nil {
		return LoginResult{}, err
	}
	lockedOut := c.LockedUntil.After(now)
	expiredTemp := c.PasswordTemporary && !c.PasswordExpiresAt.IsZero() && !c.PasswordExpiresAt.After(now)
	if !ok || lockedOut || c.Disabled() || expiredTemp {
		if !ok && !lockedOut {
			if _, err := s.store.RecordLoginFailure(ctx, c.ID, now, backoff); err != nil {
				return LoginResult{}, err
			}
		}
		return LoginResult{}, ErrInvalidCredentials
	}
	if rehash {
		if h, err := s.hasher.Hash(ctx, password); err == nil {
			_ = s.store.UpdatePasswordHash(ctx, c.ID, h)
		}
	}
	mustChange, err := s.mustChange(ctx, c, password)
	if err != nil {
		return LoginResult{}, err
	}
	var res LoginResult
	err = s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := s.recordLogin(ctx, tx, c, "password"); err != nil {
			return err
		}
		raw, sess, err := s.startSession(ctx, tx, c, mustChange, MethodPassword, meta)
		res = LoginResult{Token: raw, Session: sess}
		return err
	})
	return res, err
}

// recordLogin notes a successful sign-in in tx. A member's very first one is an event for
// webhook subscribers (member.first_login): the moment an invitation turned into a user.
func (s *Service) recordLogin(ctx context.Context, tx *store.Store, c store.Contact, method string) error {
	now := s.now()
	first, err := tx.FirstLogin(ctx, c.ID, now)
	if err != nil {
		return err
	}
	if err := tx.RecordLogin(ctx, c.ID, now); err != nil {
		return err
	}
	if !first {
		return nil
	}
	return s.events.PublishContact(ctx, tx, events.HookFirstLogin, c, map[string]any{"method": method})
}

// mustChange says whether a sign-in may only choose a new password: a temporary password set
// by staff, or a staff account whose password does not meet the staff policy (a member
// promoted to staff chose theirs under the member rules: 12 characters, not 15).
func (s *Service) mustChange(ctx context.Context, c store.Contact, password string) (bool, error) {
	if c.PasswordTemporary || !IsStaff(c.Role) {
		return c.PasswordTemporary, nil
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		return false, err
	}
	return CheckPassword(password, c.Role, c.Email, set.PortalName) != nil, nil
}

func (s *Service) failDummy(ctx context.Context, password string) error {
	if err := s.hasher.VerifyDummy(ctx, password); err != nil {
		return err
	}
	return ErrInvalidCredentials
}

// backoff is how long an account waits after n consecutive failures: nothing for the first
// few, then 30 s doubling to a 15 min cap. Never a permanent lockout, and forgot password
// keeps working meanwhile.
func backoff(n int) time.Duration {
	if n < backoffAfter {
		return 0
	}
	d := backoffBase
	for i := backoffAfter; i < n && d < backoffCap; i++ {
		d *= 2
	}
	return min(d, backoffCap)
}

// throttle counts one event against key and refuses it past limit in the window.
func (s *Service) throttle(ctx context.Context, key string, limit int, window time.Duration) error {
	now := s.now()
	n, resetAt, err := s.store.Hit(ctx, key, window, now)
	if err != nil {
		return err
	}
	if n > limit {
		return &RateLimitedError{RetryAfter: max(resetAt.Sub(now), time.Second)}
	}
	return nil
}
