package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// AccessRequest is a self-service request (forgot password, resend access, renew link) for an
// address, known or not. Its outcome is decided later by a job, so the HTTP answer is the same
// whatever the address.
type AccessRequest struct {
	bun.BaseModel `bun:"table:access_requests"`

	ID        string `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	Kind      string `bun:"kind"`
	Email     string `bun:"email"`
	ContactID string `bun:"contact_id,type:uuid,nullzero"`
	// LinkPurpose and LinkScope say which link a "renew_link" request replaces.
	LinkPurpose string    `bun:"link_purpose"`
	LinkScope   string    `bun:"link_scope"`
	BrowserHash []byte    `bun:"browser_hash"` // sign-in code requests: the browser to bind the code to
	Outcome     string    `bun:"outcome"`
	IP          string    `bun:"ip"`
	UserAgent   string    `bun:"user_agent"`
	CreatedAt   time.Time `bun:"created_at,nullzero,notnull,default:now()"`
	DecidedAt   time.Time `bun:"decided_at,nullzero"`
}

// CreateAccessRequest records a request as pending.
func (s *Store) CreateAccessRequest(ctx context.Context, r *AccessRequest) error {
	if r.Outcome == "" {
		r.Outcome = "pending"
	}
	_, err := s.db.NewInsert().Model(r).Returning("*").Exec(ctx)
	return dbErr("create access request", err)
}

// AccessRequestForUpdate locks a request while its job decides it.
func (s *Store) AccessRequestForUpdate(ctx context.Context, id string) (AccessRequest, error) {
	var r AccessRequest
	err := s.db.NewSelect().Model(&r).Where("id = ?", id).For("UPDATE").Scan(ctx)
	return r, dbErr("lock access request", err)
}

// DecideAccessRequest stores what the job did with a request.
func (s *Store) DecideAccessRequest(ctx context.Context, id, contactID, outcome string, now time.Time) error {
	res, err := s.db.NewUpdate().Model((*AccessRequest)(nil)).Where("id = ?", id).
		Set("contact_id = NULLIF(?, '')::uuid", contactID).Set("outcome = ?", outcome).Set("decided_at = ?", now).Exec(ctx)
	return affected("decide access request", res, err)
}

// ListAccessRequests returns requests newest first, optionally for one contact.
func (s *Store) ListAccessRequests(ctx context.Context, contactID string, p Page) ([]AccessRequest, error) {
	out := []AccessRequest{}
	q := p.newestFirst(s.db.NewSelect().Model(&out), "created_at", "id")
	if contactID != "" {
		q = q.Where("contact_id = ?", contactID)
	}
	return out, dbErr("list access requests", q.Scan(ctx))
}
