package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// SignInCode is a six-digit code a member asked for to sign in, bound to their browser.
type SignInCode struct {
	bun.BaseModel `bun:"table:sign_in_codes"`

	ID          string    `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	ContactID   string    `bun:"contact_id,type:uuid"`
	BrowserHash []byte    `bun:"browser_hash"`
	CodeMAC     []byte    `bun:"code_mac"`
	Attempts    int       `bun:"attempts"`
	CreatedAt   time.Time `bun:"created_at,nullzero,notnull,default:now()"`
	ExpiresAt   time.Time `bun:"expires_at"`
	UsedAt      time.Time `bun:"used_at,nullzero"`
}

// MaxCodeAttempts is how many wrong codes kill a code (a sign-in code, or the code beside a
// link).
const MaxCodeAttempts = 5

// ReplaceSignInCode stores c as the contact's code for its browser, in place of the one that
// browser had; codes asked for from other browsers stay.
func (s *Store) ReplaceSignInCode(ctx context.Context, c *SignInCode) error {
	if _, err := s.db.NewDelete().Model((*SignInCode)(nil)).
		Where("contact_id = ? AND browser_hash = ? AND used_at IS NULL", c.ContactID, c.BrowserHash).Exec(ctx); err != nil {
		return dbErr("replace sign-in code", err)
	}
	_, err := s.db.NewInsert().Model(c).Returning("*").Exec(ctx)
	return dbErr("create sign-in code", err)
}

// LiveSignInCode returns the contact's unused, unexpired code for a browser that still has
// tries left.
func (s *Store) LiveSignInCode(ctx context.Context, contactID string, browserHash []byte, now time.Time) (SignInCode, error) {
	var c SignInCode
	err := s.db.NewSelect().Model(&c).
		Where("contact_id = ? AND browser_hash = ? AND used_at IS NULL AND expires_at > ? AND attempts < ?", contactID, browserHash, now, MaxCodeAttempts).
		Scan(ctx)
	return c, dbErr("live sign-in code", err)
}

// MissSignInCode counts a wrong code against a code and returns the tries used.
func (s *Store) MissSignInCode(ctx context.Context, id string) (int, error) {
	var n int
	err := s.db.NewRaw(`UPDATE sign_in_codes SET attempts = attempts + 1 WHERE id = ? RETURNING attempts`, id).Scan(ctx, &n)
	return n, dbErr("miss sign-in code", err)
}

// UseSignInCode marks a code used if it is still good: the single conditional UPDATE makes a
// code work once under concurrency (ErrNotFound for the losers).
func (s *Store) UseSignInCode(ctx context.Context, id string, now time.Time) error {
	res, err := s.db.NewUpdate().Model((*SignInCode)(nil)).
		Where("id = ? AND used_at IS NULL AND expires_at > ? AND attempts < ?", id, now, MaxCodeAttempts).
		Set("used_at = ?", now).Exec(ctx)
	return affected("use sign-in code", res, err)
}

// LinkCodeTokens returns a contact's live links of the purposes that carry a code with tries
// left: the tokens a code typed with that account's address may belong to.
func (s *Store) LinkCodeTokens(ctx context.Context, contactID string, purposes []string, now time.Time) ([]Token, error) {
	var out []Token
	err := s.db.NewSelect().Model(&out).
		Where("contact_id = ? AND purpose IN (?) AND code_mac IS NOT NULL AND code_attempts < ?", contactID, bun.List(purposes), MaxCodeAttempts).
		Where("used_at IS NULL AND revoked_at IS NULL AND expires_at > ?", now).
		Scan(ctx)
	return out, dbErr("link code tokens", err)
}

// MissLinkCodes counts a wrong code against each of the tokens it was tried on.
func (s *Store) MissLinkCodes(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := s.db.NewUpdate().Model((*Token)(nil)).Where("id IN (?)", bun.List(ids)).Set("code_attempts = code_attempts + 1").Exec(ctx)
	return dbErr("miss link codes", err)
}

// LinkCodesDead reports whether every code-carrying link of a contact has used up its tries
// (the member is told to ask for a new email rather than "wrong code").
func (s *Store) LinkCodesDead(ctx context.Context, contactID string, purposes []string, now time.Time) (bool, error) {
	n, err := s.db.NewSelect().Model((*Token)(nil)).
		Where("contact_id = ? AND purpose IN (?) AND code_mac IS NOT NULL AND code_attempts >= ?", contactID, bun.List(purposes), MaxCodeAttempts).
		Where("used_at IS NULL AND revoked_at IS NULL AND expires_at > ?", now).Count(ctx)
	return n > 0, dbErr("dead link codes", err)
}
