package store

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Contact access statuses staff filter by.
const (
	StatusInvited    = "invited" // never signed in
	StatusActive     = "active"
	StatusDisabled   = "disabled"
	StatusSuppressed = "suppressed" // email to the address bounces or was reported as spam
)

// Sort orders of ListContacts.
const (
	SortCreated   = "created"    // newest first
	SortName      = "name"       // A to Z
	SortLastLogin = "last_login" // most recent first, never-signed-in last
)

// ContactFilter narrows and pages ListContacts. After is the keyset position: the sort key and
// id of the last row of the previous page.
type ContactFilter struct {
	Q           string // substring of name or email, any case
	OfferID     string
	CommunityID string
	Status      string
	Role        string // "staff" for every staff role
	Sort        string
	After       *ContactCursor
	Limit       int
}

// ContactCursor is a position in a sorted contact list.
type ContactCursor struct {
	Created   time.Time  `json:"c,omitempty"`
	Name      string     `json:"n,omitempty"`
	LastLogin *time.Time `json:"l,omitempty"`
	ID        string     `json:"i"`
}

// CursorOf returns the position of c in a list sorted by sort.
func CursorOf(c Contact, sort string) ContactCursor {
	cur := ContactCursor{ID: c.ID}
	switch sort {
	case SortName:
		cur.Name = strings.ToLower(c.Name)
	case SortLastLogin:
		if !c.LastLoginAt.IsZero() {
			t := c.LastLoginAt
			cur.LastLogin = &t
		}
	default:
		cur.Created = c.CreatedAt
	}
	return cur
}

// ListContacts returns one page of contacts.
func (s *Store) ListContacts(ctx context.Context, f ContactFilter) ([]Contact, error) {
	out := []Contact{}
	q := s.db.NewSelect().Model(&out).Limit(int64(f.Limit))
	return out, dbErr("list contacts", contactQuery(q, f).Scan(ctx))
}

// contactQuery adds the filter's conditions and order to q.
func contactQuery(q *bun.SelectQuery, f ContactFilter) *bun.SelectQuery {
	if f.Q != "" {
		like := "%" + escapeLike(strings.ToLower(f.Q)) + "%"
		q = q.Where("(lower(contact.email) LIKE ? OR lower(contact.name) LIKE ?)", like, like)
	}
	if f.OfferID != "" {
		q = q.Where("EXISTS (SELECT 1 FROM offer_grants g WHERE g.contact_id = contact.id AND g.offer_id = ? AND g.revoked_at IS NULL)", f.OfferID)
	}
	if f.CommunityID != "" {
		q = q.Where(`(EXISTS (SELECT 1 FROM community_memberships m WHERE m.contact_id = contact.id AND m.community_id = ?0)
			OR EXISTS (SELECT 1 FROM offer_grants g JOIN offer_communities oc ON oc.offer_id = g.offer_id
			           WHERE g.contact_id = contact.id AND g.revoked_at IS NULL AND oc.community_id = ?0))`, f.CommunityID)
	}
	switch f.Status {
	case StatusInvited:
		q = q.Where("contact.last_login_at IS NULL AND contact.disabled_at IS NULL")
	case StatusActive:
		q = q.Where("contact.last_login_at IS NOT NULL AND contact.disabled_at IS NULL")
	case StatusDisabled:
		q = q.Where("contact.disabled_at IS NOT NULL")
	case StatusSuppressed:
		q = q.Where("EXISTS (SELECT 1 FROM suppressions x WHERE x.email_lower = lower(contact.email))")
	}
	if f.Role == "staff" {
		q = q.Where("contact.role <> 'member'")
	} else if f.Role != "" {
		q = q.Where("contact.role = ?", f.Role)
	}
	return keyset(q, f.Sort, f.After)
}

// keyset orders q and starts it after the cursor; each order has an index that matches it.
func keyset(q *bun.SelectQuery, sort string, after *ContactCursor) *bun.SelectQuery {
	switch sort {
	case SortName:
		q = q.OrderExpr("lower(contact.name), contact.id")
		if after != nil {
			q = q.Where("(lower(contact.name), contact.id) > (?, ?)", after.Name, after.ID)
		}
	case SortLastLogin:
		q = q.OrderExpr("contact.last_login_at DESC NULLS LAST, contact.id DESC")
		switch {
		case after == nil:
		case after.LastLogin == nil: // already among those who never signed in
			q = q.Where("contact.last_login_at IS NULL AND contact.id < ?", after.ID)
		default:
			q = q.Where("(contact.last_login_at < ? OR (contact.last_login_at = ? AND contact.id < ?) OR contact.last_login_at IS NULL)",
				*after.LastLogin, *after.LastLogin, after.ID)
		}
	default:
		q = q.OrderExpr("contact.created_at DESC, contact.id DESC")
		if after != nil {
			q = q.Where("(contact.created_at, contact.id) < (?, ?)", after.Created, after.ID)
		}
	}
	return q
}

// escapeLike makes a user's text match literally inside a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// ExplainContacts returns EXPLAIN ANALYZE of the ListContacts query (for the search bench).
func (s *Store) ExplainContacts(ctx context.Context, f ContactFilter) (string, error) {
	out := []Contact{}
	q := s.db.NewSelect().Model(&out).Limit(int64(f.Limit))
	sql := contactQuery(q, f).String()
	var lines []string
	if err := s.db.NewRaw("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) "+sql).Scan(ctx, &lines); err != nil {
		return "", dbErr("explain contacts", err)
	}
	return strings.Join(lines, "\n"), nil
}

// Exec runs raw SQL (seeding for benchmarks; never with user input).
func (s *Store) Exec(ctx context.Context, sql string, args ...any) error {
	_, err := s.db.NewRaw(sql, args...).Exec(ctx)
	return dbErr("exec", err)
}
