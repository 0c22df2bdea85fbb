package jobs

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"gatehouse/server/events"
	"gatehouse/server/mail"
	"gatehouse/server/outbox"
	"gatehouse/server/store"
)

// ApplyWebhookArgs is the job that applies one stored webhook event.
type ApplyWebhookArgs struct {
	SvixID string `json:"svix_id"`
}

// Kind is River's name for the job.
func (ApplyWebhookArgs) Kind() string { return "apply_webhook_event" }

// Webhooks receives provider events (Receive, from the HTTP handler) and applies them (Work,
// as a job): the request only writes, the job does the rest.
type Webhooks struct {
	river.WorkerDefaults[ApplyWebhookArgs]
	store  *store.Store
	client *river.Client[*sql.Tx]
	events *events.Emitter
	now    func() time.Time
}

// NewWebhooks returns the receiver and worker; a bounce or complaint is an event workflows
// can react to (em).
func NewWebhooks(st *store.Store, client *river.Client[*sql.Tx], em *events.Emitter, now func() time.Time) *Webhooks {
	return &Webhooks{store: st, client: client, events: em, now: now}
}

// Receive stores an event and queues its application, in one transaction; a replay (the same
// svix id) is accepted and ignored. It reports whether the event was new.
func (w *Webhooks) Receive(ctx context.Context, svixID string, ev mail.WebhookEvent, body []byte) (bool, error) {
	var fresh bool
	err := w.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		var err error
		row := &store.WebhookEvent{SvixID: svixID, Type: ev.Type, ProviderID: ev.Data.EmailID, Payload: body, OccurredAt: ev.CreatedAt, ReceivedAt: w.now()}
		if fresh, err = tx.AddWebhookEvent(ctx, row); err != nil || !fresh {
			return err
		}
		_, err = w.client.InsertTx(ctx, tx.SQLTx(), ApplyWebhookArgs{SvixID: svixID}, &river.InsertOpts{Queue: outbox.LaneCredential})
		return err
	})
	return fresh, err
}

// webhookStatus maps Resend's event types to email statuses; other types are kept, not applied.
var webhookStatus = map[string]string{
	"email.sent": store.EmailSent, "email.delivered": "delivered", "email.delivery_delayed": "delivery_delayed",
	"email.bounced": "bounced", "email.complained": "complained", "email.failed": store.EmailFailed,
}

// Work applies an event to its email: the timeline gets the event, the status moves forward
// only, and a permanent bounce or a complaint suppresses the address portal-wide.
func (w *Webhooks) Work(ctx context.Context, job *river.Job[ApplyWebhookArgs]) error {
	return w.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		row, err := tx.WebhookEventForUpdate(ctx, job.Args.SvixID)
		if err != nil || !row.ProcessedAt.IsZero() {
			return err
		}
		now := w.now()
		ev, err := mail.ParseWebhook(row.Payload)
		status, known := webhookStatus[row.Type]
		if err != nil || !known {
			return tx.FinishWebhookEvent(ctx, row.SvixID, "ignored", now)
		}
		e, err := tx.EmailByProviderID(ctx, ev.Data.EmailID)
		if errors.Is(err, store.ErrNotFound) {
			return tx.FinishWebhookEvent(ctx, row.SvixID, "unknown_email", now)
		}
		if err != nil {
			return err
		}
		detail, suppress := describe(ev)
		occurred := ev.CreatedAt
		if occurred.IsZero() {
			occurred = now
		}
		changed, err := tx.AdvanceEmailStatus(ctx, e, status, detail, occurred, now)
		if err != nil {
			return err
		}
		if suppress {
			if err := tx.Suppress(ctx, e.ToAddress, detail, e.ID, now); err != nil {
				return err
			}
		}
		if (status == "bounced" || status == "complained") && changed && e.ContactID != "" {
			if _, err := w.events.Emit(ctx, tx, events.Event{Type: events.EmailBounced, ContactID: e.ContactID, OfferID: e.OfferID}); err != nil {
				return err
			}
		}
		if hook, ok := emailHooks[status]; ok && changed && e.ContactID != "" {
			if err := w.publish(ctx, tx, hook, e, status, detail); err != nil {
				return err
			}
		}
		outcome := "applied"
		if !changed {
			outcome = "recorded" // an older event arriving late: timeline only
		}
		return tx.FinishWebhookEvent(ctx, row.SvixID, outcome, now)
	})
}

// emailHooks are the statuses outside systems can subscribe to (outbound webhooks).
var emailHooks = map[string]string{
	"delivered": events.HookEmailDelivered, "bounced": events.HookEmailBounced,
	"complained": events.HookEmailComplained, store.EmailFailed: events.HookEmailFailed,
}

// publish tells webhook subscribers that an email to a member reached a status. The email is
// named by its id, kind and offer: never its content, which may have carried a link.
func (w *Webhooks) publish(ctx context.Context, tx *store.Store, hook string, e store.Email, status, detail string) error {
	c, err := tx.ContactByID(ctx, e.ContactID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	var offer any
	if e.OfferID != "" {
		offer = e.OfferID
	}
	email := map[string]any{"id": e.ID, "kind": e.Kind, "offer_id": offer, "status": status, "reason": detail}
	return w.events.PublishContact(ctx, tx, hook, c, map[string]any{"email": email})
}

// describe words an event for the timeline and says whether it should suppress the address:
// a permanent bounce or a complaint does; a transient bounce (mailbox full) does not.
func describe(ev mail.WebhookEvent) (string, bool) {
	switch ev.Type {
	case "email.bounced":
		if b := ev.Data.Bounce; b != nil {
			msg := strings.TrimSpace(b.Type + " bounce: " + b.Message)
			return msg, b.Type == "Permanent"
		}
		return "bounced", true
	case "email.complained":
		return "the recipient marked it as spam", true
	case "email.failed":
		if f := ev.Data.Failed; f != nil {
			return f.Reason, false
		}
	}
	return "", false
}
