package events

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"time"

	"github.com/riverqueue/river"

	"gatehouse/server/store"
)

// Outbound event types: what outside systems can subscribe to with a webhook endpoint
// (README "Integrations"). Their payloads never carry a link, a code or a token.
const (
	HookContactCreated  = "contact.created"
	HookContactUpdated  = "contact.updated"
	HookOfferGranted    = "offer.granted"
	HookOfferRevoked    = "offer.revoked"
	HookFirstLogin      = "member.first_login"
	HookPasswordChanged = "password.changed"
	HookAccessRequested = "access.requested"
	HookEmailDelivered  = "email.delivered"
	HookEmailBounced    = "email.bounced"
	HookEmailComplained = "email.complained"
	HookEmailFailed     = "email.failed"
	// HookTest is what "send test event" sends; nobody subscribes to it.
	HookTest = "webhook.test"
)

// HookTypes are the types an endpoint can subscribe to.
var HookTypes = []string{HookContactCreated, HookContactUpdated, HookOfferGranted, HookOfferRevoked, HookFirstLogin,
	HookPasswordChanged, HookAccessRequested, HookEmailDelivered, HookEmailBounced, HookEmailComplained, HookEmailFailed}

// HookQueue is the River queue of webhook deliveries: a slow receiver (10 s per attempt)
// never holds up email or workflows.
const HookQueue = "webhooks"

// DeliverHookArgs is the job that delivers one event to one endpoint (package webhooks).
type DeliverHookArgs struct {
	DeliveryID string `json:"delivery_id"`
}

// Kind is River's name for the job.
func (DeliverHookArgs) Kind() string { return "deliver_webhook" }

// hookAttempts bounds a delivery's attempts; in practice its retry window ends it first.
const hookAttempts = 1000

// envelope is the body of every webhook, as the Standard Webhooks spec suggests.
type envelope struct {
	Type      string    `json:"type"`
	Timestamp time.Time `json:"timestamp"`
	Data      any       `json:"data"`
}

// Publish records an outbound event with one delivery job per enabled endpoint that wants it,
// in tx, so a rolled-back change tells nobody. With no such endpoint it writes nothing.
func (e *Emitter) Publish(ctx context.Context, tx *store.Store, typ string, data map[string]any) error {
	if e == nil {
		return nil
	}
	ids, err := tx.SubscribedEndpoints(ctx, typ)
	if err != nil || len(ids) == 0 {
		return err
	}
	_, err = e.PublishTo(ctx, tx, typ, data, ids)
	return err
}

// PublishTo records an event for the given endpoints (a test event goes to one) and queues
// their deliveries, returning the deliveries' ids.
func (e *Emitter) PublishTo(ctx context.Context, tx *store.Store, typ string, data map[string]any, endpointIDs []string) ([]string, error) {
	if tx.SQLTx() == nil {
		return nil, fmt.Errorf("events: publish must run inside a transaction")
	}
	now := e.now().UTC().Truncate(time.Millisecond)
	body, err := json.Marshal(envelope{Type: typ, Timestamp: now, Data: data})
	if err != nil {
		return nil, fmt.Errorf("events: encode %s: %w", typ, err)
	}
	ids, err := tx.AddOutboundEvent(ctx, &store.OutboundEvent{Type: typ, Body: string(body), CreatedAt: now}, endpointIDs)
	if err != nil {
		return nil, err
	}
	return ids, e.QueueDeliveries(ctx, tx, ids)
}

// QueueDeliveries queues the delivery jobs of deliveries written in tx.
func (e *Emitter) QueueDeliveries(ctx context.Context, tx *store.Store, deliveryIDs []string) error {
	params := make([]river.InsertManyParams, len(deliveryIDs))
	for i, id := range deliveryIDs {
		params[i] = river.InsertManyParams{Args: DeliverHookArgs{DeliveryID: id}, InsertOpts: &river.InsertOpts{Queue: HookQueue, MaxAttempts: hookAttempts}}
	}
	if len(params) == 0 {
		return nil
	}
	_, err := e.river.InsertManyTx(ctx, tx.SQLTx(), params)
	return err
}

// PublishContact publishes an event about a member: {"contact": …} plus extra. Staff
// accounts are managed at the desk only and nothing about them leaves through webhooks.
func (e *Emitter) PublishContact(ctx context.Context, tx *store.Store, typ string, c store.Contact, extra map[string]any) error {
	if c.Role != "" && c.Role != "member" {
		return nil
	}
	data := map[string]any{"contact": ContactData(c)}
	maps.Copy(data, extra)
	return e.Publish(ctx, tx, typ, data)
}

// ContactData is how an event names a contact.
func ContactData(c store.Contact) map[string]any {
	var ext any
	if c.ExternalID != "" {
		ext = c.ExternalID
	}
	return map[string]any{"id": c.ID, "email": c.Email, "name": c.Name, "external_id": ext}
}

// OfferData is how an event names an offer.
func OfferData(o store.Offer) map[string]any {
	return map[string]any{"id": o.ID, "slug": o.Slug, "name": o.Name}
}
