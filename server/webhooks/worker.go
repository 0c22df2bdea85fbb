package webhooks

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/riverqueue/river"

	"gatehouse/server/events"
	"gatehouse/server/outbox"
	"gatehouse/server/serverkey"
	"gatehouse/server/store"
)

// Options tune delivery; tests shrink the window and the backoff.
type Options struct {
	// AllowPrivate lets deliveries reach private and loopback addresses over http too
	// (GATEHOUSE_WEBHOOKS_ALLOW_PRIVATE).
	AllowPrivate bool
	// Window is how long a delivery is retried, and how long an endpoint may fail every
	// attempt before it is turned off (default 72 h).
	Window time.Duration
	// RetryBase and RetryMax shape the backoff: base·2^(attempt-1), capped at max, with
	// jitter (defaults 10 s and 6 h: about 20 attempts over 3 days).
	RetryBase, RetryMax time.Duration
	// Timeout bounds one attempt (default 10 s).
	Timeout time.Duration
}

func (o Options) withDefaults() Options {
	o.Window = cmp.Or(o.Window, 72*time.Hour)
	o.RetryBase = cmp.Or(o.RetryBase, 10*time.Second)
	o.RetryMax = cmp.Or(o.RetryMax, 6*time.Hour)
	o.Timeout = cmp.Or(o.Timeout, 10*time.Second)
	return o
}

// Worker delivers one event to one endpoint per job.
type Worker struct {
	river.WorkerDefaults[events.DeliverHookArgs]
	store  *store.Store
	keys   *serverkey.Ring
	outbox *outbox.Outbox
	client *http.Client
	opts   Options
	now    func() time.Time
	log    *slog.Logger
}

// NewWorker returns the delivery worker; ob queues the email to an endpoint's creator when it
// is turned off.
func NewWorker(st *store.Store, keys *serverkey.Ring, ob *outbox.Outbox, o Options, now func() time.Time, log *slog.Logger) *Worker {
	o = o.withDefaults()
	return &Worker{store: st, keys: keys, outbox: ob, client: newClient(o.AllowPrivate, o.Timeout), opts: o, now: now, log: log}
}

// responseLimit is the most of a receiver's answer read; excerptLimit the most kept in the log.
const (
	responseLimit = 64 << 10
	excerptLimit  = 1 << 10
)

// NextRetry is exponential backoff with "equal jitter" (half fixed, half random), so the
// deliveries that failed together during a receiver's outage do not all return at once.
func (w *Worker) NextRetry(job *river.Job[events.DeliverHookArgs]) time.Time {
	d := w.opts.RetryBase
	for i := 1; i < job.Attempt && d < w.opts.RetryMax; i++ {
		d *= 2
	}
	d = min(d, w.opts.RetryMax)
	return time.Now().Add(d/2 + rand.N(d/2+1))
}

// Timeout leaves room for the attempt and for recording it.
func (w *Worker) Timeout(*river.Job[events.DeliverHookArgs]) time.Duration {
	return w.opts.Timeout + 20*time.Second
}

// Work makes one attempt. A failure is returned (River retries it) until the window ends.
func (w *Worker) Work(ctx context.Context, job *river.Job[events.DeliverHookArgs]) error {
	d, err := w.store.WebhookDeliveryByID(ctx, job.Args.DeliveryID)
	if errors.Is(err, store.ErrNotFound) {
		return river.JobCancel(err) // the endpoint was deleted with its log
	}
	if err != nil {
		return err
	}
	if d.Status != store.DeliveryPending && d.Status != store.DeliveryRetrying {
		return nil // already final: a duplicate or rescued job
	}
	e, err := w.store.WebhookEndpointByID(ctx, d.EndpointID)
	if err != nil {
		return err
	}
	if !e.Enabled {
		return w.store.FinishWebhookDelivery(ctx, d.ID, store.DeliveryCancelled, "The endpoint was turned off.", w.now())
	}
	keys, err := w.signingKeys(ctx, &e)
	if err != nil {
		return err
	}
	at := w.attempt(ctx, e.URL, *d.Event, keys)
	at.DeliveryID, at.Attempt = d.ID, d.Attempts+1
	return w.record(ctx, d, e, at)
}

// attempt sends the event once and describes what happened.
func (w *Worker) attempt(ctx context.Context, url string, ev store.OutboundEvent, keys [][]byte) store.WebhookAttempt {
	now := w.now()
	at := store.WebhookAttempt{AttemptedAt: now}
	body := []byte(ev.Body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(ev.Body))
	if err != nil {
		at.Error = "The URL cannot be requested."
		return at
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Gatehouse-Webhooks/1")
	req.Header.Set("webhook-id", ev.ID)
	req.Header.Set("webhook-timestamp", strconv.FormatInt(now.Unix(), 10))
	req.Header.Set("webhook-signature", signature(keys, ev.ID, now, body))
	start := time.Now()
	res, err := w.client.Do(req)
	at.LatencyMS = int(time.Since(start).Milliseconds())
	if err != nil {
		at.Error = describe(err)
		return at
	}
	defer res.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(res.Body, responseLimit))
	at.StatusCode, at.ResponseExcerpt = res.StatusCode, excerpt(answer)
	if res.StatusCode < 200 || res.StatusCode > 299 {
		at.Error = "HTTP " + strconv.Itoa(res.StatusCode)
		if res.StatusCode >= 300 && res.StatusCode < 400 {
			at.Error += ": redirects are not followed"
		}
	}
	return at
}

// record writes the attempt and what follows from it, in one transaction: the delivery's
// status, the endpoint's failing streak and, when it has failed for the whole window,
// turning it off.
func (w *Worker) record(ctx context.Context, d store.WebhookDelivery, e store.WebhookEndpoint, at store.WebhookAttempt) error {
	now := w.now()
	failed := at.Error != ""
	status := store.DeliveryDelivered
	if failed {
		status = store.DeliveryRetrying
		if now.Sub(d.CreatedAt) >= w.opts.Window {
			status = store.DeliveryFailed
		}
	}
	err := w.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.RecordWebhookAttempt(ctx, &at, status, now); err != nil {
			return err
		}
		if !failed {
			return tx.EndpointSucceeded(ctx, e.ID)
		}
		since, err := tx.EndpointFailed(ctx, e.ID, at.AttemptedAt)
		if err != nil || now.Sub(since) < w.opts.Window {
			return err
		}
		return w.turnOff(ctx, tx, e.ID, since, at.Error)
	})
	switch {
	case err != nil:
		return err
	case status == store.DeliveryRetrying:
		return fmt.Errorf("webhooks: %s", at.Error)
	case status == store.DeliveryFailed:
		return river.JobCancel(fmt.Errorf("webhooks: gave up after %d attempts: %s", at.Attempt, at.Error))
	}
	return nil
}

// signingKeys opens the endpoint's secret (and the previous one during a rotation). A secret
// sealed under an older server key is sealed again under the current one.
func (w *Worker) signingKeys(ctx context.Context, e *store.WebhookEndpoint) ([][]byte, error) {
	plain, stale, err := w.keys.Open(e.SecretSealed, sealContext(e.ID))
	if err != nil {
		return nil, fmt.Errorf("webhooks: endpoint %s: %w", e.ID, err)
	}
	if stale {
		e.SecretSealed = w.keys.Seal(plain, sealContext(e.ID))
		if err := w.store.SaveWebhookEndpoint(ctx, e); err != nil {
			w.log.Warn("re-sealing a webhook secret", "endpoint_id", e.ID, "error", err)
		}
	}
	key, err := secretKey(string(plain))
	if err != nil {
		return nil, err
	}
	keys := [][]byte{key}
	if e.PreviousSecretSealed != "" && w.now().Before(e.PreviousSecretUntil) {
		if prev, _, err := w.keys.Open(e.PreviousSecretSealed, sealContext(e.ID)); err == nil {
			if k, err := secretKey(string(prev)); err == nil {
				keys = append(keys, k)
			}
		}
	}
	return keys, nil
}

// describe words a failed request for the log without internals.
func describe(err error) string {
	var timeout interface{ Timeout() bool }
	switch {
	case errors.Is(err, ErrAddressRefused):
		return "Refused: the address is on this machine or a private network."
	case errors.As(err, &timeout) && timeout.Timeout():
		return "No answer within the time limit."
	case strings.Contains(err.Error(), "connection refused"):
		return "Connection refused."
	case strings.Contains(err.Error(), "no such host"):
		return "The host name does not resolve."
	case strings.Contains(err.Error(), "certificate"):
		return "TLS failed: the certificate is not valid for this host."
	}
	msg := err.Error()
	if len(msg) > 300 {
		msg = msg[:300]
	}
	return msg
}

// excerpt keeps the start of an answer as text PostgreSQL can store.
func excerpt(b []byte) string {
	s := strings.ToValidUTF8(strings.ReplaceAll(string(b), "\x00", ""), "")
	if len(s) <= excerptLimit {
		return s
	}
	s = s[:excerptLimit]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}
