// Package webhooks sends Gatehouse's events to the systems a business runs, as outbound
// webhooks signed to the Standard Webhooks spec (webhook-id, webhook-timestamp,
// webhook-signature), so receivers verify them with an off-the-shelf library. Endpoints are
// managed by admins; each has a signing secret, sealed with the server key because it must be
// read to sign, shown once when made or rotated. Events are written by package events in the
// transaction of the change; each delivery is a job here, retried with backoff and jitter for
// a window (3 days), logged attempt by attempt; an endpoint that fails for the whole window is
// turned off and the person who added it is emailed.
package webhooks

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gatehouse/server/access"
	"gatehouse/server/events"
	"gatehouse/server/serverkey"
	"gatehouse/server/store"
)

// Errors the API maps to answers.
var (
	ErrDisabled = errors.New("webhooks: the endpoint is turned off")
)

// InvalidError lists field problems in an endpoint.
type InvalidError struct{ Fields map[string]string }

func (e *InvalidError) Error() string { return "webhooks: invalid input" }

// Service manages endpoints and their delivery logs.
type Service struct {
	store        *store.Store
	keys         *serverkey.Ring
	events       *events.Emitter
	allowPrivate bool
	now          func() time.Time
}

// New returns the service. allowPrivate (GATEHOUSE_WEBHOOKS_ALLOW_PRIVATE) lets endpoints be
// http and on private or loopback addresses: for tests and closed networks only.
func New(st *store.Store, keys *serverkey.Ring, em *events.Emitter, allowPrivate bool, now func() time.Time) *Service {
	return &Service{store: st, keys: keys, events: em, allowPrivate: allowPrivate, now: now}
}

// Endpoint is what an admin fills in; nil fields of an update stay as they are.
type Endpoint struct {
	URL         *string
	Events      *[]string
	Description *string
	Enabled     *bool
}

// Create adds an endpoint and returns it with its signing secret, shown this once.
func (s *Service) Create(ctx context.Context, a access.Actor, in Endpoint) (store.WebhookEndpoint, string, error) {
	e := store.WebhookEndpoint{ID: newID(), Enabled: true, CreatedBy: a.ID, CreatedAt: s.now(), UpdatedAt: s.now()}
	if in.URL == nil || in.Events == nil {
		return e, "", &InvalidError{Fields: map[string]string{"url": "Required.", "events": "Required."}}
	}
	if err := s.apply(&e, in); err != nil {
		return e, "", err
	}
	secret := newSecret()
	e.SecretSealed = s.keys.Seal([]byte(secret), sealContext(e.ID))
	err := s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.CreateWebhookEndpoint(ctx, &e); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "webhook.create", e, map[string]any{"url": e.URL, "events": e.Events})
	})
	return e, secret, err
}

// Update changes an endpoint. Turning it on again clears its failing streak.
func (s *Service) Update(ctx context.Context, a access.Actor, id string, in Endpoint) (store.WebhookEndpoint, error) {
	var e store.WebhookEndpoint
	err := s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		var err error
		if e, err = tx.WebhookEndpointForUpdate(ctx, id); err != nil {
			return err
		}
		wasOn := e.Enabled
		if err := s.apply(&e, in); err != nil {
			return err
		}
		if e.Enabled && !wasOn {
			e.DisabledReason, e.DisabledAt, e.FailingSince = "", time.Time{}, time.Time{}
		} else if !e.Enabled && wasOn {
			e.DisabledReason, e.DisabledAt = "Turned off by staff.", s.now()
		}
		if err := tx.SaveWebhookEndpoint(ctx, &e); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "webhook.update", e, map[string]any{"url": e.URL, "events": e.Events, "enabled": e.Enabled})
	})
	return e, err
}

// Delete removes an endpoint and its delivery log.
func (s *Service) Delete(ctx context.Context, a access.Actor, id string) error {
	return s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		e, err := tx.WebhookEndpointForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.DeleteWebhookEndpoint(ctx, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "webhook.delete", e, map[string]any{"url": e.URL})
	})
}

// rotationOverlap is how long the previous secret still signs after a rotation, so receivers
// can switch without missing an event.
const rotationOverlap = 24 * time.Hour

// RotateSecret gives an endpoint a new signing secret, returned this once. For 24 hours
// deliveries carry signatures with both, the old and the new.
func (s *Service) RotateSecret(ctx context.Context, a access.Actor, id string) (store.WebhookEndpoint, string, error) {
	secret := newSecret()
	var e store.WebhookEndpoint
	err := s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		var err error
		if e, err = tx.WebhookEndpointForUpdate(ctx, id); err != nil {
			return err
		}
		e.PreviousSecretSealed, e.PreviousSecretUntil = e.SecretSealed, s.now().Add(rotationOverlap)
		e.SecretSealed = s.keys.Seal([]byte(secret), sealContext(e.ID))
		if err := tx.SaveWebhookEndpoint(ctx, &e); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "webhook.rotate_secret", e, nil)
	})
	return e, secret, err
}

// Get returns one endpoint; List every endpoint.
func (s *Service) Get(ctx context.Context, id string) (store.WebhookEndpoint, error) {
	return s.store.WebhookEndpointByID(ctx, id)
}

// List returns every endpoint, oldest first.
func (s *Service) List(ctx context.Context) ([]store.WebhookEndpoint, error) {
	return s.store.ListWebhookEndpoints(ctx)
}

// apply checks and applies the fields in gives.
func (s *Service) apply(e *store.WebhookEndpoint, in Endpoint) error {
	fields := map[string]string{}
	if in.URL != nil {
		u, problem := checkURL(*in.URL, s.allowPrivate)
		if problem != "" {
			fields["url"] = problem
		}
		e.URL = u
	}
	if in.Events != nil {
		if problem := checkEvents(*in.Events); problem != "" {
			fields["events"] = problem
		}
		e.Events = *in.Events
	}
	if in.Description != nil {
		d := strings.TrimSpace(*in.Description)
		if utf8.RuneCountInString(d) > 200 || strings.ContainsAny(d, "\r\n") {
			fields["description"] = "Use at most 200 characters on one line."
		}
		e.Description = d
	}
	if in.Enabled != nil {
		e.Enabled = *in.Enabled
	}
	if len(fields) > 0 {
		return &InvalidError{Fields: fields}
	}
	return nil
}

func checkEvents(list []string) string {
	if len(list) == 0 {
		return "Choose at least one event."
	}
	seen := map[string]bool{}
	for _, t := range list {
		if !slices.Contains(events.HookTypes, t) || seen[t] {
			return "Choose events from: " + strings.Join(events.HookTypes, ", ") + " (each once)."
		}
		seen[t] = true
	}
	return ""
}

func (s *Service) audit(ctx context.Context, tx *store.Store, a access.Actor, action string, e store.WebhookEndpoint, detail map[string]any) error {
	return access.AuditAt(ctx, tx, a, action, access.Target{Type: "webhook", ID: e.ID, Label: e.URL}, detail, s.now())
}

// sealContext binds a sealed secret to its endpoint: copied into another row, it does not open.
func sealContext(id string) string { return "webhook-secret:" + id }

// newID is a random (version 4) UUID, made here because the sealed secret is bound to it
// before the row exists.
func newID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic("webhooks: no randomness: " + err.Error())
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
