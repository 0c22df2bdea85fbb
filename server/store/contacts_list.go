package store

import (
	"context"
	"strings"
	"time"
)

// ContactFilter narrows and pages ListContacts (newest first, keyset on created_at and id).
type ContactFilter struct {
	Q        string // substring of name or email, any case
	OfferID  string
	Before   time.Time
	BeforeID string
	Limit    int
}

// ListContacts returns one page of contacts.
func (s *Store) ListContacts(ctx context.Context, f ContactFilter) ([]Contact, error) {
	out := []Contact{}
	q := s.db.NewSelect().Model(&out).OrderExpr("contact.created_at DESC, contact.id DESC").Limit(int64(f.Limit))
	if f.Q != "" {
		like := "%" + escapeLike(strings.ToLower(f.Q)) + "%"
		q = q.Where("(lower(contact.email) LIKE ? OR lower(contact.name) LIKE ?)", like, like)
	}
	if f.OfferID != "" {
		q = q.Where("EXISTS (SELECT 1 FROM offer_grants g WHERE g.contact_id = contact.id AND g.offer_id = ? AND g.revoked_at IS NULL)", f.OfferID)
	}
	if !f.Before.IsZero() {
		q = q.Where("(contact.created_at, contact.id) < (?, ?)", f.Before, f.BeforeID)
	}
	return out, dbErr("list contacts", q.Scan(ctx))
}

// escapeLike makes a user's text match literally inside a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
