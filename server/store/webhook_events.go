package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/uptrace/bun"
)

// WebhookEvent is one delivery of a provider webhook, kept as received.
type WebhookEvent struct {
	bun.BaseModel `bun:"table:webhook_events"`

	SvixID      string          `bun:"svix_id,pk"`
	Type        string          `bun:"type"`
	ProviderID  string          `bun:"provider_id"`
	Payload     json.RawMessage `bun:"payload,type:jsonb"`
	OccurredAt  time.Time       `bun:"occurred_at,nullzero"`
	ReceivedAt  time.Time       `bun:"received_at,nullzero,notnull,default:now()"`
	ProcessedAt time.Time       `bun:"processed_at,nullzero"`
	Outcome     string          `bun:"outcome"`
}

// AddWebhookEvent stores an event once: a replay of the same svix id returns false.
func (s *Store) AddWebhookEvent(ctx context.Context, ev *WebhookEvent) (bool, error) {
	res, err := s.db.NewInsert().Model(ev).On("CONFLICT (svix_id) DO NOTHING").Exec(ctx)
	if err != nil {
		return false, dbErr("add webhook event", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// WebhookEventForUpdate locks an event while its job applies it.
func (s *Store) WebhookEventForUpdate(ctx context.Context, svixID string) (WebhookEvent, error) {
	var ev WebhookEvent
	err := s.db.NewSelect().Model(&ev).Where("svix_id = ?", svixID).For("UPDATE").Scan(ctx)
	return ev, dbErr("lock webhook event", err)
}

// FinishWebhookEvent records what applying an event did.
func (s *Store) FinishWebhookEvent(ctx context.Context, svixID, outcome string, now time.Time) error {
	_, err := s.db.NewUpdate().Model((*WebhookEvent)(nil)).Where("svix_id = ?", svixID).
		Set("processed_at = ?", now).Set("outcome = ?", outcome).Exec(ctx)
	return dbErr("finish webhook event", err)
}

// EmailByProviderID finds our email from the provider's id, locked for update.
func (s *Store) EmailByProviderID(ctx context.Context, providerID string) (Email, error) {
	var e Email
	err := s.db.NewSelect().Model(&e).Where("provider_id = ?", providerID).For("UPDATE").Scan(ctx)
	return e, dbErr("email by provider id", err)
}
