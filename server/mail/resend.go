package mail

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/resend/resend-go/v2"
)

// Resend delivers through Resend's API (resend-go).
type Resend struct {
	client *resend.Client
}

// NewResend returns a Sender for the given key and base URL (Resend's own, or a fake in tests).
func NewResend(apiKey, baseURL string, timeout time.Duration) (*Resend, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("mail: resend base url: %w", err)
	}
	hc := &http.Client{Timeout: timeout, Transport: statusRecorder{http.DefaultTransport}}
	c := resend.NewCustomClient(hc, apiKey)
	c.BaseURL = u
	return &Resend{client: c}, nil
}

// Name identifies the sender in logs and metrics.
func (r *Resend) Name() string { return "resend" }

// Send posts one email with its idempotency key. A 429 becomes RateLimitedError, a refusal
// that retrying cannot fix (4xx) PermanentError; anything else is transient.
func (r *Resend) Send(ctx context.Context, e Envelope, key string) (string, error) {
	req := request(e)
	status := new(int)
	ctx = context.WithValue(ctx, statusKey{}, status)
	// Always a non-nil options struct: resend-go panics on nil (STACK.md).
	sent, err := r.client.Emails.SendWithOptions(ctx, req, &resend.SendEmailOptions{IdempotencyKey: key})
	if err != nil {
		return "", classify(err, *status)
	}
	return sent.Id, nil
}

// SendBatch posts up to 100 emails to /emails/batch in permissive mode: valid emails go out,
// invalid ones come back with their index and reason.
func (r *Resend) SendBatch(ctx context.Context, es []Envelope, key string) ([]BatchResult, error) {
	reqs := make([]*resend.SendEmailRequest, len(es))
	for i, e := range es {
		reqs[i] = request(e)
	}
	status := new(int)
	ctx = context.WithValue(ctx, statusKey{}, status)
	res, err := r.client.Batch.SendWithOptions(ctx, reqs, &resend.BatchSendEmailOptions{IdempotencyKey: key, BatchValidation: resend.BatchValidationPermissive})
	if err != nil {
		return nil, classify(err, *status)
	}
	out := make([]BatchResult, len(es))
	refused := map[int]bool{}
	for _, be := range res.Errors {
		if be.Index >= 0 && be.Index < len(out) {
			out[be.Index].Err = &PermanentError{Reason: be.Message}
			refused[be.Index] = true
		}
	}
	// data lists the accepted emails in request order, skipping the refused ones.
	next := 0
	for i := range out {
		if refused[i] {
			continue
		}
		if next >= len(res.Data) {
			return nil, fmt.Errorf("mail: resend batch answered %d ids for %d emails", len(res.Data), len(es)-len(refused))
		}
		out[i].ProviderID = res.Data[next].Id
		next++
	}
	return out, nil
}

func request(e Envelope) *resend.SendEmailRequest {
	req := &resend.SendEmailRequest{From: e.From, To: []string{e.To}, Subject: e.Subject, Html: e.HTML, Text: e.Text}
	// Sorted: the same email must make the same request on every attempt, or Resend refuses the
	// repeated idempotency key (409).
	for _, k := range slices.Sorted(maps.Keys(e.Tags)) {
		req.Tags = append(req.Tags, resend.Tag{Name: k, Value: e.Tags[k]})
	}
	return req
}

func classify(err error, status int) error {
	var rl *resend.RateLimitError
	if errors.As(err, &rl) {
		secs, perr := strconv.ParseFloat(strings.TrimSpace(rl.RetryAfter), 64)
		if perr != nil || secs <= 0 {
			secs = 1
		}
		return &RateLimitedError{RetryAfter: time.Duration(secs * float64(time.Second))}
	}
	reason := strings.TrimPrefix(err.Error(), "[ERROR]: ")
	switch {
	case status == http.StatusConflict && strings.Contains(reason, "concurrent"):
		return fmt.Errorf("mail: resend %d: %s", status, reason) // the first attempt is still in flight
	case status >= 400 && status < 500:
		return &PermanentError{Reason: fmt.Sprintf("%s (HTTP %d)", reason, status)}
	case status >= 500:
		return fmt.Errorf("mail: resend %d: %s", status, reason)
	}
	return fmt.Errorf("mail: resend: %w", err)
}

// resend-go turns non-429 errors into plain strings; the transport keeps the status code so
// that a refused email (4xx) can be told from a provider outage (5xx).
type statusKey struct{}

type statusRecorder struct{ next http.RoundTripper }

func (s statusRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := s.next.RoundTrip(req)
	if p, ok := req.Context().Value(statusKey{}).(*int); ok && resp != nil {
		*p = resp.StatusCode
	}
	return resp, err
}
