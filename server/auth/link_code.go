package auth

import (
	"context"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"gatehouse/server/store"
)

// linkCodeMissWindow bounds how long wrong codes for an address with no code-carrying link
// are counted, so that such an address answers like one whose links' codes were used up.
const linkCodeMissWindow = 24 * time.Hour

// findLinkCode finds the live link whose code this is, for the account with this address. A
// code works only with its account's address; each link's code gets 5 wrong tries, then it is
// dead (the link itself still works) and the member is told to ask for a new email.
func (s *Service) findLinkCode(ctx context.Context, email, code string, meta Meta) (store.Token, store.Contact, error) {
	code, err := NormalizeCode(code)
	if err != nil {
		return store.Token{}, store.Contact{}, err
	}
	if err := s.checkBadTokenBudget(ctx, meta); err != nil {
		return store.Token{}, store.Contact{}, err
	}
	now := s.now()
	c, err := s.store.ContactByEmail(ctx, strings.TrimSpace(email))
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return store.Token{}, c, err
	}
	var tokens []store.Token
	if err == nil && !c.Disabled() {
		if tokens, err = s.store.LinkCodeTokens(ctx, c.ID, PasswordPurposes, now); err != nil {
			return store.Token{}, c, err
		}
	}
	for _, t := range tokens {
		if s.keys.Verify(t.CodeMAC, macLinkCode, c.ID, hex.EncodeToString(t.TokenHash), code) {
			return t, c, nil
		}
	}
	if err := s.badToken(ctx, meta); !errors.Is(err, ErrTokenInvalid) {
		return store.Token{}, c, err
	}
	if len(tokens) > 0 {
		ids := make([]string, len(tokens))
		dead := true
		for i, t := range tokens {
			ids[i] = t.ID
			dead = dead && t.CodeAttempts+1 >= store.MaxCodeAttempts
		}
		if err := s.store.MissLinkCodes(ctx, ids); err != nil {
			return store.Token{}, c, err
		}
		if dead {
			return store.Token{}, c, ErrCodeDead
		}
		return store.Token{}, c, ErrCodeInvalid
	}
	// No live code for this address (unknown, disabled, none sent, or all used up): count the
	// miss against the address, so after 5 it answers "dead" like an account whose codes died.
	n, _, err := s.store.Hit(ctx, "linkcode:miss:"+strings.ToLower(strings.TrimSpace(email)), linkCodeMissWindow, now)
	switch {
	case err != nil:
		return store.Token{}, c, err
	case n >= store.MaxCodeAttempts:
		return store.Token{}, c, ErrCodeDead
	}
	if c.ID != "" {
		if dead, err := s.store.LinkCodesDead(ctx, c.ID, PasswordPurposes, now); err != nil || dead {
			if err != nil {
				return store.Token{}, c, err
			}
			return store.Token{}, c, ErrCodeDead
		}
	}
	return store.Token{}, c, ErrCodeInvalid
}

// CheckLinkCode tells the choose-a-password page what the emailed code opens, without using it.
func (s *Service) CheckLinkCode(ctx context.Context, email, code string, meta Meta) (LinkState, error) {
	t, c, err := s.findLinkCode(ctx, email, code, meta)
	if err != nil {
		return LinkState{}, err
	}
	return LinkState{Purpose: t.Purpose, Email: c.Email, Staff: IsStaff(c.Role)}, nil
}

// SetPasswordWithCode does what SetPasswordWithToken does, with the code beside the link:
// using the code uses the link (they are one token), exactly once under concurrency.
func (s *Service) SetPasswordWithCode(ctx context.Context, email, code, password, portalName string, meta Meta) (LoginResult, error) {
	t, c, err := s.findLinkCode(ctx, email, code, meta)
	if err != nil {
		return LoginResult{}, err
	}
	return s.setPasswordWith(ctx, t, c, password, portalName, meta)
}
