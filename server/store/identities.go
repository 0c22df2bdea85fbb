package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Identity links a contact to an account at an OAuth provider.
type Identity struct {
	bun.BaseModel `bun:"table:identities"`

	ID             string    `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	ContactID      string    `bun:"contact_id,type:uuid"`
	Provider       string    `bun:"provider"`
	ProviderUserID string    `bun:"provider_user_id"`
	Email          string    `bun:"email"`
	CreatedAt      time.Time `bun:"created_at,nullzero,notnull,default:now()"`
	LastUsedAt     time.Time `bun:"last_used_at,nullzero"`
}

// IdentityFor finds the identity of a provider account.
func (s *Store) IdentityFor(ctx context.Context, provider, userID string) (Identity, error) {
	var id Identity
	err := s.db.NewSelect().Model(&id).Where("provider = ? AND provider_user_id = ?", provider, userID).Scan(ctx)
	return id, dbErr("identity", err)
}

// CreateIdentity links a provider account; one already linked (to anyone) is ErrConflict.
func (s *Store) CreateIdentity(ctx context.Context, id *Identity) error {
	_, err := s.db.NewInsert().Model(id).Returning("*").Exec(ctx)
	return dbErr("create identity", err)
}

// TouchIdentity records a sign-in with an identity.
func (s *Store) TouchIdentity(ctx context.Context, id string, now time.Time) error {
	_, err := s.db.NewUpdate().Model((*Identity)(nil)).Where("id = ?", id).Set("last_used_at = ?", now).Exec(ctx)
	return dbErr("touch identity", err)
}

// ContactIdentities lists a contact's linked identities.
func (s *Store) ContactIdentities(ctx context.Context, contactID string) ([]Identity, error) {
	out := []Identity{}
	err := s.db.NewSelect().Model(&out).Where("contact_id = ?", contactID).Order("provider", "created_at").Scan(ctx)
	return out, dbErr("contact identities", err)
}

// DeleteIdentity unlinks one of a contact's identities (the contact id guards the others').
func (s *Store) DeleteIdentity(ctx context.Context, contactID, id string) (Identity, error) {
	var out Identity
	err := s.db.NewDelete().Model(&out).Where("id = ? AND contact_id = ?", id, contactID).Returning("*").Scan(ctx)
	return out, dbErr("delete identity", err)
}

// OAuthState is a sign-in in progress.
type OAuthState struct {
	bun.BaseModel `bun:"table:oauth_states"`

	StateHash    []byte    `bun:"state_hash,pk"`
	NonceHash    []byte    `bun:"nonce_hash"`
	Provider     string    `bun:"provider"`
	Mode         string    `bun:"mode"`
	ContactID    string    `bun:"contact_id,type:uuid,nullzero"`
	CodeVerifier string    `bun:"code_verifier"`
	OIDCNonce    string    `bun:"oidc_nonce"`
	Session      string    `bun:"session"`
	NextPath     string    `bun:"next_path"`
	CreatedAt    time.Time `bun:"created_at,nullzero,notnull,default:now()"`
	ExpiresAt    time.Time `bun:"expires_at"`
	UsedAt       time.Time `bun:"used_at,nullzero"`
}

// CreateOAuthState stores a sign-in in progress (and forgets those long expired).
func (s *Store) CreateOAuthState(ctx context.Context, st *OAuthState) error {
	if _, err := s.db.NewDelete().Model((*OAuthState)(nil)).Where("expires_at < ?", st.CreatedAt.Add(-time.Hour)).Exec(ctx); err != nil {
		return dbErr("prune oauth states", err)
	}
	_, err := s.db.NewInsert().Model(st).Exec(ctx)
	return dbErr("create oauth state", err)
}

// ConsumeOAuthState marks a live state used and returns it; a state unknown, used or expired
// is ErrNotFound. One conditional UPDATE: a replayed callback finds it used.
func (s *Store) ConsumeOAuthState(ctx context.Context, stateHash []byte, now time.Time) (OAuthState, error) {
	var st OAuthState
	err := s.db.NewUpdate().Model(&st).Where("state_hash = ? AND used_at IS NULL AND expires_at > ?", stateHash, now).
		Set("used_at = ?", now).Returning("*").Scan(ctx)
	return st, dbErr("consume oauth state", err)
}
