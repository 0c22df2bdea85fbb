package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// ErrRefreshReplayed means a refresh token was presented after it had been exchanged for a
// new one: the whole family (every token from that sign-in) was revoked.
var ErrRefreshReplayed = errors.New("store: refresh token used twice")

// Kinds of OpenID Connect token.
const (
	TokenAccess  = "access"
	TokenRefresh = "refresh"
)

// OIDCToken is an access or refresh token issued to an app. FamilyID ties together every
// token minted from one sign-in (the authorization request's id).
type OIDCToken struct {
	bun.BaseModel `bun:"table:oidc_tokens,alias:t"`

	ID            string    `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	Kind          string    `bun:"kind"`
	AppID         string    `bun:"app_id,type:uuid"`
	ContactID     string    `bun:"contact_id,type:uuid"`
	FamilyID      string    `bun:"family_id,type:uuid"`
	AuthRequestID string    `bun:"auth_request_id,type:uuid,nullzero"`
	TokenHash     []byte    `bun:"token_hash"`
	Scopes        []string  `bun:"scopes,array"`
	Audience      []string  `bun:"audience,array"`
	AMR           []string  `bun:"amr,array"`
	AuthTime      time.Time `bun:"auth_time,nullzero"`
	CreatedAt     time.Time `bun:"created_at,nullzero,notnull,default:now()"`
	ExpiresAt     time.Time `bun:"expires_at"`
	UsedAt        time.Time `bun:"used_at,nullzero"`
	RevokedAt     time.Time `bun:"revoked_at,nullzero"`
}

// Mint is what one token response stores: an access token, maybe a refresh token, and the
// refresh token it replaces (rotation).
type Mint struct {
	Access      *OIDCToken
	Refresh     *OIDCToken // nil: none issued
	ReplaceHash []byte     // the refresh token exchanged for these, used up now
}

// MintTokens stores a token response in one transaction. A code exchange locks its
// authorization request first: a replay of the code that raced it is seen here
// (ErrCodeReused) instead of leaving live tokens behind. A refresh token being replaced must
// still be unused: of two concurrent refreshes with one token, one wins.
func (s *Store) MintTokens(ctx context.Context, m Mint, now time.Time) error {
	return s.InTx(ctx, func(ctx context.Context, tx *Store) error {
		if id := m.Access.AuthRequestID; id != "" && m.ReplaceHash == nil {
			replayed, err := tx.AuthRequestFamilyLocked(ctx, id)
			if err != nil {
				return err
			}
			if replayed {
				return fmt.Errorf("store: mint tokens: %w", ErrCodeReused)
			}
		}
		if m.ReplaceHash != nil {
			res, err := tx.db.NewUpdate().Model((*OIDCToken)(nil)).
				Where("token_hash = ? AND kind = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?", m.ReplaceHash, TokenRefresh, now).
				Set("used_at = ?", now).Exec(ctx)
			if err := affected("rotate refresh token", res, err); err != nil {
				return err
			}
		}
		for _, t := range []*OIDCToken{m.Access, m.Refresh} {
			if t == nil {
				continue
			}
			t.Scopes, t.Audience, t.AMR = nonNil(t.Scopes), nonNil(t.Audience), nonNil(t.AMR)
			if _, err := tx.db.NewInsert().Model(t).Returning("*").Exec(ctx); err != nil {
				return dbErr("mint token", err)
			}
		}
		return nil
	})
}

// LiveAccessToken returns an access token that is unrevoked and unexpired at now, and only
// while its contact still passes its app's rule.
func (s *Store) LiveAccessToken(ctx context.Context, id string, now time.Time) (OIDCToken, error) {
	var t OIDCToken
	err := s.db.NewSelect().Model(&t).
		Where("id = ? AND kind = ? AND revoked_at IS NULL AND expires_at > ?", id, TokenAccess, now).
		Where("gatehouse_app_admits(app_id, contact_id)").Scan(ctx)
	return t, dbErr("live access token", err)
}

// LiveRefreshToken returns the refresh token with this hash if it can still be exchanged at
// now by a contact who passes its app's rule. One presented again after its exchange revokes
// its family and is ErrRefreshReplayed (committed although it is an error).
func (s *Store) LiveRefreshToken(ctx context.Context, hash []byte, now time.Time) (OIDCToken, error) {
	var t OIDCToken
	err := s.db.NewSelect().Model(&t).Where("token_hash = ? AND kind = ?", hash, TokenRefresh).Scan(ctx)
	if err != nil {
		return t, dbErr("refresh token", err)
	}
	if !t.UsedAt.IsZero() && t.RevokedAt.IsZero() {
		if _, err := s.RevokeTokenFamily(ctx, t.FamilyID, now); err != nil {
			return t, err
		}
		return t, fmt.Errorf("store: refresh token: %w", ErrRefreshReplayed)
	}
	if !t.RevokedAt.IsZero() || !t.UsedAt.IsZero() || !t.ExpiresAt.After(now) {
		return t, fmt.Errorf("store: refresh token: no longer valid: %w", ErrNotFound)
	}
	ok, err := s.AppAdmits(ctx, t.AppID, t.ContactID)
	if err != nil {
		return t, err
	}
	if !ok {
		return t, fmt.Errorf("store: refresh token: the contact no longer passes the app's rule: %w", ErrNotFound)
	}
	return t, nil
}

// RefreshTokenByHash returns a refresh token whatever its state (for revocation).
func (s *Store) RefreshTokenByHash(ctx context.Context, hash []byte) (OIDCToken, error) {
	var t OIDCToken
	err := s.db.NewSelect().Model(&t).Where("token_hash = ? AND kind = ?", hash, TokenRefresh).Scan(ctx)
	return t, dbErr("refresh token by hash", err)
}

// TokenByID returns a token whatever its state.
func (s *Store) TokenByID(ctx context.Context, id string) (OIDCToken, error) {
	var t OIDCToken
	err := s.db.NewSelect().Model(&t).Where("id = ?", id).Scan(ctx)
	return t, dbErr("token by id", err)
}

// RevokeToken revokes one token of an app.
func (s *Store) RevokeToken(ctx context.Context, id, appID string, now time.Time) error {
	_, err := s.db.NewUpdate().Model((*OIDCToken)(nil)).Where("id = ? AND app_id = ? AND revoked_at IS NULL", id, appID).
		Set("revoked_at = ?", now).Exec(ctx)
	return dbErr("revoke token", err)
}

// RevokeTokenFamily revokes every token minted from one sign-in and returns how many.
func (s *Store) RevokeTokenFamily(ctx context.Context, familyID string, now time.Time) (int, error) {
	return s.revokeTokens(ctx, "family", s.db.NewUpdate().Model((*OIDCToken)(nil)).Where("family_id = ?", familyID), now)
}

// RevokeContactTokens revokes every token of a contact, for every app (sign out everywhere,
// a password change, a disabled account), and returns how many.
func (s *Store) RevokeContactTokens(ctx context.Context, contactID string, now time.Time) (int, error) {
	return s.revokeTokens(ctx, "contact", s.db.NewUpdate().Model((*OIDCToken)(nil)).Where("contact_id = ?", contactID), now)
}

// RevokeAppContactTokens revokes a contact's tokens for one app (the app's own sign-out).
func (s *Store) RevokeAppContactTokens(ctx context.Context, appID, contactID string, now time.Time) (int, error) {
	return s.revokeTokens(ctx, "app contact", s.db.NewUpdate().Model((*OIDCToken)(nil)).Where("app_id = ? AND contact_id = ?", appID, contactID), now)
}

// RevokeTokensNotAdmitted revokes a contact's tokens for the apps whose rule they no longer
// pass (an offer revoked, a community left, a role lowered) and returns how many.
func (s *Store) RevokeTokensNotAdmitted(ctx context.Context, contactID string, now time.Time) (int, error) {
	return s.revokeTokens(ctx, "not admitted", s.db.NewUpdate().Model((*OIDCToken)(nil)).
		Where("contact_id = ? AND NOT gatehouse_app_admits(app_id, contact_id)", contactID), now)
}

func (s *Store) revokeTokens(ctx context.Context, what string, q *bun.UpdateQuery, now time.Time) (int, error) {
	res, err := q.Where("revoked_at IS NULL AND expires_at > ?", now).Set("revoked_at = ?", now).Exec(ctx)
	if err != nil {
		return 0, dbErr("revoke tokens ("+what+")", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// PruneTokens deletes tokens that expired before cutoff.
func (s *Store) PruneTokens(ctx context.Context, cutoff time.Time) error {
	_, err := s.db.NewDelete().Model((*OIDCToken)(nil)).Where("expires_at < ?", cutoff).Exec(ctx)
	return dbErr("prune tokens", err)
}

// RevokeAppTokensNotAdmitted revokes an app's tokens held for contacts its rule no longer
// admits (the rule was edited).
func (s *Store) RevokeAppTokensNotAdmitted(ctx context.Context, appID string, now time.Time) (int, error) {
	return s.revokeTokens(ctx, "app rule", s.db.NewUpdate().Model((*OIDCToken)(nil)).
		Where("app_id = ? AND NOT gatehouse_app_admits(app_id, contact_id)", appID), now)
}
