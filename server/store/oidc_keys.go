package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// SigningKey is one of the OpenID provider's RS256 keys. The private half is sealed with the
// server key; the public half is published in the key set until PublishUntil.
type SigningKey struct {
	bun.BaseModel `bun:"table:oidc_signing_keys,alias:k"`

	ID               string    `bun:"id,pk"`
	Algorithm        string    `bun:"algorithm"`
	PublicKey        []byte    `bun:"public_key"` // DER, PKIX
	PrivateKeySealed string    `bun:"private_key_sealed"`
	CreatedAt        time.Time `bun:"created_at,nullzero,notnull,default:now()"`
	ActiveFrom       time.Time `bun:"active_from"`
	RetiredAt        time.Time `bun:"retired_at,nullzero"`
	PublishUntil     time.Time `bun:"publish_until,nullzero"`
}

// LockSigningKeys takes a transaction-scoped lock so only one instance rotates at a time.
func (s *Store) LockSigningKeys(ctx context.Context) error {
	_, err := s.db.NewRaw("SELECT pg_advisory_xact_lock(hashtext('gatehouse oidc signing keys'))").Exec(ctx)
	return dbErr("lock signing keys", err)
}

// AddSigningKey stores a new key.
func (s *Store) AddSigningKey(ctx context.Context, k *SigningKey) error {
	_, err := s.db.NewInsert().Model(k).Returning("*").Exec(ctx)
	return dbErr("add signing key", err)
}

// SigningKeys lists the keys not yet retired, newest first (the one that signs, and the next
// one published ahead of its turn).
func (s *Store) SigningKeys(ctx context.Context) ([]SigningKey, error) {
	out := []SigningKey{}
	err := s.db.NewSelect().Model(&out).Where("retired_at IS NULL").Order("active_from DESC", "id").Scan(ctx)
	return out, dbErr("signing keys", err)
}

// PublishedKeys lists the keys whose public half is in the key set at now.
func (s *Store) PublishedKeys(ctx context.Context, now time.Time) ([]SigningKey, error) {
	out := []SigningKey{}
	err := s.db.NewSelect().Model(&out).Where("publish_until IS NULL OR publish_until > ?", now).
		Order("active_from DESC", "id").Scan(ctx)
	return out, dbErr("published keys", err)
}

// RetireSigningKeys stops every key that became active before activeBefore (except keep) from
// signing; each stays published until publishUntil.
func (s *Store) RetireSigningKeys(ctx context.Context, keep string, activeBefore, now, publishUntil time.Time) error {
	_, err := s.db.NewUpdate().Model((*SigningKey)(nil)).
		Where("retired_at IS NULL AND id <> ? AND active_from <= ?", keep, activeBefore).
		Set("retired_at = ?", now).Set("publish_until = ?", publishUntil).Exec(ctx)
	return dbErr("retire signing keys", err)
}

// ResealSigningKey stores a private key sealed again (after the server key rotated).
func (s *Store) ResealSigningKey(ctx context.Context, id, sealed string) error {
	_, err := s.db.NewUpdate().Model((*SigningKey)(nil)).Where("id = ?", id).Set("private_key_sealed = ?", sealed).Exec(ctx)
	return dbErr("reseal signing key", err)
}

// PruneSigningKeys deletes the keys no longer published.
func (s *Store) PruneSigningKeys(ctx context.Context, now time.Time) error {
	_, err := s.db.NewDelete().Model((*SigningKey)(nil)).Where("publish_until IS NOT NULL AND publish_until <= ?", now).Exec(ctx)
	return dbErr("prune signing keys", err)
}
