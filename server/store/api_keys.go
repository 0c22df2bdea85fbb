package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// APIKey is a key for the machine API (/api/v1). Only the SHA-256 of the key is stored.
type APIKey struct {
	bun.BaseModel `bun:"table:api_keys"`

	ID             string    `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	Name           string    `bun:"name"`
	Prefix         string    `bun:"prefix"`
	KeyHash        []byte    `bun:"key_hash"`
	Scopes         []string  `bun:"scopes,array"`
	RatePerMinute  int       `bun:"rate_per_minute"`
	CreatedBy      string    `bun:"created_by,type:uuid,nullzero"`
	CreatedByEmail string    `bun:"created_by_email"`
	CreatedAt      time.Time `bun:"created_at,nullzero,notnull,default:now()"`
	LastUsedAt     time.Time `bun:"last_used_at,nullzero"`
	RevokedAt      time.Time `bun:"revoked_at,nullzero"`
}

// CreateAPIKey inserts k and fills in its id.
func (s *Store) CreateAPIKey(ctx context.Context, k *APIKey) error {
	_, err := s.db.NewInsert().Model(k).Returning("*").Exec(ctx)
	return dbErr("create api key", err)
}

// APIKeyByHash returns the key whose SHA-256 is hash, revoked or not.
func (s *Store) APIKeyByHash(ctx context.Context, hash []byte) (APIKey, error) {
	var k APIKey
	err := s.db.NewSelect().Model(&k).Where("key_hash = ?", hash).Scan(ctx)
	return k, dbErr("api key by hash", err)
}

// APIKeyByID returns one key.
func (s *Store) APIKeyByID(ctx context.Context, id string) (APIKey, error) {
	var k APIKey
	err := s.db.NewSelect().Model(&k).Where("id = ?", id).Scan(ctx)
	return k, dbErr("api key by id", err)
}

// ListAPIKeys returns keys newest first, revoked ones included (they explain old audit entries).
func (s *Store) ListAPIKeys(ctx context.Context, p Page) ([]APIKey, error) {
	out := []APIKey{}
	err := p.newestFirst(s.db.NewSelect().Model(&out).ExcludeColumn("key_hash"), "created_at", "id").Scan(ctx)
	return out, dbErr("list api keys", err)
}

// RevokeAPIKey ends a key at now; a key already revoked is ErrNotFound.
func (s *Store) RevokeAPIKey(ctx context.Context, id string, now time.Time) (APIKey, error) {
	var k APIKey
	err := s.db.NewUpdate().Model(&k).Where("id = ? AND revoked_at IS NULL", id).Set("revoked_at = ?", now).
		Returning("*").Scan(ctx)
	return k, dbErr("revoke api key", err)
}

// TouchAPIKey records that a key was used, at most once a minute per key: a busy integration
// should not turn every call into a write of the same row.
func (s *Store) TouchAPIKey(ctx context.Context, id string, now time.Time) error {
	_, err := s.db.NewUpdate().Model((*APIKey)(nil)).Where("id = ?", id).
		Where("last_used_at IS NULL OR last_used_at < ?", now.Add(-time.Minute)).
		Set("last_used_at = ?", now).Exec(ctx)
	return dbErr("touch api key", err)
}
