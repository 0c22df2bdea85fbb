package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// The slugs of the live offers a contact holds and of the live communities they belong to
// (directly or through an offer), for tokens' claims and forward-auth's headers. ?0 is the
// contact id.
const (
	offerSlugsSQL = `coalesce((SELECT array_agg(o.slug ORDER BY o.slug) FROM offer_grants g
		JOIN offers o ON o.id = g.offer_id
		WHERE g.contact_id = ?0 AND g.revoked_at IS NULL AND o.archived_at IS NULL), '{}')`
	communitySlugsSQL = `coalesce((SELECT array_agg(DISTINCT cm.slug ORDER BY cm.slug) FROM communities cm
		WHERE cm.archived_at IS NULL AND cm.id IN (
			SELECT community_id FROM community_memberships WHERE contact_id = ?0
			UNION
			SELECT oc.community_id FROM offer_grants g
			JOIN offers o ON o.id = g.offer_id AND o.archived_at IS NULL
			JOIN offer_communities oc ON oc.offer_id = g.offer_id
			WHERE g.contact_id = ?0 AND g.revoked_at IS NULL)), '{}')`
)

// Holdings are the slugs of what a contact holds now.
type Holdings struct {
	Offers      []string `bun:"offers,array"`
	Communities []string `bun:"communities,array"`
}

// ContactHoldings returns the slugs of the offers and communities a contact holds now.
func (s *Store) ContactHoldings(ctx context.Context, contactID string) (Holdings, error) {
	var h Holdings
	err := s.db.NewRaw("SELECT "+offerSlugsSQL+" AS offers, "+communitySlugsSQL+" AS communities", contactID).Scan(ctx, &h)
	return h, dbErr("contact holdings", err)
}

// ForwardAuthCode is a one-time code that carries a portal sign-in to a protected site.
type ForwardAuthCode struct {
	bun.BaseModel `bun:"table:forward_auth_codes"`

	CodeHash  []byte    `bun:"code_hash,pk"`
	AppID     string    `bun:"app_id,type:uuid"`
	ContactID string    `bun:"contact_id,type:uuid"`
	SessionID string    `bun:"session_id,type:uuid"`
	StateHash []byte    `bun:"state_hash"` // SHA-256 of the state cookie the site gave the browser
	CreatedAt time.Time `bun:"created_at,nullzero,notnull,default:now()"`
	ExpiresAt time.Time `bun:"expires_at"`
	UsedAt    time.Time `bun:"used_at,nullzero"`
}

// CreateForwardAuthCode stores a code (its hash).
func (s *Store) CreateForwardAuthCode(ctx context.Context, c *ForwardAuthCode) error {
	_, err := s.db.NewInsert().Model(c).Exec(ctx)
	return dbErr("create forward-auth code", err)
}

// ClaimForwardAuthCode uses up a code, once, while it is live at now and the portal session
// it came from is too. Anything else is ErrNotFound.
func (s *Store) ClaimForwardAuthCode(ctx context.Context, hash []byte, now time.Time) (ForwardAuthCode, error) {
	var c ForwardAuthCode
	err := s.db.NewUpdate().Model(&c).
		Where("code_hash = ? AND used_at IS NULL AND expires_at > ?", hash, now).
		Where("EXISTS (SELECT 1 FROM sessions s WHERE s.id = session_id AND s.revoked_at IS NULL AND s.expires_at > ?)", now).
		Set("used_at = ?", now).Returning("*").Scan(ctx)
	return c, dbErr("claim forward-auth code", err)
}

// ForwardAuthSession is a protected site's cookie: bound to one app and one portal session.
type ForwardAuthSession struct {
	bun.BaseModel `bun:"table:forward_auth_sessions"`

	ID        string    `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	TokenHash []byte    `bun:"token_hash"`
	AppID     string    `bun:"app_id,type:uuid"`
	ContactID string    `bun:"contact_id,type:uuid"`
	SessionID string    `bun:"session_id,type:uuid"`
	CreatedAt time.Time `bun:"created_at,nullzero,notnull,default:now()"`
	ExpiresAt time.Time `bun:"expires_at"`
	RevokedAt time.Time `bun:"revoked_at,nullzero"`
}

// CreateForwardAuthSession stores a site cookie (its hash).
func (s *Store) CreateForwardAuthSession(ctx context.Context, f *ForwardAuthSession) error {
	_, err := s.db.NewInsert().Model(f).Returning("*").Exec(ctx)
	return dbErr("create forward-auth session", err)
}

// ForwardAuthIdentity is who a site cookie speaks for, and until when at most.
type ForwardAuthIdentity struct {
	ContactID   string    `bun:"contact_id"`
	Email       string    `bun:"email"`
	Name        string    `bun:"name"`
	Role        string    `bun:"role"`
	SessionID   string    `bun:"session_id"`
	LastSeenAt  time.Time `bun:"last_seen_at"`
	IdleSeconds int       `bun:"idle_timeout_seconds"`
	ExpiresAt   time.Time `bun:"expires_at"` // the earlier of the cookie's and the portal session's
	Offers      []string  `bun:"offers,array"`
	Communities []string  `bun:"communities,array"`
}

// ForwardAuthCheck answers one forward-auth question in one statement: the cookie (its hash)
// is live for this app, its portal session is live (and not limited to choosing a new
// password), and the contact passes the app's rule. Anything else is ErrNotFound.
func (s *Store) ForwardAuthCheck(ctx context.Context, hash []byte, appID string, now time.Time) (ForwardAuthIdentity, error) {
	var id ForwardAuthIdentity
	err := s.db.NewRaw(`
		SELECT c.id AS contact_id, c.email, c.name, c.role, s.id AS session_id, s.last_seen_at, s.idle_timeout_seconds,
		       least(f.expires_at, s.expires_at) AS expires_at,
		       `+offerSlugsSQL+` AS offers, `+communitySlugsSQL+` AS communities
		FROM forward_auth_sessions f
		JOIN sessions s ON s.id = f.session_id
		JOIN contacts c ON c.id = f.contact_id
		WHERE f.token_hash = ?1 AND f.app_id = ?2 AND f.revoked_at IS NULL AND f.expires_at > ?3
		  AND s.revoked_at IS NULL AND NOT s.must_change_password AND s.expires_at > ?3
		  AND s.last_seen_at + make_interval(secs => s.idle_timeout_seconds) > ?3
		  AND gatehouse_app_admits(f.app_id, c.id)`,
		bun.Safe("c.id"), hash, appID, now).Scan(ctx, &id)
	return id, dbErr("forward-auth check", err)
}

// PruneForwardAuth deletes codes and site cookies that expired before cutoff.
func (s *Store) PruneForwardAuth(ctx context.Context, cutoff time.Time) error {
	if _, err := s.db.NewDelete().Model((*ForwardAuthCode)(nil)).Where("expires_at < ?", cutoff).Exec(ctx); err != nil {
		return dbErr("prune forward-auth codes", err)
	}
	_, err := s.db.NewDelete().Model((*ForwardAuthSession)(nil)).Where("expires_at < ?", cutoff).Exec(ctx)
	return dbErr("prune forward-auth sessions", err)
}
