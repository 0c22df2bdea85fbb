package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/events"
	"gatehouse/server/store"
	"gatehouse/server/webhooks"
)

// Outbound webhook endpoints and their delivery logs (Admin → Integrations). A signing secret
// is in the answer when it is made (creation, rotation) and never again.

type webhookJSON struct {
	ID             string     `json:"id"`
	URL            string     `json:"url"`
	Description    string     `json:"description"`
	Events         []string   `json:"events"`
	Enabled        bool       `json:"enabled"`
	DisabledReason string     `json:"disabled_reason"`
	DisabledAt     *time.Time `json:"disabled_at"`
	FailingSince   *time.Time `json:"failing_since"`
	RotatingUntil  *time.Time `json:"previous_secret_until"` // the old secret still signs until then
	CreatedAt      time.Time  `json:"created_at"`
}

func toWebhookJSON(e store.WebhookEndpoint, now time.Time) webhookJSON {
	out := webhookJSON{ID: e.ID, URL: e.URL, Description: e.Description, Events: e.Events, Enabled: e.Enabled,
		DisabledReason: e.DisabledReason, DisabledAt: timePtr(e.DisabledAt), FailingSince: timePtr(e.FailingSince), CreatedAt: e.CreatedAt}
	if e.PreviousSecretUntil.After(now) {
		out.RotatingUntil = &e.PreviousSecretUntil
	}
	return out
}

func (s *Server) listWebhooks(c *fiber.Ctx) error {
	list, err := s.Hooks.List(c.UserContext())
	if err != nil {
		return err
	}
	items := make([]webhookJSON, len(list))
	for i, e := range list {
		items[i] = toWebhookJSON(e, s.Now())
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": "", "event_types": events.HookTypes})
}

type webhookRequest struct {
	URL         *string   `json:"url"`
	Events      *[]string `json:"events"`
	Description *string   `json:"description"`
	Enabled     *bool     `json:"enabled"`
}

func (r webhookRequest) endpoint() webhooks.Endpoint {
	return webhooks.Endpoint{URL: r.URL, Events: r.Events, Description: r.Description, Enabled: r.Enabled}
}

func (s *Server) createWebhook(c *fiber.Ctx) error {
	var req webhookRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	e, secret, err := s.Hooks.Create(c.UserContext(), actor(c), req.endpoint())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(struct {
		webhookJSON
		Secret string `json:"secret"`
	}{toWebhookJSON(e, s.Now()), secret})
}

func (s *Server) getWebhook(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	e, err := s.Hooks.Get(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(toWebhookJSON(e, s.Now()))
}

func (s *Server) updateWebhook(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req webhookRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	e, err := s.Hooks.Update(c.UserContext(), actor(c), id, req.endpoint())
	if err != nil {
		return err
	}
	return c.JSON(toWebhookJSON(e, s.Now()))
}

func (s *Server) deleteWebhook(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := emptyBody(c); err != nil {
		return err
	}
	if err := s.Hooks.Delete(c.UserContext(), actor(c), id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// rotateWebhookSecret answers the new secret, this once; the old one keeps signing for 24 h.
func (s *Server) rotateWebhookSecret(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := emptyBody(c); err != nil {
		return err
	}
	e, secret, err := s.Hooks.RotateSecret(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(struct {
		webhookJSON
		Secret string `json:"secret"`
	}{toWebhookJSON(e, s.Now()), secret})
}

func (s *Server) testWebhook(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := emptyBody(c); err != nil {
		return err
	}
	deliveryID, err := s.Hooks.SendTest(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(fiber.Map{"delivery_id": deliveryID})
}

func (s *Server) redeliverWebhook(c *fiber.Ctx) error {
	id, deliveryID, err := twoIDs(c, "delivery_id")
	if err != nil {
		return err
	}
	if err := emptyBody(c); err != nil {
		return err
	}
	newID, err := s.Hooks.Redeliver(c.UserContext(), actor(c), id, deliveryID)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(fiber.Map{"delivery_id": newID})
}

type webhookAttemptJSON struct {
	Attempt         int       `json:"attempt"`
	StatusCode      *int      `json:"status_code"`
	LatencyMS       int       `json:"latency_ms"`
	ResponseExcerpt string    `json:"response_excerpt"`
	Error           string    `json:"error"`
	AttemptedAt     time.Time `json:"attempted_at"`
}

type webhookDeliveryJSON struct {
	ID             string               `json:"id"`
	EventID        string               `json:"event_id"` // the webhook-id header
	EventType      string               `json:"event_type"`
	Status         string               `json:"status"`
	Attempts       int                  `json:"attempts"`
	LastStatusCode *int                 `json:"last_status_code"`
	LastLatencyMS  *int                 `json:"last_latency_ms"`
	LastResponse   string               `json:"last_response"`
	LastError      string               `json:"last_error"`
	RedeliveryOf   string               `json:"redelivery_of,omitempty"`
	CreatedAt      time.Time            `json:"created_at"`
	FinishedAt     *time.Time           `json:"finished_at"`
	Payload        string               `json:"payload"` // what was sent (payloads never hold secrets)
	Log            []webhookAttemptJSON `json:"log"`
}

// webhookDeliveries is an endpoint's delivery log, newest first, each with its attempts.
func (s *Server) webhookDeliveries(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	p, err := newestPage(c, 50, 200)
	if err != nil {
		return err
	}
	list, attempts, err := s.Hooks.Deliveries(c.UserContext(), id, p)
	if err != nil {
		return err
	}
	list, next := pageOf(list, p, func(d store.WebhookDelivery) (time.Time, string) { return d.CreatedAt, d.ID })
	items := make([]webhookDeliveryJSON, len(list))
	for i, d := range list {
		items[i] = webhookDeliveryJSON{ID: d.ID, EventID: d.EventID, EventType: d.Event.Type, Status: d.Status, Attempts: d.Attempts,
			LastStatusCode: intPtr(d.LastStatusCode), LastLatencyMS: intPtr(d.LastLatencyMS), LastResponse: d.LastResponse,
			LastError: d.LastError, RedeliveryOf: d.RedeliveryOf, CreatedAt: d.CreatedAt, FinishedAt: timePtr(d.FinishedAt),
			Payload: d.Event.Body, Log: []webhookAttemptJSON{}}
		if d.Attempts == 0 {
			items[i].LastLatencyMS = nil
		}
		for _, a := range attempts[d.ID] {
			items[i].Log = append(items[i].Log, webhookAttemptJSON{Attempt: a.Attempt, StatusCode: intPtr(a.StatusCode), LatencyMS: a.LatencyMS,
				ResponseExcerpt: a.ResponseExcerpt, Error: a.Error, AttemptedAt: a.AttemptedAt})
		}
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": next})
}

func intPtr(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}
