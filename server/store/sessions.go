package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Session is a signed-in browser. Only the SHA-256 of its cookie value is stored.
type Session struct {
	bun.BaseModel `bun:"table:sessions"`

	ID                 string    `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	ContactID          string    `bun:"contact_id,type:uuid"`
	TokenHash          []byte    `bun:"token_hash"`
	IdleTimeoutSeconds int       `bun:"idle_timeout_seconds"`
	MustChangePassword bool      `bun:"must_change_password"`
	Method             string    `bun:"method"` // password, code, link, provider
	IP                 string    `bun:"ip"`
	UserAgent          string    `bun:"user_agent"`
	CreatedAt          time.Time `bun:"created_at,nullzero,notnull,default:now()"`
	LastSeenAt         time.Time `bun:"last_seen_at,nullzero,notnull,default:now()"`
	ExpiresAt          time.Time `bun:"expires_at"`
	RevokedAt          time.Time `bun:"revoked_at,nullzero"`

	Contact *Contact `bun:"rel:belongs-to,join:contact_id=id"`
}

// IdleDeadline is when the session ends if it stays unused.
func (s *Session) IdleDeadline() time.Time {
	return s.LastSeenAt.Add(time.Duration(s.IdleTimeoutSeconds) * time.Second)
}

// CreateSession inserts a session.
func (s *Store) CreateSession(ctx context.Context, sess *Session) error {
	_, err := s.db.NewInsert().Model(sess).Returning("*").Exec(ctx)
	return dbErr("create session", err)
}

// SessionByTokenHash returns a live (not revoked, not past its deadlines at now) session with
// its contact.
func (s *Store) SessionByTokenHash(ctx context.Context, hash []byte, now time.Time) (Session, error) {
	var sess Session
	err := s.db.NewSelect().Model(&sess).Relation("Contact").
		Where("session.token_hash = ?", hash).
		Where("session.revoked_at IS NULL").
		Where("session.expires_at > ?", now).
		Where("session.last_seen_at + make_interval(secs => session.idle_timeout_seconds) > ?", now).
		Scan(ctx)
	return sess, dbErr("session by token", err)
}

// TouchSession moves the idle deadline of a session forward.
func (s *Store) TouchSession(ctx context.Context, id string, now time.Time) error {
	_, err := s.db.NewUpdate().Model((*Session)(nil)).Where("id = ?", id).Set("last_seen_at = ?", now).Exec(ctx)
	return dbErr("touch session", err)
}

// ClearMustChangePassword lifts the "choose a new password first" restriction from a session.
func (s *Store) ClearMustChangePassword(ctx context.Context, id string) error {
	_, err := s.db.NewUpdate().Model((*Session)(nil)).Where("id = ?", id).Set("must_change_password = false").Exec(ctx)
	return dbErr("clear must change password", err)
}

// RevokeSession ends one session of a contact (the contact id guards against ending someone else's).
func (s *Store) RevokeSession(ctx context.Context, contactID, id string, now time.Time) error {
	defer s.accessChanged(contactID)
	res, err := s.db.NewUpdate().Model((*Session)(nil)).
		Where("id = ? AND contact_id = ? AND revoked_at IS NULL", id, contactID).
		Set("revoked_at = ?", now).Exec(ctx)
	return affected("revoke session", res, err)
}

// RevokeSessions ends every session of a contact except keepID (may be empty) and returns how
// many ended.
func (s *Store) RevokeSessions(ctx context.Context, contactID, keepID string, now time.Time) (int, error) {
	defer s.accessChanged(contactID)
	q := s.db.NewUpdate().Model((*Session)(nil)).
		Where("contact_id = ? AND revoked_at IS NULL", contactID).Set("revoked_at = ?", now)
	if keepID != "" {
		q = q.Where("id <> ?", keepID)
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return 0, dbErr("revoke sessions", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// LiveSessions lists a contact's sessions that are still valid at now, newest first.
func (s *Store) LiveSessions(ctx context.Context, contactID string, now time.Time) ([]Session, error) {
	var out []Session
	err := s.db.NewSelect().Model(&out).
		Where("contact_id = ? AND revoked_at IS NULL AND expires_at > ?", contactID, now).
		Where("last_seen_at + make_interval(secs => idle_timeout_seconds) > ?", now).
		Order("last_seen_at DESC").Scan(ctx)
	return out, dbErr("live sessions", err)
}

// SessionExpiry returns when a session ends at the latest (its absolute deadline).
func (s *Store) SessionExpiry(ctx context.Context, id string) (time.Time, error) {
	var t time.Time
	err := s.db.NewSelect().Model((*Session)(nil)).Column("expires_at").Where("id = ?", id).Scan(ctx, &t)
	return t, dbErr("session expiry", err)
}
