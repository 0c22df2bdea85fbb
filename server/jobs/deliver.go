package jobs

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"gatehouse/server/mail"
	"gatehouse/server/outbox"
	"gatehouse/server/store"
)

// Deliver hands one queued email to the mail provider.
type Deliver struct {
	river.WorkerDefaults[outbox.DeliverArgs]
	store  *store.Store
	sender mail.Sender
	from   string
	now    func() time.Time
	log    *slog.Logger
}

// NewDeliver returns the delivery worker.
func NewDeliver(st *store.Store, sender mail.Sender, from string, now func() time.Time, log *slog.Logger) *Deliver {
	return &Deliver{store: st, sender: sender, from: from, now: now, log: log}
}

// Work sends the email once. The idempotency key is the email's id, so a retry after a crash
// or timeout (the provider may have accepted the first try) never delivers a second copy.
func (d *Deliver) Work(ctx context.Context, job *river.Job[outbox.DeliverArgs]) error {
	e, err := d.store.EmailByID(ctx, job.Args.EmailID)
	if errors.Is(err, store.ErrNotFound) {
		return river.JobCancel(err)
	}
	if err != nil {
		return err
	}
	if e.Status != store.EmailQueued && e.Status != store.EmailSending {
		return nil // already final: a duplicate or rescued job
	}
	// A bounced or complained address gets nothing more until staff lift the suppression.
	if sup, err := d.store.SuppressionFor(ctx, e.ToAddress); err == nil {
		return d.store.SetEmailStatus(ctx, e.ID, store.EmailSuppressed, "address suppressed: "+sup.Reason, d.now())
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	set, err := d.store.Settings(ctx)
	if err != nil {
		return err
	}
	if err := d.store.SetEmailStatus(ctx, e.ID, store.EmailSending, "", d.now()); err != nil {
		return err
	}
	env := mail.Envelope{
		EmailID: e.ID, From: mail.From(d.from, set.SenderName, set.SenderAddress), To: e.ToAddress, Subject: e.Subject,
		HTML: withLink(e.HTMLBody, e.LinkSecret), Text: withLink(e.TextBody, e.LinkSecret),
		Tags: map[string]string{"kind": e.Kind},
	}
	providerID, err := d.sender.Send(ctx, env, "gatehouse-email-"+e.ID)
	log := d.log.With("email_id", e.ID, "kind", e.Kind, "attempt", job.Attempt)
	var limited *mail.RateLimitedError
	switch {
	case err == nil:
		log.Info("email sent", "provider", d.sender.Name())
		return d.store.MarkEmailSent(ctx, e.ID, providerID, d.now())
	case errors.As(err, &limited):
		log.Warn("email provider rate limit", "retry_after", limited.RetryAfter)
		if err := d.store.SetEmailStatus(ctx, e.ID, store.EmailQueued, "rate limited by the provider; waiting", d.now()); err != nil {
			return err
		}
		return river.JobSnooze(limited.RetryAfter)
	case mail.IsPermanent(err):
		log.Warn("email refused", "error", err)
		if err := d.store.SetEmailStatus(ctx, e.ID, store.EmailFailed, reason(err), d.now()); err != nil {
			return err
		}
		return river.JobCancel(err)
	case job.Attempt >= job.MaxAttempts:
		log.Error("email failed after retries", "error", err)
		return d.store.SetEmailStatus(ctx, e.ID, store.EmailFailed, "gave up after "+strconv.Itoa(job.Attempt)+" attempts: "+reason(err), d.now())
	default:
		log.Warn("email send failed; will retry", "error", err)
		if err := d.store.SetEmailStatus(ctx, e.ID, store.EmailQueued, "retrying: "+reason(err), d.now()); err != nil {
			return err
		}
		return err
	}
}

// withLink puts the one-time link where the stored body has its placeholder.
func withLink(body, link string) string {
	if link == "" {
		return body
	}
	return strings.ReplaceAll(body, mail.LinkPlaceholder, link)
}

func reason(err error) string {
	var p *mail.PermanentError
	if errors.As(err, &p) {
		return p.Reason
	}
	msg := err.Error()
	if len(msg) > 300 {
		msg = msg[:300]
	}
	return msg
}
