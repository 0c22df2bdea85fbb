package store

import (
	"context"
	"errors"
	"time"

	"github.com/uptrace/bun"
)

// EmailTemplate is a staff-written subject and body for one kind of email.
type EmailTemplate struct {
	bun.BaseModel `bun:"table:email_templates"`

	Kind      string    `bun:"kind,pk"`
	Subject   string    `bun:"subject"`
	Body      string    `bun:"body"`
	UpdatedBy string    `bun:"updated_by,type:uuid,nullzero"`
	UpdatedAt time.Time `bun:"updated_at,nullzero,notnull,default:now()"`
}

// EmailTemplate returns the staff-written template of a kind; a kind never edited comes back
// empty (the built-in template applies).
func (s *Store) EmailTemplate(ctx context.Context, kind string) (EmailTemplate, error) {
	t := EmailTemplate{Kind: kind}
	err := s.db.NewSelect().Model(&t).WherePK().Scan(ctx)
	if err != nil && errors.Is(dbErr("", err), ErrNotFound) {
		return EmailTemplate{Kind: kind}, nil
	}
	return t, dbErr("email template", err)
}

// EmailTemplates returns every edited template.
func (s *Store) EmailTemplates(ctx context.Context) ([]EmailTemplate, error) {
	out := []EmailTemplate{}
	return out, dbErr("email templates", s.db.NewSelect().Model(&out).Order("kind").Scan(ctx))
}

// SaveEmailTemplate stores (or clears, with empty fields) a kind's template.
func (s *Store) SaveEmailTemplate(ctx context.Context, t *EmailTemplate) error {
	_, err := s.db.NewInsert().Model(t).On("CONFLICT (kind) DO UPDATE").
		Set("subject = EXCLUDED.subject, body = EXCLUDED.body, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at").Exec(ctx)
	return dbErr("save email template", err)
}
