package store

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// AuditEntry records one staff action. The table refuses updates and deletes.
type AuditEntry struct {
	bun.BaseModel `bun:"table:audit_entries"`

	ID         int64  `bun:"id,pk,autoincrement"`
	ActorID    string `bun:"actor_id,type:uuid,nullzero"`
	ActorEmail string `bun:"actor_email"`
	// ActorKind is who acted: staff, workflow, bulk, import, api (an API key); ActorRef the
	// workflow, bulk operation, import or key it ran under, ActorLabel its name.
	ActorKind  string `bun:"actor_kind"`
	ActorRef   string `bun:"actor_ref"`
	ActorLabel string `bun:"actor_label"`
	Action     string `bun:"action"`
	TargetType string `bun:"target_type"`
	TargetID   string `bun:"target_id"`
	// TargetLabel names the target as it was at the time (a contact's email), so the log reads
	// the same after a rename.
	TargetLabel string         `bun:"target_label"`
	ContactID   string         `bun:"contact_id,type:uuid,nullzero"`
	Detail      map[string]any `bun:"detail,type:jsonb"`
	IP          string         `bun:"ip"`
	UserAgent   string         `bun:"user_agent"`
	CreatedAt   time.Time      `bun:"created_at,nullzero,notnull,default:now()"`
}

// AddAudit appends an entry.
func (s *Store) AddAudit(ctx context.Context, e *AuditEntry) error {
	if e.Detail == nil {
		e.Detail = map[string]any{}
	}
	if e.ActorKind == "" {
		e.ActorKind = "staff"
	}
	_, err := s.db.NewInsert().Model(e).Returning("id, created_at").Exec(ctx)
	return dbErr("add audit entry", err)
}

// AuditFilter narrows ListAudit (newest first, keyset on id).
type AuditFilter struct {
	ContactID string
	ActorID   string
	Action    string // exact, or a prefix ending in "." ("offer.")
	TargetID  string
	// Q finds entries by who or what they name, as named at the time: the target's name or
	// address, the actor's address, a workflow's or key's name.
	Q        string
	From, To time.Time
	BeforeID int64
	Limit    int
}

// ListAudit returns entries newest first.
func (s *Store) ListAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	out := []AuditEntry{}
	q := s.db.NewSelect().Model(&out).Order("id DESC").Limit(int64(f.Limit))
	if f.ContactID != "" {
		q = q.Where("contact_id = ?", f.ContactID)
	}
	if f.ActorID != "" {
		q = q.Where("actor_id = ?", f.ActorID)
	}
	if strings.HasSuffix(f.Action, ".") {
		q = q.Where("action LIKE ?", escapeLike(f.Action)+"%")
	} else if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.TargetID != "" {
		q = q.Where("target_id = ?", f.TargetID)
	}
	if f.Q != "" {
		like := "%" + escapeLike(strings.ToLower(f.Q)) + "%"
		q = q.Where("(lower(target_label) LIKE ? OR lower(actor_email) LIKE ? OR lower(actor_label) LIKE ?)", like, like, like)
	}
	if !f.From.IsZero() {
		q = q.Where("created_at >= ?", f.From)
	}
	if !f.To.IsZero() {
		q = q.Where("created_at < ?", f.To)
	}
	if f.BeforeID > 0 {
		q = q.Where("id < ?", f.BeforeID)
	}
	return out, dbErr("list audit", q.Scan(ctx))
}
