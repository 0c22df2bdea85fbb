package webhooks

import (
	"context"

	"gatehouse/server/access"
	"gatehouse/server/events"
	"gatehouse/server/store"
)

// SendTest sends a webhook.test event to one endpoint (the "send test event" button) and
// returns its delivery's id; it shows in the endpoint's log like any other.
func (s *Service) SendTest(ctx context.Context, a access.Actor, id string) (string, error) {
	var deliveryID string
	err := s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		e, err := tx.WebhookEndpointForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if !e.Enabled {
			return ErrDisabled
		}
		data := map[string]any{"endpoint_id": e.ID, "message": "A test event from Gatehouse: if you can read this, your endpoint and its signature check work."}
		ids, err := s.events.PublishTo(ctx, tx, events.HookTest, data, []string{e.ID})
		if err != nil {
			return err
		}
		deliveryID = ids[0]
		return s.audit(ctx, tx, a, "webhook.test", e, map[string]any{"delivery_id": deliveryID})
	})
	return deliveryID, err
}

// Redeliver sends an earlier delivery's event to its endpoint again, as a new delivery with
// the same webhook-id (a receiver that already has it can tell).
func (s *Service) Redeliver(ctx context.Context, a access.Actor, endpointID, deliveryID string) (string, error) {
	var newID string
	err := s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		e, err := tx.WebhookEndpointForUpdate(ctx, endpointID)
		if err != nil {
			return err
		}
		if !e.Enabled {
			return ErrDisabled
		}
		d, err := tx.WebhookDeliveryByID(ctx, deliveryID)
		if err != nil {
			return err
		}
		if d.EndpointID != e.ID {
			return store.ErrNotFound
		}
		if newID, err = tx.AddRedelivery(ctx, d, s.now()); err != nil {
			return err
		}
		if err := s.events.QueueDeliveries(ctx, tx, []string{newID}); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "webhook.redeliver", e, map[string]any{"delivery_id": newID, "redelivery_of": d.ID, "event": d.Event.Type})
	})
	return newID, err
}

// Deliveries returns a page of an endpoint's deliveries, newest first, and their attempts.
func (s *Service) Deliveries(ctx context.Context, endpointID string, p store.Page) ([]store.WebhookDelivery, map[string][]store.WebhookAttempt, error) {
	if _, err := s.store.WebhookEndpointByID(ctx, endpointID); err != nil {
		return nil, nil, err
	}
	list, err := s.store.ListWebhookDeliveries(ctx, endpointID, p)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]string, len(list))
	for i, d := range list {
		ids[i] = d.ID
	}
	attempts, err := s.store.WebhookAttempts(ctx, ids)
	byDelivery := map[string][]store.WebhookAttempt{}
	for _, at := range attempts {
		byDelivery[at.DeliveryID] = append(byDelivery[at.DeliveryID], at)
	}
	return list, byDelivery, err
}
