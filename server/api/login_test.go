package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

const goodPassword = "correct horse battery staple"

func TestLoginAndLogout(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", goodPassword)
	c := h.client("203.0.113.1")

	r := c.do("GET", "/api/auth/session", "")
	expect(t, r, 200, "")
	if r.json(t)["authenticated"] != false {
		t.Fatalf("anonymous session: %s", r.Body)
	}

	r = c.do("POST", "/api/auth/login", `{"email":"ANN@example.com","password":"`+goodPassword+`"}`)
	expect(t, r, 200, "")
	body := r.json(t)
	if body["authenticated"] != true || body["csrf_token"] == "" || body["contact"].(map[string]any)["email"] != "ann@example.com" {
		t.Fatalf("login body: %s", r.Body)
	}
	if r.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("authenticated responses must not be cached: %q", r.Header.Get("Cache-Control"))
	}
	expect(t, c.do("GET", "/api/portal/offers", ""), 200, "")

	expect(t, c.do("POST", "/api/auth/logout", ""), 204, "")
	expect(t, c.do("GET", "/api/portal/offers", ""), 401, "unauthenticated")
}

// Every failed login looks the same: unknown address, wrong password, disabled account,
// account without a password.
func TestLoginFailuresAreIndistinguishable(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", goodPassword)
	disabled := h.member("off@example.com", goodPassword)
	if err := h.store.SetDisabled(t.Context(), disabled.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	h.member("nopass@example.com", "")
	var bodies []string
	for _, body := range []string{
		`{"email":"ann@example.com","password":"wrong wrong wrong"}`,
		`{"email":"nobody@example.com","password":"` + goodPassword + `"}`,
		`{"email":"off@example.com","password":"` + goodPassword + `"}`,
		`{"email":"nopass@example.com","password":"` + goodPassword + `"}`,
	} {
		r := h.client("203.0.113.2").do("POST", "/api/auth/login", body)
		expect(t, r, 401, "invalid_credentials")
		bodies = append(bodies, withoutRequestID(t, r.Body))
	}
	for _, b := range bodies[1:] {
		if b != bodies[0] {
			t.Fatalf("login failures differ:\n%s\n%s", bodies[0], b)
		}
	}
}

func TestLoginBackoffAfterFiveFailures(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", goodPassword)
	c := h.client("203.0.113.3")
	for range 5 {
		expect(t, c.do("POST", "/api/auth/login", `{"email":"ann@example.com","password":"nope nope nope"}`), 401, "invalid_credentials")
	}
	// Backed off: even the right password fails, with the same answer.
	expect(t, c.do("POST", "/api/auth/login", `{"email":"ann@example.com","password":"`+goodPassword+`"}`), 401, "invalid_credentials")
	h.advance(31 * time.Second)
	expect(t, c.do("POST", "/api/auth/login", `{"email":"ann@example.com","password":"`+goodPassword+`"}`), 200, "")
}

func TestLoginThrottledPerIP(t *testing.T) {
	h := newHarness(t)
	c := h.client("198.51.100.7")
	for i := range 20 {
		r := c.do("POST", "/api/auth/login", `{"email":"x@example.com","password":"whatever it is"}`)
		expect(t, r, 401, "invalid_credentials")
		_ = i
	}
	r := c.do("POST", "/api/auth/login", `{"email":"x@example.com","password":"whatever it is"}`)
	expect(t, r, 429, "rate_limited")
	if r.Header.Get("Retry-After") == "" {
		t.Fatal("429 without Retry-After")
	}
	// Another address is not affected.
	expect(t, h.client("198.51.100.8").do("POST", "/api/auth/login", `{"email":"x@example.com","password":"whatever it is"}`), 401, "")
}

func TestSessionCookieAndRotation(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", goodPassword)
	c := h.client("203.0.113.4")
	r := c.do("POST", "/api/auth/login", `{"email":"ann@example.com","password":"`+goodPassword+`"}`)
	expect(t, r, 200, "")
	set := r.Header.Get("Set-Cookie")
	for _, want := range []string{"__Host-gatehouse_session=", "HttpOnly", "secure", "SameSite=Lax", "path=/"} {
		if !strings.Contains(strings.ToLower(set), strings.ToLower(want)) {
			t.Fatalf("Set-Cookie %q lacks %q", set, want)
		}
	}
	first := c.cookie
	// Signing in again gives a new session id and ends the old one.
	expect(t, c.do("POST", "/api/auth/login", `{"email":"ann@example.com","password":"`+goodPassword+`"}`), 200, "")
	if c.cookie == first {
		t.Fatal("session id was not renewed at login")
	}
	old := h.client("203.0.113.4")
	old.cookie = first
	expect(t, old.do("GET", "/api/portal/offers", ""), 401, "unauthenticated")

	// A failed sign-in (a typo, say) does not sign the browser out.
	expect(t, c.do("POST", "/api/auth/login", `{"email":"ann@example.com","password":"not the password at all"}`), 401, "invalid_credentials")
	expect(t, c.do("GET", "/api/portal/offers", ""), 200, "")
}

func TestSessionIdleTimeout(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", goodPassword)
	h.member("staff@example.com", "a staff password that is long", "support")
	m := h.signIn("ann@example.com", goodPassword)
	s := h.signIn("staff@example.com", "a staff password that is long")
	h.advance(31 * time.Minute) // past the staff idle timeout, well within the member's
	expect(t, m.do("GET", "/api/portal/offers", ""), 200, "")
	expect(t, s.do("GET", "/api/admin/contacts", ""), 401, "unauthenticated")
}

func TestCSRFAndOriginChecks(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", goodPassword)
	c := h.signIn("ann@example.com", goodPassword)
	token := c.csrf

	c.csrf = ""
	expect(t, c.do("POST", "/api/portal/sessions/sign-out-others", "{}"), 403, "csrf_token_invalid")
	c.csrf = "forged"
	expect(t, c.do("POST", "/api/portal/sessions/sign-out-others", "{}"), 403, "csrf_token_invalid")
	c.csrf = token
	expect(t, c.do("POST", "/api/portal/sessions/sign-out-others", "{}"), 200, "")

	c.header["Origin"] = "https://evil.example"
	expect(t, c.do("POST", "/api/portal/sessions/sign-out-others", "{}"), 403, "cross_origin_request")
	c.header["Origin"] = publicURL
	expect(t, c.do("POST", "/api/portal/sessions/sign-out-others", "{}"), 200, "")
	delete(c.header, "Origin")
	c.header["Sec-Fetch-Site"] = "cross-site"
	expect(t, c.do("POST", "/api/portal/sessions/sign-out-others", "{}"), 403, "cross_origin_request")

	// A login from another site's form is refused too (login CSRF).
	evil := h.client("203.0.113.5")
	evil.header["Origin"] = "https://evil.example"
	expect(t, evil.do("POST", "/api/auth/login", `{"email":"ann@example.com","password":"`+goodPassword+`"}`), 403, "cross_origin_request")
}

// Oversized bodies are refused by the server before the app sees them (app.Test reports that
// as an error, not a response): TestBodyLimitIsDecidedWhenHeadersArrive checks them over TCP.
func TestMalformedAndOversizedBodies(t *testing.T) {
	h := newHarness(t)
	c := h.client("203.0.113.6")
	cases := []struct {
		name, body, contentType, encoding string
		status                            int
		code                              string
	}{
		{"not json", `{"email":`, "application/json", "", 400, "invalid_json"},
		{"array", `[1,2]`, "application/json", "", 400, "invalid_json"},
		{"two objects", `{"email":"a@example.com"}{}`, "application/json", "", 400, "invalid_json"},
		{"form encoded", `email=a@example.com`, "application/x-www-form-urlencoded", "", 415, "unsupported_media_type"},
		{"text plain", `{"email":"a@example.com"}`, "text/plain", "", 415, "unsupported_media_type"},
		{"gzip", `{"email":"a@example.com"}`, "application/json", "gzip", 415, "unsupported_media_type"},
		{"unknown field", `{"email":"a@example.com","to":"attacker@example.com"}`, "application/json", "", 422, "validation_failed"},
		{"wrong type", `{"email":42}`, "application/json", "", 422, "validation_failed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", "/api/auth/forgot-password", bytes.NewBufferString(tc.body))
			req.Header.Set("Content-Type", tc.contentType)
			if tc.encoding != "" {
				req.Header.Set("Content-Encoding", tc.encoding)
			}
			res, err := h.app.Test(req, -1)
			if err != nil {
				t.Fatal(err)
			}
			var body map[string]any
			_ = json.NewDecoder(res.Body).Decode(&body)
			if res.StatusCode != tc.status || body["code"] != tc.code {
				t.Fatalf("got %d %v, want %d %s", res.StatusCode, body, tc.status, tc.code)
			}
		})
	}
	_ = c
	h.settle()
	if n := countRows(t, h, "access_requests"); n != 0 {
		t.Fatalf("%d access requests recorded from refused bodies", n)
	}
}

func withoutRequestID(t *testing.T, body []byte) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "request_id")
	b, _ := json.Marshal(m)
	return string(b)
}

func countRows(t *testing.T, h *harness, table string) int {
	t.Helper()
	var n int
	if err := h.store.SQLDB().QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
