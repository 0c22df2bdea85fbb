package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// CapturedEmail is a message delivered to the local mailbox instead of Resend (no API key set).
type CapturedEmail struct {
	bun.BaseModel `bun:"table:captured_emails"`

	ID          string    `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	EmailID     string    `bun:"email_id,type:uuid,nullzero"`
	FromAddress string    `bun:"from_address"`
	ToAddress   string    `bun:"to_address"`
	Subject     string    `bun:"subject"`
	HTMLBody    string    `bun:"html_body"`
	TextBody    string    `bun:"text_body"`
	CreatedAt   time.Time `bun:"created_at,nullzero,notnull,default:now()"`
}

// CaptureEmail stores a message in the local mailbox, once per email row: a repeated delivery
// of the same email returns the copy already there.
func (s *Store) CaptureEmail(ctx context.Context, c *CapturedEmail) error {
	_, err := s.db.NewInsert().Model(c).
		On("CONFLICT (email_id) DO UPDATE").Set("email_id = EXCLUDED.email_id").
		Returning("*").Exec(ctx)
	return dbErr("capture email", err)
}

// ListCapturedEmails returns the local mailbox newest first, optionally for one address.
func (s *Store) ListCapturedEmails(ctx context.Context, to string, p Page) ([]CapturedEmail, error) {
	out := []CapturedEmail{}
	q := p.newestFirst(s.db.NewSelect().Model(&out), "created_at", "id")
	if to != "" {
		q = q.Where("lower(to_address) = lower(?)", to)
	}
	return out, dbErr("list captured emails", q.Scan(ctx))
}

// CapturedEmailByID returns one message of the local mailbox.
func (s *Store) CapturedEmailByID(ctx context.Context, id string) (CapturedEmail, error) {
	var c CapturedEmail
	err := s.db.NewSelect().Model(&c).Where("id = ?", id).Scan(ctx)
	return c, dbErr("captured email", err)
}
