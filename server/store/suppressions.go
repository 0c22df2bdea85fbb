package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Suppression stops email to an address that bounced permanently or complained.
type Suppression struct {
	bun.BaseModel `bun:"table:suppressions"`

	EmailLower    string    `bun:"email_lower,pk"`
	Reason        string    `bun:"reason"`
	SourceEmailID string    `bun:"source_email_id,type:uuid,nullzero"`
	CreatedAt     time.Time `bun:"created_at,nullzero,notnull,default:now()"`
}

// Suppress records (or keeps) a suppression for an address.
func (s *Store) Suppress(ctx context.Context, email, reason, sourceEmailID string, now time.Time) error {
	_, err := s.db.NewRaw(`INSERT INTO suppressions (email_lower, reason, source_email_id, created_at)
		VALUES (lower(?), ?, NULLIF(?, '')::uuid, ?) ON CONFLICT (email_lower) DO NOTHING`, email, reason, sourceEmailID, now).Exec(ctx)
	return dbErr("suppress", err)
}

// SuppressionFor returns the suppression of an address, or ErrNotFound.
func (s *Store) SuppressionFor(ctx context.Context, email string) (Suppression, error) {
	var x Suppression
	err := s.db.NewSelect().Model(&x).Where("email_lower = lower(?)", email).Scan(ctx)
	return x, dbErr("suppression", err)
}

// Unsuppress lifts a suppression; ErrNotFound if there was none.
func (s *Store) Unsuppress(ctx context.Context, email string) error {
	res, err := s.db.NewDelete().Model((*Suppression)(nil)).Where("email_lower = lower(?)", email).Exec(ctx)
	return affected("unsuppress", res, err)
}
