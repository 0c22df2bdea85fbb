// Package outbox queues email: each email becomes a row and a River delivery job in the
// transaction of the change that causes it, so an email is sent if and only if that change
// commits.
package outbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"gatehouse/server/mail"
	"gatehouse/server/store"
)

// Lanes: credential email (reset, welcome, notifications) has workers of its own, so it never
// waits behind bulk work.
const (
	LaneCredential = "credential"
	LaneBulk       = "bulk"
)

// Outbox renders messages and queues them.
type Outbox struct {
	river       *river.Client[*sql.Tx]
	templates   *mail.Templates
	publicURL   *url.URL
	maxAttempts int
	now         func() time.Time
}

// New returns an Outbox. maxAttempts bounds delivery retries of one email; now is the clock
// that stamps emails (the same one the flows use, so expiries and history agree).
func New(client *river.Client[*sql.Tx], templates *mail.Templates, publicURL *url.URL, maxAttempts int, now func() time.Time) *Outbox {
	return &Outbox{river: client, templates: templates, publicURL: publicURL, maxAttempts: maxAttempts, now: now}
}

// Draft says who an email goes to and what it belongs to. To is always the contact's stored
// address: callers never take a recipient from a request.
type Draft struct {
	ContactID string
	To        string
	OfferID   string
	CreatedBy string
	RetryOf   string
	Lane      string
	// Link is the one-time URL the message's LinkPlaceholder stands for, if it has one;
	// Code the one-time code its CodePlaceholder stands for. Both are kept only until the
	// email is handed to the provider.
	Link string
	Code string
}

// AssembleOpts makes the batching job unique: a thousand bulk emails queued in a row wake one
// assembler, not a thousand. River counts a running job as a duplicate too, so emails queued
// while an assembler works are picked up by the periodic assembler (jobs.NewClient).
func AssembleOpts() *river.InsertOpts {
	return &river.InsertOpts{Queue: river.QueueDefault, UniqueOpts: river.UniqueOpts{ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateScheduled, rivertype.JobStateRetryable,
	}}}
}

// ErrNoTransaction means Queue was called outside store.InTx.
var ErrNoTransaction = errors.New("outbox: queue must run inside a transaction")

// Queue stores m as a queued email and enqueues its delivery, in tx. It is rendered once tx
// commits (Render), outside any transaction: a staff-written template never runs while the
// change that queued it holds its locks.
func (o *Outbox) Queue(ctx context.Context, tx *store.Store, m mail.Message, d Draft) (store.Email, error) {
	return o.QueueAs(ctx, tx, m.Kind(), m, d)
}

// QueueAs is Queue recording the email under another kind (a template test is not a reset).
func (o *Outbox) QueueAs(ctx context.Context, tx *store.Store, kind string, m mail.Message, d Draft) (store.Email, error) {
	if tx.SQLTx() == nil {
		return store.Email{}, ErrNoTransaction
	}
	msg, err := mail.EncodeMessage(m)
	if err != nil {
		return store.Email{}, err
	}
	return o.insert(ctx, tx, kind, mail.Rendered{}, msg, d)
}

// ErrCarriesLink means Requeue was given an email that carried a one-time link: its stored
// content holds a placeholder, and a link must be issued afresh, never resent.
var ErrCarriesLink = errors.New("outbox: an email with a one-time link cannot be requeued")

// Requeue queues the stored content of an earlier email, which carried no link, as a new email
// in tx: a notice sent again reports what the first one reported.
func (o *Outbox) Requeue(ctx context.Context, tx *store.Store, old store.Email, d Draft) (store.Email, error) {
	if tx.SQLTx() == nil {
		return store.Email{}, ErrNoTransaction
	}
	for _, part := range []string{old.TextBody, old.HTMLBody, old.Message} { // Message: one never rendered
		if d.Link != "" || d.Code != "" || strings.Contains(part, mail.LinkPlaceholder) || strings.Contains(part, mail.CodePlaceholder) {
			return store.Email{}, ErrCarriesLink
		}
	}
	return o.insert(ctx, tx, old.Kind, mail.Rendered{Subject: old.Subject, HTML: old.HTMLBody, Text: old.TextBody}, old.Message, d)
}

// insert stores an email as queued, rendered or with its message's data to render after the
// commit, and enqueues its delivery (bulk: its batching).
func (o *Outbox) insert(ctx context.Context, tx *store.Store, kind string, r mail.Rendered, message string, d Draft) (store.Email, error) {
	if d.Lane == "" {
		d.Lane = LaneCredential
	}
	e := store.Email{
		ContactID: d.ContactID, ToAddress: d.To, Kind: kind, Lane: d.Lane, OfferID: d.OfferID,
		Subject: r.Subject, HTMLBody: r.HTML, TextBody: r.Text, Message: message, LinkSecret: d.Link, CodeSecret: d.Code,
		CreatedBy: d.CreatedBy, RetryOf: d.RetryOf, CreatedAt: o.now(), UpdatedAt: o.now(),
	}
	if err := tx.CreateEmail(ctx, &e); err != nil {
		return store.Email{}, err
	}
	if message != "" {
		// The delivery job renders whatever is left unrendered (a crash right after the
		// commit) and fails, with the reason, what cannot be rendered.
		tx.AfterCommit(func(base *store.Store) { _, _ = o.Render(context.WithoutCancel(ctx), base, e) })
	}
	if d.Lane == LaneBulk {
		// Bulk email waits for the batcher: the caller wakes it once for many emails
		// (WakeBatcher), and the periodic batcher picks up anything left within seconds.
		return e, nil
	}
	opts := &river.InsertOpts{Queue: LaneCredential, MaxAttempts: o.maxAttempts}
	if _, err := o.river.InsertTx(ctx, tx.SQLTx(), DeliverArgs{EmailID: e.ID}, opts); err != nil {
		return store.Email{}, fmt.Errorf("outbox: enqueue delivery: %w", err)
	}
	return e, nil
}

// WakeBatcher queues the batching job (once, however often it is called while one waits), in
// tx, after queueing bulk email.
func (o *Outbox) WakeBatcher(ctx context.Context, tx *store.Store) error {
	if _, err := o.river.InsertTx(ctx, tx.SQLTx(), AssembleBatchesArgs{}, AssembleOpts()); err != nil {
		return fmt.Errorf("outbox: wake batcher: %w", err)
	}
	return nil
}

// Brand is the portal's branding for emails: the settings plus the public URL.
func (o *Outbox) Brand(s store.Settings) mail.Brand {
	return mail.Brand{PortalName: s.PortalName, LogoURL: s.LogoURL, Color: s.PrimaryColor, SupportEmail: s.SupportEmail, PublicURL: o.publicURL.String()}
}

// URL builds an absolute link on the configured public URL (never on a request's Host).
func (o *Outbox) URL(path string) string {
	return o.publicURL.String() + path
}

// Preview renders a message without queueing it.
func (o *Outbox) Preview(m mail.Message) (mail.Rendered, error) { return o.templates.Render(m) }

// ErrRender means a queued email's message could not be rendered. The row is left as it is:
// its delivery job fails it with the reason (and tells webhook subscribers, as for any failure).
var ErrRender = errors.New("outbox: the email could not be rendered")

// Render writes the subject and bodies of an email queued with its message's data (outside
// any transaction) and answers the email as rendered. An email rendered already is answered as
// it is stored. A message that cannot be rendered answers ErrRender and changes nothing.
func (o *Outbox) Render(ctx context.Context, st *store.Store, e store.Email) (store.Email, error) {
	if e.Message == "" {
		return e, nil
	}
	r, err := o.render(e.Message)
	if err != nil {
		return e, fmt.Errorf("%w: %w", ErrRender, err)
	}
	done, err := st.SetEmailRendered(ctx, e.ID, r.Subject, r.HTML, r.Text, o.now())
	if err != nil {
		return e, err
	}
	if !done {
		return st.EmailByID(ctx, e.ID) // rendered by the other side in the meantime
	}
	e.Subject, e.HTMLBody, e.TextBody, e.Message = r.Subject, r.HTML, r.Text, ""
	return e, nil
}

func (o *Outbox) render(message string) (mail.Rendered, error) {
	m, err := mail.DecodeMessage(message)
	if err != nil {
		return mail.Rendered{}, err
	}
	return o.templates.Render(m)
}
