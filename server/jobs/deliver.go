package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"gatehouse/server/events"
	"gatehouse/server/mail"
	"gatehouse/server/outbox"
	"gatehouse/server/store"
)

// Deliver hands one queued email to the mail provider (the credential lane).
type Deliver struct {
	river.WorkerDefaults[outbox.DeliverArgs]
	sending
}

// sending is what both delivery workers share: the store, the provider, the pacer, and the
// emitter that tells webhook subscribers an email to a member failed.
type sending struct {
	store  *store.Store
	outbox *outbox.Outbox // renders what was queued with its message's data
	sender mail.Sender
	pacer  *Pacer
	events *events.Emitter
	from   string
	now    func() time.Time
	log    *slog.Logger
}

// NewDeliver returns the single-email delivery worker; em may be nil (no outbound events).
func NewDeliver(st *store.Store, ob *outbox.Outbox, sender mail.Sender, pacer *Pacer, em *events.Emitter, from string, now func() time.Time, log *slog.Logger) *Deliver {
	return &Deliver{sending: sending{store: st, outbox: ob, sender: sender, pacer: pacer, events: em, from: from, now: now, log: log}}
}

// Work sends the email once. The idempotency key is the email's id, so a retry after a crash
// or timeout (the provider may have accepted the first try) never delivers a second copy.
func (d *Deliver) Work(ctx context.Context, job *river.Job[outbox.DeliverArgs]) (err error) {
	defer d.lastAttempt(job.Attempt, job.MaxAttempts, &err, func(ctx context.Context) ([]store.Email, error) {
		e, err := d.store.EmailByID(ctx, job.Args.EmailID)
		return []store.Email{e}, err
	})
	return d.work(ctx, job)
}

func (d *Deliver) work(ctx context.Context, job *river.Job[outbox.DeliverArgs]) error {
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
	rendered, err := d.rendered(ctx, []store.Email{e})
	if err != nil || len(rendered) == 0 {
		return err // nothing left to send: it could not be rendered, and says why
	}
	e = rendered[0]
	env, err := d.envelopes(ctx, []store.Email{e})
	if err != nil {
		return err
	}
	if err := d.store.SetEmailStatus(ctx, e.ID, store.EmailSending, "", d.now()); err != nil {
		return err
	}
	if err := d.pacer.Wait(ctx); err != nil {
		return err
	}
	providerID, err := d.sender.Send(ctx, env[0], "gatehouse-email-"+e.ID)
	if err == nil {
		d.log.Info("email sent", "email_id", e.ID, "kind", e.Kind, "attempt", job.Attempt, "provider", d.sender.Name())
		return d.store.MarkEmailSent(ctx, e.ID, providerID, d.now())
	}
	return d.failed(ctx, []store.Email{e}, err, job.Attempt, job.MaxAttempts)
}

// rendered renders the emails still queued with their message's data (the render after their
// commit did not happen, or failed), and fails with the reason, and leaves out, those that
// cannot be rendered.
func (d *sending) rendered(ctx context.Context, es []store.Email) ([]store.Email, error) {
	out := es[:0:0]
	for _, e := range es {
		e, err := d.outbox.Render(ctx, d.store, e)
		if errors.Is(err, outbox.ErrRender) {
			d.log.Warn("email could not be rendered", "email_id", e.ID, "error", err)
			if err := d.setAll(ctx, []store.Email{e}, store.EmailFailed, strings.Replace(err.Error(), outbox.ErrRender.Error(), "could not be rendered", 1), d.now()); err != nil {
				return nil, err
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// envelopes builds what the provider receives; the one-time link goes in only here.
func (d *sending) envelopes(ctx context.Context, es []store.Email) ([]mail.Envelope, error) {
	set, err := d.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	from := mail.From(d.from, set.SenderName, set.SenderAddress, set.PortalName)
	out := make([]mail.Envelope, len(es))
	for i, e := range es {
		out[i] = mail.Envelope{
			EmailID: e.ID, From: from, To: e.ToAddress, Subject: e.Subject,
			HTML: withSecrets(e.HTMLBody, e), Text: withSecrets(e.TextBody, e),
			Tags: map[string]string{"kind": e.Kind, "email_id": e.ID},
		}
	}
	return out, nil
}

// failed decides what a failed request means for its emails: wait out a rate limit, fail
// at once on a refusal, retry with backoff otherwise, and give up after the last attempt.
func (d *sending) failed(ctx context.Context, es []store.Email, err error, attempt, maxAttempts int) error {
	var limited *mail.RateLimitedError
	now := d.now()
	switch {
	case errors.As(err, &limited):
		d.log.Warn("email provider rate limit", "retry_after", limited.RetryAfter, "emails", len(es))
		if err := d.pacer.Hold(ctx, limited.RetryAfter); err != nil {
			return err
		}
		if err := d.setAll(ctx, es, store.EmailQueued, "rate limited by the provider; waiting", now); err != nil {
			return err
		}
		return river.JobSnooze(limited.RetryAfter)
	case mail.IsPermanent(err):
		d.log.Warn("email refused", "error", err, "emails", len(es))
		if err := d.setAll(ctx, es, store.EmailFailed, reason(err), now); err != nil {
			return err
		}
		return river.JobCancel(err)
	case attempt >= maxAttempts:
		d.log.Error("email failed after retries", "error", err, "emails", len(es))
		return d.setAll(ctx, es, store.EmailFailed, "gave up after "+strconv.Itoa(attempt)+" attempts: "+reason(err), now)
	default:
		d.log.Warn("email send failed; will retry", "error", err, "emails", len(es))
		if err := d.setAll(ctx, es, store.EmailQueued, "retrying: "+reason(err), now); err != nil {
			return err
		}
		return err
	}
}

// setAll moves every email of a request (one, or a batch) to status, in one statement.
func (d *sending) setAll(ctx context.Context, es []store.Email, status, why string, now time.Time) error {
	outcomes := make([]store.EmailOutcome, len(es))
	for i, e := range es {
		outcomes[i] = store.EmailOutcome{ID: e.ID, Status: status, Reason: why}
	}
	return d.settle(ctx, d.store, es, outcomes, now)
}

// settle records the outcomes and, in the same transaction, tells webhook subscribers about
// each email to a member that failed (email.failed): our own giving up counts as much as the
// provider's report of a failure. st may be a transaction, which it then joins.
func (d *sending) settle(ctx context.Context, st *store.Store, es []store.Email, outcomes []store.EmailOutcome, now time.Time) error {
	return st.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.SetEmailOutcomes(ctx, outcomes, now); err != nil {
			return err
		}
		for i, o := range outcomes {
			if o.Status != store.EmailFailed || es[i].ContactID == "" || d.events == nil {
				continue
			}
			c, err := tx.ContactByID(ctx, es[i].ContactID)
			if errors.Is(err, store.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			email := map[string]any{"id": es[i].ID, "kind": es[i].Kind, "offer_id": nullable(es[i].OfferID), "status": o.Status, "reason": o.Reason}
			if err := d.events.PublishContact(ctx, tx, events.HookEmailFailed, c, map[string]any{"email": email}); err != nil {
				return err
			}
		}
		return nil
	})
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// lastAttempt makes the last attempt of a delivery final whatever stopped it: an error of our
// own (the database, a bug: a panic), not the provider's answer, which failed() handles. The
// emails still queued or sending are marked failed with the reason, which drops their link
// secret, instead of staying "sending" with a live link nobody will send.
func (d *sending) lastAttempt(attempt, maxAttempts int, errp *error, emails func(context.Context) ([]store.Email, error)) {
	if r := recover(); r != nil {
		*errp = fmt.Errorf("jobs: delivery panicked: %v", r)
	}
	var cancel *river.JobCancelError
	var snooze *river.JobSnoozeError
	if *errp == nil || attempt < maxAttempts || errors.As(*errp, &cancel) || errors.As(*errp, &snooze) {
		return
	}
	ctx, done := context.WithTimeout(context.Background(), 10*time.Second) // the job's own may have ended
	defer done()
	es, err := emails(ctx)
	if err != nil {
		d.log.Error("giving up on a delivery: cannot read its emails", "error", err)
		return
	}
	var pending []store.Email
	for _, e := range es {
		if e.Status == store.EmailQueued || e.Status == store.EmailSending {
			pending = append(pending, e)
		}
	}
	why := "gave up after " + strconv.Itoa(attempt) + " attempts: " + reason(*errp)
	if err := d.setAll(ctx, pending, store.EmailFailed, why, d.now()); err != nil {
		d.log.Error("giving up on a delivery: cannot mark its emails failed", "error", err)
		return
	}
	d.log.Error("email failed after retries", "error", *errp, "emails", len(pending))
}

// withSecrets puts the one-time link and code where the stored body has their placeholders.
func withSecrets(body string, e store.Email) string {
	if e.LinkSecret != "" {
		body = strings.ReplaceAll(body, mail.LinkPlaceholder, e.LinkSecret)
	}
	if e.CodeSecret != "" {
		body = strings.ReplaceAll(body, mail.CodePlaceholder, e.CodeSecret)
	}
	return body
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
