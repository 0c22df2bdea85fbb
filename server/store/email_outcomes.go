package store

import (
	"context"
	"time"

	"github.com/uptrace/bun/dialect/pgdialect"
)

// EmailOutcome is one email's new status (with the provider's id when it was sent).
type EmailOutcome struct {
	ID         string
	Status     string
	Reason     string
	ProviderID string
}

// SetEmailOutcomes moves many emails (a batch's) to their statuses and records each one's
// timeline event, in one statement: a batch of 100 costs one round trip, not 200. The rules are
// SetEmailStatus's: "sending" counts an attempt, a final status drops the link secret.
func (s *Store) SetEmailOutcomes(ctx context.Context, outcomes []EmailOutcome, now time.Time) error {
	if len(outcomes) == 0 {
		return nil
	}
	ids, statuses, reasons, providers := make([]string, len(outcomes)), make([]string, len(outcomes)), make([]string, len(outcomes)), make([]string, len(outcomes))
	for i, o := range outcomes {
		ids[i], statuses[i], reasons[i], providers[i] = o.ID, o.Status, o.Reason, o.ProviderID
	}
	_, err := s.db.NewRaw(`
		WITH r AS (
			SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[]) AS r(id, status, reason, provider_id)
		), u AS (
			UPDATE emails e SET
				status = r.status, status_reason = r.reason, updated_at = ?,
				attempts = e.attempts + (r.status = 'sending')::int,
				provider_id = coalesce(nullif(r.provider_id, ''), e.provider_id),
				sent_at = CASE WHEN r.status = 'sent' THEN ? ELSE e.sent_at END,
				link_secret = CASE WHEN r.status IN ('sent', 'failed', 'suppressed') THEN NULL ELSE e.link_secret END,
				code_secret = CASE WHEN r.status IN ('sent', 'failed', 'suppressed') THEN NULL ELSE e.code_secret END
			FROM r WHERE e.id = r.id
			RETURNING e.id, r.status, r.reason
		)
		INSERT INTO email_events (email_id, type, detail, occurred_at) SELECT id, status, reason, ? FROM u`,
		pgdialect.Array(ids), pgdialect.Array(statuses), pgdialect.Array(reasons), pgdialect.Array(providers), now, now, now).Exec(ctx)
	return dbErr("set email outcomes", err)
}
