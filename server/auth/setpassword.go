package auth

import (
	"context"
	"errors"
	"slices"
	"time"

	"gatehouse/server/clientip"
	"gatehouse/server/events"
	"gatehouse/server/store"
)

// LinkState says what a one-time link can still do, for the page that opens it.
type LinkState struct {
	Purpose string
	Email   string
	Staff   bool
}

// SetPasswordWithToken consumes a one-time link and sets the account's password. The link
// works once, even under concurrent submissions; every other link and every session of the
// account ends; the owner gets a "password changed" email if a password was replaced; the
// caller is signed in.
func (s *Service) SetPasswordWithToken(ctx context.Context, raw, password, portalName string, meta Meta) (LoginResult, error) {
	if err := s.checkBadTokenBudget(ctx, meta); err != nil {
		return LoginResult{}, err
	}
	t, c, err := s.inspectToken(ctx, raw, meta)
	if err != nil {
		return LoginResult{}, err
	}
	return s.setPasswordWith(ctx, t, c, password, portalName, meta)
}

// setPasswordWith uses a live link (t, found by its token or by its code) to set c's password.
func (s *Service) setPasswordWith(ctx context.Context, t store.Token, c store.Contact, password, portalName string, meta Meta) (LoginResult, error) {
	// The policy runs before the link is used, so a refused password does not burn it.
	if err := CheckPassword(password, c.Role, c.Email, portalName); err != nil {
		return LoginResult{}, err
	}
	hash, err := s.hasher.Hash(ctx, password)
	if err != nil {
		return LoginResult{}, err
	}
	var res LoginResult
	err = s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		now := s.now()
		used, err := tx.ConsumeToken(ctx, t.TokenHash, PasswordPurposes, now)
		if err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return ErrTokenUsed // another submission won the race
			}
			return err
		}
		c, err := tx.ContactForUpdate(ctx, c.ID)
		if err != nil {
			return err
		}
		if used.EmailedTo != "" { // the link (or its code) came by email: the member reads that address
			if err := tx.MarkEmailVerified(ctx, c.ID, used.EmailedTo); err != nil {
				return err
			}
		}
		// "Your password was changed" only when one replaced another: choosing a first
		// password (a welcome link, the owner's first run) changed nothing anyone had.
		if err := s.replacePassword(ctx, tx, c, hash, false, "", c.PasswordHash != "", Via{}); err != nil {
			return err
		}
		c.PasswordTemporary = false
		if err := s.recordLogin(ctx, tx, c, "link"); err != nil {
			return err
		}
		raw, sess, err := s.startSession(ctx, tx, c, false, MethodLink, meta)
		res = LoginResult{Token: raw, Session: sess}
		return err
	})
	return res, err
}

// CheckLink tells the set-password page whether a link is still good, without using it.
func (s *Service) CheckLink(ctx context.Context, raw string, meta Meta) (LinkState, error) {
	if err := s.checkBadTokenBudget(ctx, meta); err != nil {
		return LinkState{}, err
	}
	t, c, err := s.inspectToken(ctx, raw, meta)
	if err != nil {
		return LinkState{}, err
	}
	return LinkState{Purpose: t.Purpose, Email: c.Email, Staff: IsStaff(c.Role)}, nil
}

// inspectToken finds a live link and its contact, or says why it cannot be used.
func (s *Service) inspectToken(ctx context.Context, raw string, meta Meta) (store.Token, store.Contact, error) {
	if raw == "" || len(raw) > 100 {
		return store.Token{}, store.Contact{}, s.badToken(ctx, meta)
	}
	t, err := s.store.TokenByHash(ctx, hashSecret(raw))
	if errors.Is(err, store.ErrNotFound) || (err == nil && !slices.Contains(PasswordPurposes, t.Purpose)) {
		return t, store.Contact{}, s.badToken(ctx, meta)
	}
	if err != nil {
		return t, store.Contact{}, err
	}
	switch now := s.now(); {
	case !t.UsedAt.IsZero():
		return t, store.Contact{}, s.deadLink(ctx, t, ErrTokenUsed)
	case !t.RevokedAt.IsZero(), !t.ExpiresAt.After(now):
		// A link replaced by a newer one is, to its holder, simply no longer valid.
		return t, store.Contact{}, s.deadLink(ctx, t, ErrTokenExpired)
	}
	c, err := s.store.ContactByID(ctx, t.ContactID)
	if err != nil {
		return t, c, err
	}
	if c.Disabled() {
		return t, c, ErrTokenInvalid
	}
	return t, c, nil
}

// deadLink says why a link no longer works, naming a staff account's set-up link as such.
func (s *Service) deadLink(ctx context.Context, t store.Token, err error) error {
	if t.Purpose != PurposeSetPassword {
		return err
	}
	c, cerr := s.store.ContactByID(ctx, t.ContactID)
	if cerr == nil && IsStaff(c.Role) {
		return &DeadSetupLinkError{Err: err}
	}
	return err
}

// replacePassword stores a new password and ends everything the old one opened: every live
// link, every session except keepSession and every app's tokens. Unless notify is false it queues the "password
// changed" email to the account's owner.
func (s *Service) replacePassword(ctx context.Context, tx *store.Store, c store.Contact, hash string, temporary bool, keepSession string, notify bool, via Via) error {
	now := s.now()
	var expires time.Time // a permanent password never expires
	if temporary {
		expires = now.Add(TemporaryPasswordTTL)
	}
	if err := tx.SetPassword(ctx, c.ID, hash, temporary, expires, now); err != nil {
		return err
	}
	if _, err := tx.RevokeTokens(ctx, c.ID, now); err != nil {
		return err
	}
	if _, err := tx.RevokeSessions(ctx, c.ID, keepSession, now); err != nil {
		return err
	}
	// Apps signed in with the old password sign in again (the tokens they hold are revoked).
	if _, err := tx.RevokeContactTokens(ctx, c.ID, now); err != nil {
		return err
	}
	by := "member"
	if via.CreatedBy != "" {
		by = "staff"
	}
	hook := map[string]any{"by": by, "first_password": c.PasswordHash == "", "temporary": temporary}
	if err := s.events.PublishContact(ctx, tx, events.HookPasswordChanged, c, hook); err != nil {
		return err
	}
	if !notify {
		return nil
	}
	_, err := s.QueuePasswordChanged(ctx, tx, c, via.CreatedBy != "", via)
	return err
}

// badToken counts an invalid link submission against the IP and answers ErrTokenInvalid.
func (s *Service) badToken(ctx context.Context, meta Meta) error {
	if _, _, err := s.store.Hit(ctx, "badtoken:ip:"+clientip.Bucket(meta.IP), badTokenWindow, s.now()); err != nil {
		return err
	}
	return ErrTokenInvalid
}

// checkBadTokenBudget refuses an IP that has submitted too many invalid links: guessing a
// 256-bit token is hopeless, but probing should still be slow and visible.
func (s *Service) checkBadTokenBudget(ctx context.Context, meta Meta) error {
	n, err := s.store.Peek(ctx, "badtoken:ip:"+clientip.Bucket(meta.IP), badTokenWindow, s.now())
	if err != nil {
		return err
	}
	if n >= badTokensPerIP {
		return &RateLimitedError{RetryAfter: badTokenWindow}
	}
	return nil
}
