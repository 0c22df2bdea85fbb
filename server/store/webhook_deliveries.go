package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Delivery statuses.
const (
	DeliveryPending   = "pending"
	DeliveryRetrying  = "retrying"
	DeliveryDelivered = "delivered"
	DeliveryFailed    = "failed"
	DeliveryCancelled = "cancelled"
)

// OutboundEvent is one event for outside systems; Body is the exact JSON every attempt sends.
type OutboundEvent struct {
	bun.BaseModel `bun:"table:outbound_events"`

	ID        string    `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	Type      string    `bun:"type"`
	Body      string    `bun:"body"`
	CreatedAt time.Time `bun:"created_at,nullzero,notnull,default:now()"`
}

// WebhookDelivery is one event on its way to one endpoint, with its last attempt.
type WebhookDelivery struct {
	bun.BaseModel `bun:"table:webhook_deliveries,alias:wd"`

	ID             string    `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	EndpointID     string    `bun:"endpoint_id,type:uuid"`
	EventID        string    `bun:"event_id,type:uuid"`
	Status         string    `bun:"status"`
	Attempts       int       `bun:"attempts"`
	LastStatusCode int       `bun:"last_status_code,nullzero"`
	LastLatencyMS  int       `bun:"last_latency_ms,nullzero"`
	LastResponse   string    `bun:"last_response"`
	LastError      string    `bun:"last_error"`
	RedeliveryOf   string    `bun:"redelivery_of,type:uuid,nullzero"`
	CreatedAt      time.Time `bun:"created_at,nullzero,notnull,default:now()"`
	UpdatedAt      time.Time `bun:"updated_at,nullzero,notnull,default:now()"`
	FinishedAt     time.Time `bun:"finished_at,nullzero"`

	Event *OutboundEvent `bun:"rel:belongs-to,join:event_id=id"`
}

// WebhookAttempt is one HTTP request of a delivery.
type WebhookAttempt struct {
	bun.BaseModel `bun:"table:webhook_attempts"`

	ID              int64     `bun:"id,pk,autoincrement"`
	DeliveryID      string    `bun:"delivery_id,type:uuid"`
	Attempt         int       `bun:"attempt"`
	StatusCode      int       `bun:"status_code,nullzero"`
	LatencyMS       int       `bun:"latency_ms"`
	ResponseExcerpt string    `bun:"response_excerpt"`
	Error           string    `bun:"error"`
	AttemptedAt     time.Time `bun:"attempted_at,nullzero,notnull,default:now()"`
}

// AddOutboundEvent stores an event and one pending delivery per endpoint, returning the
// deliveries' ids.
func (s *Store) AddOutboundEvent(ctx context.Context, ev *OutboundEvent, endpointIDs []string) ([]string, error) {
	if _, err := s.db.NewInsert().Model(ev).Returning("id").Exec(ctx); err != nil {
		return nil, dbErr("add outbound event", err)
	}
	ds := make([]WebhookDelivery, len(endpointIDs))
	for i, id := range endpointIDs {
		ds[i] = WebhookDelivery{EndpointID: id, EventID: ev.ID, Status: DeliveryPending, CreatedAt: ev.CreatedAt, UpdatedAt: ev.CreatedAt}
	}
	return s.insertDeliveries(ctx, ds)
}

// AddRedelivery queues a fresh delivery of an earlier one's event to the same endpoint.
func (s *Store) AddRedelivery(ctx context.Context, of WebhookDelivery, now time.Time) (string, error) {
	ids, err := s.insertDeliveries(ctx, []WebhookDelivery{{EndpointID: of.EndpointID, EventID: of.EventID,
		Status: DeliveryPending, RedeliveryOf: of.ID, CreatedAt: now, UpdatedAt: now}})
	if err != nil {
		return "", err
	}
	return ids[0], nil
}

func (s *Store) insertDeliveries(ctx context.Context, ds []WebhookDelivery) ([]string, error) {
	if len(ds) == 0 {
		return nil, nil
	}
	if _, err := s.db.NewInsert().Model(&ds).Returning("id").Exec(ctx); err != nil {
		return nil, dbErr("add webhook deliveries", err)
	}
	ids := make([]string, len(ds))
	for i, d := range ds {
		ids[i] = d.ID
	}
	return ids, nil
}

// WebhookDeliveryByID returns one delivery with its event.
func (s *Store) WebhookDeliveryByID(ctx context.Context, id string) (WebhookDelivery, error) {
	var d WebhookDelivery
	err := s.db.NewSelect().Model(&d).Relation("Event").Where("wd.id = ?", id).Scan(ctx)
	return d, dbErr("webhook delivery by id", err)
}

// RecordWebhookAttempt appends an attempt and moves its delivery to status.
func (s *Store) RecordWebhookAttempt(ctx context.Context, a *WebhookAttempt, status string, now time.Time) error {
	if _, err := s.db.NewInsert().Model(a).Exec(ctx); err != nil {
		return dbErr("add webhook attempt", err)
	}
	q := s.db.NewUpdate().Model((*WebhookDelivery)(nil)).Where("id = ?", a.DeliveryID).
		Set("status = ?", status).Set("attempts = ?", a.Attempt).
		Set("last_status_code = ?", nullInt(a.StatusCode)).Set("last_latency_ms = ?", a.LatencyMS).
		Set("last_response = ?", a.ResponseExcerpt).Set("last_error = ?", a.Error).Set("updated_at = ?", now)
	if status != DeliveryRetrying && status != DeliveryPending {
		q = q.Set("finished_at = ?", now)
	}
	res, err := q.Exec(ctx)
	return affected("record webhook attempt", res, err)
}

// FinishWebhookDelivery ends a delivery without an attempt (its endpoint was disabled).
func (s *Store) FinishWebhookDelivery(ctx context.Context, id, status, why string, now time.Time) error {
	_, err := s.db.NewUpdate().Model((*WebhookDelivery)(nil)).Where("id = ?", id).
		Set("status = ?", status).Set("last_error = ?", why).Set("updated_at = ?", now).Set("finished_at = ?", now).Exec(ctx)
	return dbErr("finish webhook delivery", err)
}

// ListWebhookDeliveries returns an endpoint's deliveries newest first, with their events.
func (s *Store) ListWebhookDeliveries(ctx context.Context, endpointID string, p Page) ([]WebhookDelivery, error) {
	out := []WebhookDelivery{}
	q := s.db.NewSelect().Model(&out).Relation("Event").Where("wd.endpoint_id = ?", endpointID)
	err := p.newestFirst(q, "wd.created_at", "wd.id").Scan(ctx)
	return out, dbErr("list webhook deliveries", err)
}

// WebhookAttempts returns the attempts of the given deliveries, oldest first.
func (s *Store) WebhookAttempts(ctx context.Context, deliveryIDs []string) ([]WebhookAttempt, error) {
	out := []WebhookAttempt{}
	if len(deliveryIDs) == 0 {
		return out, nil
	}
	err := s.db.NewSelect().Model(&out).Where("delivery_id IN (?)", bun.List(deliveryIDs)).Order("id").Scan(ctx)
	return out, dbErr("webhook attempts", err)
}

// PruneOutboundEvents deletes events (with their deliveries) created before cutoff.
func (s *Store) PruneOutboundEvents(ctx context.Context, cutoff time.Time) error {
	_, err := s.db.NewDelete().Model((*OutboundEvent)(nil)).Where("created_at < ?", cutoff).Exec(ctx)
	return dbErr("prune outbound events", err)
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}
