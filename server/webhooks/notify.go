package webhooks

import (
	"context"
	"errors"
	"time"

	"gatehouse/server/mail"
	"gatehouse/server/outbox"
	"gatehouse/server/store"
)

// turnOff disables an endpoint that has failed every attempt since since, in tx, and emails
// the staff member who added it (or, if they are gone, the owners and admins).
func (w *Worker) turnOff(ctx context.Context, tx *store.Store, id string, since time.Time, lastError string) error {
	e, err := tx.WebhookEndpointForUpdate(ctx, id)
	if err != nil || !e.Enabled {
		return err // turned off already, by another delivery or by staff
	}
	now := w.now()
	e.Enabled, e.DisabledAt = false, now
	e.DisabledReason = "Every delivery failed since " + since.UTC().Format(time.RFC1123) + "."
	if err := tx.SaveWebhookEndpoint(ctx, &e); err != nil {
		return err
	}
	w.log.Warn("webhook endpoint turned off after failing for the whole retry window", "endpoint_id", e.ID, "failing_since", since)
	to, err := w.recipients(ctx, tx, e)
	if err != nil {
		return err
	}
	set, err := tx.Settings(ctx)
	if err != nil {
		return err
	}
	for _, c := range to {
		m := mail.WebhookDisabled{Brand: w.outbox.Brand(set), Recipient: mail.Recipient{Name: c.Name, Email: c.Email},
			URL: e.URL, Since: since.UTC().Format(time.RFC1123), LastError: lastError, Link: w.outbox.URL("/admin/webhooks/" + e.ID)}
		if _, err := w.outbox.Queue(ctx, tx, m, outbox.Draft{ContactID: c.ID, To: c.Email}); err != nil {
			return err
		}
	}
	return nil
}

func (w *Worker) recipients(ctx context.Context, tx *store.Store, e store.WebhookEndpoint) ([]store.Contact, error) {
	if e.CreatedBy != "" {
		c, err := tx.ContactByID(ctx, e.CreatedBy)
		if err == nil && !c.Disabled() && (c.Role == "admin" || c.Role == "owner") {
			return []store.Contact{c}, nil
		}
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
	}
	return tx.StaffToNotify(ctx)
}
