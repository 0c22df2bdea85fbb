package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// benchAPI measures the machine API against GET /healthz in the same run: contact upserts,
// then grants with the welcome email (each to a contact of the upsert phase, each with its own
// Idempotency-Key), while an endpoint subscribed to offer.granted receives every grant's
// webhook; deliveries per second are counted at the receiver (make bench-api).
func benchAPI(bin string, d time.Duration, workers uint64) error {
	ctx := context.Background()
	base, err := os.MkdirTemp("", "gatehouse-bench-api-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(base)
	if err := os.Chmod(base, 0o755); err != nil {
		return err
	}
	fake := startFakeResend()
	defer fake.Close()
	rcv := newCountingReceiver()
	defer rcv.srv.Close()
	srv, err := startServer(ctx, bin, filepath.Join(base, "data"), fake.URL(),
		"GATEHOUSE_WEBHOOKS_ALLOW_PRIVATE=true", "GATEHOUSE_RESEND_RATE=1000")
	if err != nil {
		return err
	}
	defer srv.stop()
	key, offer, err := seedAPI(ctx, srv, rcv.srv.URL)
	if err != nil {
		return err
	}
	fmt.Printf("gatehouse bench (machine API): %d CPUs, %s per phase, %d workers, %s\n\n", runtime.NumCPU(), d, workers, time.Now().UTC().Format(time.RFC3339))

	results := []result{}
	r, _ := attack(phase{name: "GET /healthz (baseline)", target: get(srv.url + "/healthz")}, d, workers, srv)
	results = append(results, r)
	var ids contactIDs
	r, _ = attack(phase{name: "POST /api/v1/contacts (upsert)", target: upsertTarget(srv.url, key), onResult: keepIDs(&ids)}, d, workers, srv)
	results = append(results, r)
	start := time.Now()
	r, _ = attack(phase{name: "POST /api/v1/…/offers (grant+welcome)", target: grantTarget(srv.url, key, offer, &ids)}, d, workers, srv)
	grantEnd := time.Now()
	results = append(results, r)
	printResults(results)
	granted := r.codes["201"]
	if err := rcv.wait(granted, 2*time.Minute); err != nil {
		return err
	}
	first, last, n := rcv.span()
	fmt.Printf("\nwebhook deliveries of offer.granted to a local receiver: %d of %d grants, %.1f deliveries/s (first to last: %s; the last %s after the grant phase ended)\n",
		n, granted, float64(n)/max(last.Sub(first).Seconds(), 0.001), last.Sub(first).Round(time.Millisecond), max(last.Sub(grantEnd), 0).Round(time.Millisecond))
	fmt.Printf("grants with the welcome email: %.1f/s = %.3f × GET /healthz; each queued one welcome email (%d emails so far at the fake Resend, paced by the outbox); started %s\n",
		r.throughput, r.throughput/results[0].throughput, len(fake.Messages()), start.Format(time.TimeOnly))
	return nil
}

// seedAPI makes the owner, an offer, a key with every scope and a high rate, and an endpoint
// for the receiver (offer.granted).
func seedAPI(ctx context.Context, srv *server, receiverURL string) (key, offer string, err error) {
	admin := exec.CommandContext(ctx, srv.cmd.Path, "admin", "create", "--email", "staff@bench.example.com", "--role", "owner", "--password-stdin")
	admin.Env = srv.cmd.Env
	admin.Stdin = strings.NewReader(ownerPassword + "\n")
	if out, err := admin.CombinedOutput(); err != nil {
		return "", "", fmt.Errorf("admin create: %v: %s", err, out)
	}
	owner, err := newSession(srv.url, "staff@bench.example.com", ownerPassword)
	if err != nil {
		return "", "", err
	}
	var o struct{ ID string }
	if err := owner.post("/api/admin/offers", map[string]any{"name": "Bench course"}, &o); err != nil {
		return "", "", err
	}
	var k struct{ Key string }
	scopes := []string{"contacts:read", "contacts:write", "offers:grant", "credentials:send", "credentials:links", "emails:read"}
	if err := owner.post("/api/admin/api-keys", map[string]any{"name": "Bench", "scopes": scopes, "rate_per_minute": 100000}, &k); err != nil {
		return "", "", err
	}
	if err := owner.post("/api/admin/webhooks", map[string]any{"url": receiverURL, "events": []string{"offer.granted"}}, nil); err != nil {
		return "", "", err
	}
	return k.Key, o.ID, nil
}

// contactIDs collects the ids the upsert phase made, for the grant phase to use each once.
type contactIDs struct {
	mu   sync.Mutex
	ids  []string
	next atomic.Int64
}

func (c *contactIDs) add(id string) {
	c.mu.Lock()
	c.ids = append(c.ids, id)
	c.mu.Unlock()
}

func (c *contactIDs) take() (string, bool) {
	i := int(c.next.Add(1)) - 1
	c.mu.Lock()
	defer c.mu.Unlock()
	if i >= len(c.ids) {
		return "", false
	}
	return c.ids[i], true
}

func apiHeader(key string) http.Header {
	return http.Header{"Content-Type": {"application/json"}, "Authorization": {"Bearer " + key}}
}

// upsertTarget creates contacts, each with its own Idempotency-Key.
func upsertTarget(base, key string) vegeta.Targeter {
	var n atomic.Int64
	hdr := apiHeader(key)
	return func(t *vegeta.Target) error {
		i := n.Add(1)
		h := hdr.Clone()
		h.Set("Idempotency-Key", fmt.Sprintf("upsert-%d", i))
		body := fmt.Sprintf(`{"email":"buyer-%d@bench.example.com","name":"Buyer %d","tags":["bench"]}`, i, i)
		*t = vegeta.Target{Method: "POST", URL: base + "/api/v1/contacts", Body: []byte(body), Header: h}
		return nil
	}
}

// keepIDs collects the ids of the contacts the upsert phase created.
func keepIDs(ids *contactIDs) func(*vegeta.Result) {
	return func(r *vegeta.Result) {
		var c struct{ ID string }
		if r.Code == 201 && json.Unmarshal(r.Body, &c) == nil && c.ID != "" {
			ids.add(c.ID)
		}
	}
}

// grantTarget grants the offer with its welcome email to each contact once; the phase ends
// early when the contacts run out.
func grantTarget(base, key, offer string, ids *contactIDs) vegeta.Targeter {
	hdr := apiHeader(key)
	body := []byte(fmt.Sprintf(`{"offer_id":%q,"send_welcome":true}`, offer))
	return func(t *vegeta.Target) error {
		id, ok := ids.take()
		if !ok {
			return vegeta.ErrNoTargets
		}
		h := hdr.Clone()
		h.Set("Idempotency-Key", "grant-"+id)
		*t = vegeta.Target{Method: "POST", URL: base + "/api/v1/contacts/" + id + "/offers", Body: body, Header: h}
		return nil
	}
}

// countingReceiver is a webhook endpoint that counts deliveries and when they came.
type countingReceiver struct {
	srv         *httptest.Server
	mu          sync.Mutex
	n           int
	first, last time.Time
}

func newCountingReceiver() *countingReceiver {
	r := &countingReceiver{}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		_, _ = io.Copy(io.Discard, req.Body)
		r.mu.Lock()
		now := time.Now()
		if r.n == 0 {
			r.first = now
		}
		r.n++
		r.last = now
		r.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	return r
}

func (r *countingReceiver) span() (time.Time, time.Time, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.first, r.last, r.n
}

func (r *countingReceiver) wait(n int, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if _, _, got := r.span(); got >= n {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	_, _, got := r.span()
	return fmt.Errorf("the receiver got %d of %d webhooks within %s", got, n, limit)
}
