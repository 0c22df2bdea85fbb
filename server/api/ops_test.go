package api

import (
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestOperationsEndpoints(t *testing.T) {
	h := newHarness(t)
	c := h.client("203.0.113.60")
	expect(t, c.do("GET", "/healthz", ""), 200, "")
	r := c.do("GET", "/readyz", "")
	expect(t, r, 200, "")
	if r.json(t)["status"] != "ready" {
		t.Fatalf("readyz: %s", r.Body)
	}
	if r.Header.Get("X-Request-Id") == "" {
		t.Error("no X-Request-Id")
	}
}

// Metrics move with what members do (an email queued after a forgot-password for a known
// address, none for an unknown one): they are served on a listener of their own, and the
// public one answers a JSON 404 whatever happened.
func TestMetricsOnlyOnTheirOwnListener(t *testing.T) {
	h := newHarness(t)
	h.member("known@example.com", goodPassword)
	c := h.client("203.0.113.60")
	public := func() string {
		t.Helper()
		r := c.do("GET", "/metrics", "")
		expect(t, r, 404, "not_found")
		if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("public /metrics is not a JSON 404: %s", r.Body)
		}
		return withoutRequestID(t, r.Body)
	}
	before := public()
	for _, email := range []string{"known@example.com", "nobody@example.com"} {
		expect(t, c.do("POST", "/api/auth/forgot-password", `{"email":"`+email+`"}`), 202, "")
		h.settle()
		if after := public(); after != before {
			t.Fatalf("the public side changed after a request for %s: %s", email, after)
		}
	}
	expect(t, c.do("GET", "/metrics/", ""), 404, "not_found")

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := h.metrics.Server()
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	res, err := http.Get("http://" + ln.Addr().String() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	for _, want := range []string{
		`gatehouse_http_request_duration_seconds_count{method="POST",route="/api/auth/forgot-password",status="202"} 2`,
		`gatehouse_emails{status="sent"} 1`, "go_goroutines",
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestSPAFallbackAndCaching(t *testing.T) {
	h := newHarness(t)
	c := h.client("203.0.113.61")
	for _, path := range []string{"/", "/login", "/reset", "/admin/contacts/123", "/offers/deep/link"} {
		r := c.do("GET", path, "")
		expect(t, r, 200, "")
		if !strings.Contains(string(r.Body), "<title>portal</title>") || r.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("%s: %q cache %q", path, r.Body, r.Header.Get("Cache-Control"))
		}
		if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
	}
	r := c.do("GET", "/assets/app-abc123.js", "")
	expect(t, r, 200, "")
	if r.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Errorf("asset cache: %q", r.Header.Get("Cache-Control"))
	}
	expect(t, c.do("GET", "/assets/missing-123.js", ""), 404, "not_found")
	for _, path := range []string{"/api/nope", "/api/auth/nope", "/api/admin/nope/1", "/auth/nope/a/b"} {
		r := c.do("GET", path, "")
		expect(t, r, 404, "not_found")
		if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			t.Errorf("%s: not JSON", path)
		}
	}
	r = c.do("GET", "/", "")
	for header, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Strict-Transport-Security": "max-age="} {
		if !strings.Contains(r.Header.Get(header), want) {
			t.Errorf("%s: %q", header, r.Header.Get(header))
		}
	}
}

// A NUL character cannot be stored in PostgreSQL text: anywhere in a request it is a 422, never
// a database error.
func TestNULIsRefusedEverywhere(t *testing.T) {
	h := newHarness(t)
	c := h.client("203.0.113.9")
	expect(t, c.do("POST", "/api/auth/login", `{"email":"a\u0000b@example.com","password":"x"}`), 422, "validation_failed")
	expect(t, c.do("POST", "/api/auth/forgot-password", `{"email":"a\u0000b@example.com"}`), 422, "validation_failed")
	h.member("boss@example.com", staffPassword, "owner")
	s := h.signIn("boss@example.com", staffPassword)
	expect(t, s.do("POST", "/api/admin/contacts", `{"email":"n@example.com","name":"N\u0000"}`), 422, "validation_failed")
	expect(t, s.do("GET", "/api/admin/contacts?q=%00", ""), 422, "validation_failed")
	expect(t, s.do("GET", "/api/admin/emails?cursor="+encodeCursor(map[string]string{"c": "2026-01-01T00:00:00Z", "i": "\x00"}), ""), 422, "validation_failed")
}

// Dates PostgreSQL cannot store (year 0) are the client's mistake: 422, in filters and cursors.
func TestYearZeroIsRefused(t *testing.T) {
	h := newHarness(t)
	h.member("boss@example.com", staffPassword, "owner")
	s := h.signIn("boss@example.com", staffPassword)
	id := "6f1c2a57-0000-4000-8000-000000000001"
	for _, path := range []string{
		"/api/admin/emails?from=0000-01-01",
		"/api/admin/audit?to=0000-12-31",
		"/api/admin/bulk?cursor=" + encodeCursor(pagePosition{At: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), ID: id}),
		"/api/admin/contacts?sort=created&cursor=" + encodeCursor(map[string]string{"c": "0000-01-01T00:00:00Z", "i": id}),
	} {
		expect(t, s.do("GET", path, ""), 422, "validation_failed")
	}
}
