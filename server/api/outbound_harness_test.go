package api

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

// receiver is a webhook endpoint as an integrator would write it: it verifies each delivery
// with the Standard Webhooks library and the secret Gatehouse showed when the endpoint was
// made, and answers what the test tells it to.
type receiver struct {
	t      *testing.T
	srv    *httptest.Server
	mu     sync.Mutex
	hook   *standardwebhooks.Webhook
	answer func(n int) int // the status for the nth request (from 1)
	got    []delivery
}

type delivery struct {
	ID       string // webhook-id
	Type     string
	Data     map[string]any
	Body     string
	Verified bool
	Status   int // what the receiver answered
	Header   http.Header
}

func newReceiver(t *testing.T, answer func(n int) int) *receiver {
	r := &receiver{t: t, answer: answer}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) URL() string { return r.srv.URL + "/hooks/gatehouse" }

// trust sets the signing secret the receiver verifies with.
func (r *receiver) trust(secret string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	hook, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		r.t.Errorf("the signing secret is not one the Standard Webhooks library reads: %v", err)
	}
	r.hook = hook
}

func (r *receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	d := delivery{ID: req.Header.Get("webhook-id"), Body: string(body), Header: req.Header.Clone()}
	d.Verified = r.hook != nil && r.hook.Verify(body, req.Header) == nil
	var env struct {
		Type      string         `json:"type"`
		Timestamp time.Time      `json:"timestamp"`
		Data      map[string]any `json:"data"`
	}
	if err := json.Unmarshal(body, &env); err != nil || env.Timestamp.IsZero() {
		r.t.Errorf("a delivery is not a Standard Webhooks payload: %s", body)
	}
	d.Type, d.Data = env.Type, env.Data
	d.Status = r.answer(len(r.got) + 1)
	r.got = append(r.got, d)
	w.WriteHeader(d.Status)
	_, _ = w.Write([]byte(`{"received":true}`))
}

func (r *receiver) deliveries() []delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]delivery(nil), r.got...)
}

// waitFor waits until cond holds for the deliveries so far (or fails after 15 s).
func (r *receiver) waitFor(what string, cond func([]delivery) bool) []delivery {
	r.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if got := r.deliveries(); cond(got) {
			return got
		}
		time.Sleep(20 * time.Millisecond)
	}
	var types []string
	for _, d := range r.deliveries() {
		types = append(types, d.Type)
	}
	r.t.Fatalf("waiting for %s; the receiver got %d deliveries: %v", what, len(types), types)
	return nil
}

func alwaysOK(int) int { return 200 }

// endpoint makes an endpoint for the receiver through the admin API and hands the receiver
// its secret, as an admin would copy it.
func (h *harness) endpoint(admin *client, r *receiver, events ...string) string {
	h.t.Helper()
	res := admin.do("POST", "/api/admin/webhooks", toJSON(map[string]any{"url": r.URL(), "events": events}))
	expect(h.t, res, 201, "")
	secret := res.json(h.t)["secret"].(string)
	if !strings.HasPrefix(secret, "whsec_") {
		h.t.Fatalf("secret %q", secret)
	}
	r.trust(secret)
	return res.json(h.t)["id"].(string)
}

func ofType(ds []delivery, typ string) []delivery {
	var out []delivery
	for _, d := range ds {
		if d.Type == typ {
			out = append(out, d)
		}
	}
	return out
}
