package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// AssembleBatch fixes the membership of one batch: up to size queued bulk emails not yet in a
// batch (oldest first, skipping rows another instance is batching). Emails to suppressed
// addresses are marked suppressed instead of joining. It returns the batch id, or "" when
// nothing was waiting.
func (s *Store) AssembleBatch(ctx context.Context, size int, now time.Time) (string, int, error) {
	for {
		id, n, err := s.assembleOnce(ctx, size, now)
		if err != nil || id != "" || n == 0 {
			return id, n, err
		}
		// Every candidate was suppressed: look at the next ones.
	}
}

// assembleOnce returns a batch id, or "" with the number of candidates it looked at.
func (s *Store) assembleOnce(ctx context.Context, size int, now time.Time) (string, int, error) {
	var rows []struct {
		ID         string `bun:"id"`
		Suppressed string `bun:"suppressed"`
	}
	err := s.db.NewRaw(`
		SELECT e.id, coalesce(x.reason, '') AS suppressed
		FROM emails e LEFT JOIN suppressions x ON x.email_lower = lower(e.to_address)
		WHERE e.lane = 'bulk' AND e.status = 'queued' AND e.batch_id IS NULL
		ORDER BY e.created_at, e.id
		LIMIT ? FOR UPDATE OF e SKIP LOCKED`, size).Scan(ctx, &rows)
	if err != nil || len(rows) == 0 {
		return "", 0, dbErr("assemble batch", err)
	}
	var members []string
	for _, r := range rows {
		if r.Suppressed != "" {
			if err := s.SetEmailStatus(ctx, r.ID, EmailSuppressed, "address suppressed: "+r.Suppressed, now); err != nil {
				return "", 0, err
			}
			continue
		}
		members = append(members, r.ID)
	}
	if len(members) == 0 {
		return "", len(rows), nil
	}
	var id string
	if err := s.db.NewRaw(`INSERT INTO email_batches (size, created_at) VALUES (?, ?) RETURNING id`, len(members), now).Scan(ctx, &id); err != nil {
		return "", 0, dbErr("create batch", err)
	}
	_, err = s.db.NewUpdate().Model((*Email)(nil)).Set("batch_id = ?", id).Where("id IN (?)", bun.List(members)).Exec(ctx)
	return id, len(members), dbErr("assemble batch", err)
}

// BatchEmails returns a batch's emails in their fixed order (the order of the provider call).
func (s *Store) BatchEmails(ctx context.Context, batchID string) ([]Email, error) {
	out := []Email{}
	err := s.db.NewSelect().Model(&out).Where("batch_id = ?", batchID).Order("created_at", "id").Scan(ctx)
	return out, dbErr("batch emails", err)
}

// MarkBatchSent records when a batch was handed over.
func (s *Store) MarkBatchSent(ctx context.Context, batchID string, now time.Time) error {
	_, err := s.db.NewRaw(`UPDATE email_batches SET sent_at = ? WHERE id = ?`, now, batchID).Exec(ctx)
	return dbErr("mark batch sent", err)
}
