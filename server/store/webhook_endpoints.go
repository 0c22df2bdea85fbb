package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// WebhookEndpoint is a URL outside systems gave us, with the event types it wants. Its signing
// secret is stored sealed with the server key.
type WebhookEndpoint struct {
	bun.BaseModel `bun:"table:webhook_endpoints"`

	ID                   string    `bun:"id,pk,type:uuid"`
	URL                  string    `bun:"url"`
	Description          string    `bun:"description"`
	Events               []string  `bun:"events,array"`
	SecretSealed         string    `bun:"secret_sealed"`
	PreviousSecretSealed string    `bun:"previous_secret_sealed,nullzero"`
	PreviousSecretUntil  time.Time `bun:"previous_secret_until,nullzero"`
	Enabled              bool      `bun:"enabled"`
	DisabledReason       string    `bun:"disabled_reason"`
	DisabledAt           time.Time `bun:"disabled_at,nullzero"`
	FailingSince         time.Time `bun:"failing_since,nullzero"`
	CreatedBy            string    `bun:"created_by,type:uuid,nullzero"`
	CreatedAt            time.Time `bun:"created_at,nullzero,notnull,default:now()"`
	UpdatedAt            time.Time `bun:"updated_at,nullzero,notnull,default:now()"`
}

// CreateWebhookEndpoint inserts e (its id chosen by the caller: the sealed secret is bound to it).
func (s *Store) CreateWebhookEndpoint(ctx context.Context, e *WebhookEndpoint) error {
	_, err := s.db.NewInsert().Model(e).Returning("*").Exec(ctx)
	return dbErr("create webhook endpoint", err)
}

// WebhookEndpointByID returns one endpoint.
func (s *Store) WebhookEndpointByID(ctx context.Context, id string) (WebhookEndpoint, error) {
	var e WebhookEndpoint
	err := s.db.NewSelect().Model(&e).Where("id = ?", id).Scan(ctx)
	return e, dbErr("webhook endpoint by id", err)
}

// WebhookEndpointForUpdate locks one endpoint for the rest of the transaction.
func (s *Store) WebhookEndpointForUpdate(ctx context.Context, id string) (WebhookEndpoint, error) {
	var e WebhookEndpoint
	err := s.db.NewSelect().Model(&e).Where("id = ?", id).For("UPDATE").Scan(ctx)
	return e, dbErr("lock webhook endpoint", err)
}

// ListWebhookEndpoints returns every endpoint, oldest first (there are few).
func (s *Store) ListWebhookEndpoints(ctx context.Context) ([]WebhookEndpoint, error) {
	out := []WebhookEndpoint{}
	err := s.db.NewSelect().Model(&out).Order("created_at", "id").Scan(ctx)
	return out, dbErr("list webhook endpoints", err)
}

// SubscribedEndpoints returns the ids of the enabled endpoints that want eventType. Called in
// the transaction of every change that has an event type, so it is one indexed read.
func (s *Store) SubscribedEndpoints(ctx context.Context, eventType string) ([]string, error) {
	var ids []string
	err := s.db.NewSelect().Model((*WebhookEndpoint)(nil)).Column("id").
		Where("enabled AND events @> ?", pgdialect.Array([]string{eventType})).Scan(ctx, &ids)
	return ids, dbErr("subscribed endpoints", err)
}

// SaveWebhookEndpoint stores the editable fields and the state of e.
func (s *Store) SaveWebhookEndpoint(ctx context.Context, e *WebhookEndpoint) error {
	res, err := s.db.NewUpdate().Model(e).
		Column("url", "description", "events", "secret_sealed", "previous_secret_sealed", "previous_secret_until",
			"enabled", "disabled_reason", "disabled_at", "failing_since").
		Set("updated_at = now()").WherePK().Exec(ctx)
	return affected("save webhook endpoint", res, err)
}

// DeleteWebhookEndpoint deletes an endpoint with its deliveries.
func (s *Store) DeleteWebhookEndpoint(ctx context.Context, id string) error {
	res, err := s.db.NewDelete().Model((*WebhookEndpoint)(nil)).Where("id = ?", id).Exec(ctx)
	return affected("delete webhook endpoint", res, err)
}

// EndpointFailed records a failed attempt at now: the endpoint is failing since now unless it
// already was. It returns since when it has been failing.
func (s *Store) EndpointFailed(ctx context.Context, id string, now time.Time) (time.Time, error) {
	var since time.Time
	err := s.db.NewUpdate().Model((*WebhookEndpoint)(nil)).Where("id = ?", id).
		Set("failing_since = coalesce(failing_since, ?)", now).Returning("failing_since").Scan(ctx, &since)
	return since, dbErr("endpoint failed", err)
}

// EndpointSucceeded clears an endpoint's failing streak.
func (s *Store) EndpointSucceeded(ctx context.Context, id string) error {
	_, err := s.db.NewUpdate().Model((*WebhookEndpoint)(nil)).Where("id = ? AND failing_since IS NOT NULL", id).
		Set("failing_since = NULL").Exec(ctx)
	return dbErr("endpoint succeeded", err)
}
