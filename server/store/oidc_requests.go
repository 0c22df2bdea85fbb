package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// ErrCodeReused means an authorization code was presented after it had been exchanged: the
// tokens the first exchange minted were revoked with this answer.
var ErrCodeReused = errors.New("store: authorization code used twice")

// AuthRequest is one OpenID Connect authorization, from /authorize to the code exchange.
type AuthRequest struct {
	bun.BaseModel `bun:"table:oidc_auth_requests,alias:ar"`

	ID                  string    `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	AppID               string    `bun:"app_id,type:uuid"`
	ClientID            string    `bun:"client_id"`
	RedirectURI         string    `bun:"redirect_uri"`
	Scopes              []string  `bun:"scopes,array"`
	State               string    `bun:"state"`
	Nonce               string    `bun:"nonce"`
	ResponseType        string    `bun:"response_type"`
	ResponseMode        string    `bun:"response_mode"`
	CodeChallenge       string    `bun:"code_challenge"`
	CodeChallengeMethod string    `bun:"code_challenge_method"`
	MaxAgeSeconds       *int      `bun:"max_age_seconds"`
	Prompt              []string  `bun:"prompt,array"`
	ContactID           string    `bun:"contact_id,type:uuid,nullzero"`
	SessionID           string    `bun:"session_id,type:uuid,nullzero"`
	AuthTime            time.Time `bun:"auth_time,nullzero"`
	AMR                 []string  `bun:"amr,array"`
	CodeHash            []byte    `bun:"code_hash"`
	CodeExpiresAt       time.Time `bun:"code_expires_at,nullzero"`
	CodeUsedAt          time.Time `bun:"code_used_at,nullzero"`
	CodeReusedAt        time.Time `bun:"code_reused_at,nullzero"`
	CreatedAt           time.Time `bun:"created_at,nullzero,notnull,default:now()"`
	ExpiresAt           time.Time `bun:"expires_at"`
}

// CreateAuthRequest stores a validated authorization request.
func (s *Store) CreateAuthRequest(ctx context.Context, r *AuthRequest) error {
	for _, p := range []*[]string{&r.Scopes, &r.Prompt, &r.AMR} {
		if *p == nil {
			*p = []string{}
		}
	}
	_, err := s.db.NewInsert().Model(r).Returning("*").Exec(ctx)
	return dbErr("create auth request", err)
}

// AuthRequestByID returns an authorization request that has not expired at now.
func (s *Store) AuthRequestByID(ctx context.Context, id string, now time.Time) (AuthRequest, error) {
	var r AuthRequest
	err := s.db.NewSelect().Model(&r).Where("id = ? AND expires_at > ?", id, now).Scan(ctx)
	return r, dbErr("auth request", err)
}

// CompleteAuthRequest records who signed in for a request, in which portal session. A
// request is completed once; a second completion (another browser) is ErrNotFound.
func (s *Store) CompleteAuthRequest(ctx context.Context, id, contactID, sessionID string, authTime, now time.Time, amr []string) error {
	res, err := s.db.NewUpdate().Model((*AuthRequest)(nil)).
		Where("id = ? AND expires_at > ? AND (contact_id IS NULL OR (contact_id = ? AND session_id = ? AND code_hash IS NULL))", id, now, contactID, sessionID).
		Set("contact_id = ?", contactID).Set("session_id = ?", sessionID).
		Set("auth_time = ?", authTime).Set("amr = ?", pgdialect.Array(nonNil(amr))).Exec(ctx)
	return affected("complete auth request", res, err)
}

// SaveAuthCode stores the hash of the code issued for a completed request; each request gets
// one code.
func (s *Store) SaveAuthCode(ctx context.Context, id string, hash []byte, expires time.Time) error {
	res, err := s.db.NewUpdate().Model((*AuthRequest)(nil)).
		Where("id = ? AND contact_id IS NOT NULL AND code_hash IS NULL", id).
		Set("code_hash = ?", hash).Set("code_expires_at = ?", expires).Exec(ctx)
	return affected("save auth code", res, err)
}

// ClaimAuthCode returns the request a code was issued for and marks the code used, once.
// A code presented again is ErrCodeReused, and every token minted from it is revoked (and
// stays revoked: that part commits although the answer is an error); an unknown or expired
// code is ErrNotFound.
func (s *Store) ClaimAuthCode(ctx context.Context, hash []byte, now time.Time) (AuthRequest, error) {
	var r AuthRequest
	reused := false
	err := s.InTx(ctx, func(ctx context.Context, tx *Store) error {
		reused = false
		if err := tx.db.NewSelect().Model(&r).Where("code_hash = ?", hash).For("UPDATE").Scan(ctx); err != nil {
			return dbErr("claim auth code", err)
		}
		if !r.CodeUsedAt.IsZero() {
			reused = true
			if _, err := tx.db.NewUpdate().Model((*AuthRequest)(nil)).Where("id = ?", r.ID).Set("code_reused_at = ?", now).Exec(ctx); err != nil {
				return dbErr("mark code reused", err)
			}
			_, err := tx.RevokeTokenFamily(ctx, r.ID, now)
			return err
		}
		if !r.CodeExpiresAt.After(now) || !r.ExpiresAt.After(now) {
			return fmt.Errorf("store: claim auth code: expired: %w", ErrNotFound)
		}
		_, err := tx.db.NewUpdate().Model((*AuthRequest)(nil)).Where("id = ?", r.ID).Set("code_used_at = ?", now).Exec(ctx)
		return dbErr("claim auth code", err)
	})
	if err == nil && reused {
		err = fmt.Errorf("store: claim auth code: %w", ErrCodeReused)
	}
	return r, err
}

// AuthRequestFamilyLocked locks a request's row and reports whether its code was replayed:
// tokens are minted under this lock, so a replay racing an exchange either sees the tokens
// (and revokes them) or makes the exchange refuse to mint.
func (s *Store) AuthRequestFamilyLocked(ctx context.Context, id string) (replayed bool, err error) {
	var reused time.Time
	err = s.db.NewRaw("SELECT coalesce(code_reused_at, 'epoch') FROM oidc_auth_requests WHERE id = ? FOR UPDATE", id).Scan(ctx, &reused)
	if errors.Is(dbErr("", err), ErrNotFound) {
		return false, nil // pruned: nothing to race with
	}
	if err != nil {
		return false, dbErr("lock auth request", err)
	}
	return reused.After(time.Unix(0, 0)), nil
}

// PruneAuthRequests deletes requests that expired before cutoff.
func (s *Store) PruneAuthRequests(ctx context.Context, cutoff time.Time) error {
	_, err := s.db.NewDelete().Model((*AuthRequest)(nil)).Where("expires_at < ?", cutoff).Exec(ctx)
	return dbErr("prune auth requests", err)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
