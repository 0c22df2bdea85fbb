package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// BulkOperation is one bulk action over a fixed selection of contacts.
type BulkOperation struct {
	bun.BaseModel `bun:"table:bulk_operations,alias:b"`

	ID          string          `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	Action      string          `bun:"action"`
	OfferID     string          `bun:"offer_id,type:uuid,nullzero"`
	CommunityID string          `bun:"community_id,type:uuid,nullzero"`
	Selection   json.RawMessage `bun:"selection,type:jsonb"`
	Status      string          `bun:"status"`
	Total       int             `bun:"total"`
	Done        int             `bun:"done"`
	CreatedBy   string          `bun:"created_by,type:uuid,nullzero"`
	CreatedRole string          `bun:"created_role"` // the creator's role when the run started
	StopReason  string          `bun:"stop_reason"`  // why a run stopped on its own
	CreatedAt   time.Time       `bun:"created_at,nullzero,notnull,default:now()"`
	FinishedAt  time.Time       `bun:"finished_at,nullzero"`
}

// Standing is what a bulk action needs to know about a contact to classify it.
type Standing struct {
	ID         string    `bun:"id"`
	Email      string    `bun:"email"`
	Name       string    `bun:"name"`
	Role       string    `bun:"role"`
	Disabled   bool      `bun:"disabled"`
	Suppressed bool      `bun:"suppressed"`
	HoldsOffer bool      `bun:"holds_offer"`
	SignedIn   bool      `bun:"signed_in"`
	InGroup    bool      `bun:"in_group"` // a direct member of the community
	Sessions   int       `bun:"sessions"`
	Seq        int       `bun:"seq"`
	Now        time.Time `bun:"-"`
}

// SelectionIDs returns the ids a contact filter selects (no paging), in the list's order.
func (s *Store) SelectionIDs(ctx context.Context, f ContactFilter) ([]string, error) {
	ids := []string{}
	q := s.db.NewSelect().Model((*Contact)(nil)).Column("contact.id")
	err := contactQuery(q, f).Scan(ctx, &ids)
	return ids, dbErr("selection", err)
}

// Standings returns the standing of each contact id for an offer and a community (either may
// be empty), in the order of ids.
func (s *Store) Standings(ctx context.Context, ids []string, offerID, communityID string, now time.Time) ([]Standing, error) {
	out := []Standing{}
	if len(ids) == 0 {
		return out, nil
	}
	err := s.db.NewRaw(`
		SELECT c.id, c.email, c.name, c.role, c.disabled_at IS NOT NULL AS disabled,
		       EXISTS (SELECT 1 FROM suppressions x WHERE x.email_lower = lower(c.email)) AS suppressed,
		       EXISTS (SELECT 1 FROM offer_grants g WHERE g.contact_id = c.id AND g.offer_id = NULLIF(?1, '')::uuid AND g.revoked_at IS NULL) AS holds_offer,
		       c.last_login_at IS NOT NULL AS signed_in,
		       EXISTS (SELECT 1 FROM community_memberships m WHERE m.contact_id = c.id AND m.community_id = NULLIF(?2, '')::uuid) AS in_group,
		       (SELECT count(*) FROM sessions s WHERE s.contact_id = c.id AND s.revoked_at IS NULL AND s.expires_at > ?3) AS sessions,
		       ids.seq
		FROM unnest(?0::uuid[]) WITH ORDINALITY AS ids(id, seq) JOIN contacts c ON c.id = ids.id
		ORDER BY ids.seq`, pgdialect.Array(ids), offerID, communityID, now).Scan(ctx, &out)
	return out, dbErr("standings", err)
}

// CreateBulkOperation stores an operation and its items (the fixed selection) in order.
func (s *Store) CreateBulkOperation(ctx context.Context, op *BulkOperation, ids []string) error {
	if _, err := s.db.NewInsert().Model(op).Returning("*").Exec(ctx); err != nil {
		return dbErr("create bulk operation", err)
	}
	// Each contact once, in the order first given; ids that name no contact are left out (the
	// dry run counted them as invalid).
	res, err := s.db.NewRaw(`INSERT INTO bulk_items (operation_id, seq, contact_id)
		SELECT ?, row_number() OVER (ORDER BY first), id FROM (
			SELECT t.id, min(t.seq) AS first FROM unnest(?::uuid[]) WITH ORDINALITY AS t(id, seq)
			JOIN contacts c ON c.id = t.id GROUP BY t.id) AS known`, op.ID, pgdialect.Array(ids)).Exec(ctx)
	if err != nil {
		return dbErr("create bulk items", err)
	}
	n, _ := res.RowsAffected()
	op.Total = int(n)
	_, err = s.db.NewUpdate().Model(op).Column("total").WherePK().Exec(ctx)
	return dbErr("bulk operation total", err)
}

// BulkOperationByID returns one operation; forUpdate locks it.
func (s *Store) BulkOperationByID(ctx context.Context, id string, forUpdate bool) (BulkOperation, error) {
	var op BulkOperation
	q := s.db.NewSelect().Model(&op).Where("id = ?", id)
	if forUpdate {
		q = q.For("UPDATE")
	}
	return op, dbErr("bulk operation", q.Scan(ctx))
}

// ListBulkOperations returns the latest operations.
func (s *Store) ListBulkOperations(ctx context.Context, p Page) ([]BulkOperation, error) {
	out := []BulkOperation{}
	err := p.newestFirst(s.db.NewSelect().Model(&out), "created_at", "id").Scan(ctx)
	return out, dbErr("list bulk operations", err)
}

// SetBulkStatus changes an operation's status (finished stamps the time).
func (s *Store) SetBulkStatus(ctx context.Context, id, status string, finished time.Time) error {
	res, err := s.db.NewUpdate().Model((*BulkOperation)(nil)).Where("id = ?", id).
		Set("status = ?", status).Set("finished_at = ?", nullTime(finished)).Exec(ctx)
	return affected("bulk status", res, err)
}

// PendingBulkItems returns the next items without an outcome, in order.
func (s *Store) PendingBulkItems(ctx context.Context, opID string, limit int) ([]string, []int, error) {
	var rows []struct {
		ContactID string `bun:"contact_id"`
		Seq       int    `bun:"seq"`
	}
	err := s.db.NewRaw(`SELECT contact_id, seq FROM bulk_items WHERE operation_id = ? AND outcome IS NULL ORDER BY seq LIMIT ?`, opID, limit).Scan(ctx, &rows)
	ids, seqs := make([]string, len(rows)), make([]int, len(rows))
	for i, r := range rows {
		ids[i], seqs[i] = r.ContactID, r.Seq
	}
	return ids, seqs, dbErr("pending bulk items", err)
}

// SetBulkOutcome records one item's outcome (only once: an item with an outcome keeps it).
func (s *Store) SetBulkOutcome(ctx context.Context, opID string, seq int, outcome, detail string, now time.Time) (bool, error) {
	res, err := s.db.NewRaw(`UPDATE bulk_items SET outcome = ?, detail = ?, done_at = ? WHERE operation_id = ? AND seq = ? AND outcome IS NULL`,
		outcome, detail, now, opID, seq).Exec(ctx)
	if err != nil {
		return false, dbErr("bulk outcome", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// AddBulkDone adds to an operation's progress counter.
func (s *Store) AddBulkDone(ctx context.Context, id string, n int) error {
	_, err := s.db.NewRaw(`UPDATE bulk_operations SET done = done + ? WHERE id = ?`, n, id).Exec(ctx)
	return dbErr("bulk progress", err)
}

// BulkCounts counts an operation's items by outcome ("" for those not done yet).
func (s *Store) BulkCounts(ctx context.Context, id string) (map[string]int, error) {
	var rows []struct {
		Outcome string `bun:"outcome"`
		N       int    `bun:"n"`
	}
	err := s.db.NewRaw(`SELECT coalesce(outcome, 'pending') AS outcome, count(*) AS n FROM bulk_items WHERE operation_id = ? GROUP BY 1`, id).Scan(ctx, &rows)
	out := map[string]int{}
	for _, r := range rows {
		out[r.Outcome] = r.N
	}
	return out, dbErr("bulk counts", err)
}

// BulkReportRow is one line of an operation's report.
type BulkReportRow struct {
	Seq     int       `bun:"seq"`
	Email   string    `bun:"email"`
	Name    string    `bun:"name"`
	Outcome string    `bun:"outcome"`
	Detail  string    `bun:"detail"`
	DoneAt  time.Time `bun:"done_at"`
}

// BulkReport returns items after seq, in order, with their contacts.
func (s *Store) BulkReport(ctx context.Context, id string, afterSeq, limit int) ([]BulkReportRow, error) {
	out := []BulkReportRow{}
	err := s.db.NewRaw(`SELECT i.seq, c.email, c.name, coalesce(i.outcome, 'pending') AS outcome, i.detail, coalesce(i.done_at, 'epoch') AS done_at
		FROM bulk_items i JOIN contacts c ON c.id = i.contact_id
		WHERE i.operation_id = ? AND i.seq > ? ORDER BY i.seq LIMIT ?`, id, afterSeq, limit).Scan(ctx, &out)
	return out, dbErr("bulk report", err)
}

// StopBulk ends a running operation on its own, with the reason (its creator lost the
// authority it ran with).
func (s *Store) StopBulk(ctx context.Context, id, reason string, at time.Time) error {
	res, err := s.db.NewUpdate().Model((*BulkOperation)(nil)).Where("id = ?", id).
		Set("status = 'stopped'").Set("stop_reason = ?", reason).Set("finished_at = ?", at).Exec(ctx)
	return affected("stop bulk", res, err)
}

// SetBulkRunner makes a staff member the authority a resumed operation runs with.
func (s *Store) SetBulkRunner(ctx context.Context, id, contactID, role string) error {
	res, err := s.db.NewUpdate().Model((*BulkOperation)(nil)).Where("id = ?", id).
		Set("created_by = ?", contactID).Set("created_role = ?", role).Set("stop_reason = ''").Exec(ctx)
	return affected("bulk runner", res, err)
}
