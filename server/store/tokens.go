package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Token is a one-time link's stored half: its hash, owner, purpose and lifetime.
type Token struct {
	bun.BaseModel `bun:"table:one_time_tokens"`

	ID        string    `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	ContactID string    `bun:"contact_id,type:uuid"`
	Purpose   string    `bun:"purpose"`
	Scope     string    `bun:"scope"`
	TokenHash []byte    `bun:"token_hash"`
	CreatedBy string    `bun:"created_by,type:uuid,nullzero"`
	CreatedAt time.Time `bun:"created_at,nullzero,notnull,default:now()"`
	ExpiresAt time.Time `bun:"expires_at"`
	UsedAt    time.Time `bun:"used_at,nullzero"`
	RevokedAt time.Time `bun:"revoked_at,nullzero"`
	// CodeMAC is the HMAC of the six-digit code emailed beside the link (nil: no code);
	// CodeAttempts counts wrong codes tried against it (5 kill the code, not the link).
	CodeMAC      []byte `bun:"code_mac"`
	CodeAttempts int    `bun:"code_attempts"`
	EmailedTo    string `bun:"emailed_to,nullzero"` // the address it was emailed to; empty for copied links
}

// ReplaceToken revokes the contact's live tokens of the same purpose and scope, then inserts t:
// a new link always retires the one it replaces.
func (s *Store) ReplaceToken(ctx context.Context, t *Token, now time.Time) error {
	_, err := s.db.NewUpdate().Model((*Token)(nil)).
		Where("contact_id = ? AND purpose = ? AND scope = ?", t.ContactID, t.Purpose, t.Scope).
		Where("used_at IS NULL AND revoked_at IS NULL").
		Set("revoked_at = ?", now).Exec(ctx)
	if err != nil {
		return dbErr("revoke older tokens", err)
	}
	_, err = s.db.NewInsert().Model(t).Returning("*").Exec(ctx)
	return dbErr("create token", err)
}

// ConsumeToken marks the token with this hash used, if it is live at now and has one of the
// purposes. The single conditional UPDATE is what makes a link work exactly once under
// concurrency. A token that cannot be consumed is ErrNotFound (TokenByHash tells why).
func (s *Store) ConsumeToken(ctx context.Context, hash []byte, purposes []string, now time.Time) (Token, error) {
	var t Token
	err := s.db.NewUpdate().Model(&t).
		Where("token_hash = ?", hash).
		Where("purpose IN (?)", bun.List(purposes)).
		Where("used_at IS NULL AND revoked_at IS NULL AND expires_at > ?", now).
		Set("used_at = ?", now).
		Returning("*").Scan(ctx)
	return t, dbErr("consume token", err)
}

// TokenByHash returns a token whatever its state.
func (s *Store) TokenByHash(ctx context.Context, hash []byte) (Token, error) {
	var t Token
	err := s.db.NewSelect().Model(&t).Where("token_hash = ?", hash).Scan(ctx)
	return t, dbErr("token by hash", err)
}

// RevokeTokens retires every live token of a contact (any password change does this).
func (s *Store) RevokeTokens(ctx context.Context, contactID string, now time.Time) (int, error) {
	res, err := s.db.NewUpdate().Model((*Token)(nil)).
		Where("contact_id = ? AND used_at IS NULL AND revoked_at IS NULL", contactID).
		Set("revoked_at = ?", now).Exec(ctx)
	if err != nil {
		return 0, dbErr("revoke tokens", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// PendingTokens counts a contact's live links at now (shown to staff as "pending links").
func (s *Store) PendingTokens(ctx context.Context, contactID string, now time.Time) (int, error) {
	n, err := s.db.NewSelect().Model((*Token)(nil)).
		Where("contact_id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?", contactID, now).Count(ctx)
	return int(n), dbErr("pending tokens", err)
}
