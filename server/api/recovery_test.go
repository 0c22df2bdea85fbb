package api

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"gatehouse/server/store"
)

// Forgot password and resend access answer identically for known, unknown, disabled and
// throttled addresses; only the job knows the difference, and only the known one gets mail.
func TestSelfServiceIsEnumerationSafe(t *testing.T) {
	for _, path := range []string{"/api/auth/forgot-password", "/api/auth/resend-access"} {
		t.Run(path, func(t *testing.T) {
			h := newHarness(t)
			h.member("known@example.com", goodPassword)
			off := h.member("disabled@example.com", goodPassword)
			if err := h.store.SetDisabled(context.Background(), off.ID, time.Now()); err != nil {
				t.Fatal(err)
			}
			h.member("busy@example.com", goodPassword)
			ask := func(email string) response {
				return h.client("203.0.113.20").do("POST", path, `{"email":"`+email+`"}`)
			}
			// Use up busy@'s per-account allowance first.
			expect(t, ask("busy@example.com"), 202, "")
			h.waitMessages(1)

			var bodies []string
			for _, email := range []string{"known@example.com", "nobody@example.com", "disabled@example.com", "busy@example.com"} {
				r := ask(email)
				expect(t, r, 202, "")
				bodies = append(bodies, withoutRequestID(t, r.Body))
			}
			for _, b := range bodies[1:] {
				if b != bodies[0] {
					t.Fatalf("answers differ:\n%s\n%s", bodies[0], b)
				}
			}
			h.settle()
			msgs := h.resend.Messages()
			if len(msgs) != 2 || msgs[1].To[0] != "known@example.com" {
				t.Fatalf("want one more email, to known@: %d emails", len(msgs))
			}
			outcomes := map[string]string{}
			list, _ := h.store.ListAccessRequests(context.Background(), "", store.Page{Limit: 10})
			for _, r := range list { // newest first: the later request wins
				if _, seen := outcomes[r.Email]; !seen {
					outcomes[r.Email] = r.Outcome
				}
			}
			want := map[string]string{"known@example.com": "sent", "nobody@example.com": "unknown_address", "disabled@example.com": "disabled"}
			for email, outcome := range want {
				if outcomes[email] != outcome {
					t.Errorf("%s: outcome %q, want %q", email, outcomes[email], outcome)
				}
			}
			if list[0].Email != "busy@example.com" || list[0].Outcome != "throttled" {
				t.Errorf("busy@: %+v", list[0])
			}
		})
	}
}

// The email field is exactly one string: anything else is refused before any work is queued.
func TestEmailFieldMustBeOneString(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", goodPassword)
	for _, body := range []string{
		`{"email":["ann@example.com"]}`,
		`{"email":["ann@example.com","attacker@example.com"]}`,
		`{"email":"ann@example.com,attacker@example.com"}`,
		`{"email":"ann@example.com;attacker@example.com"}`,
		`{"email":"ann@example.com","email":"attacker@example.com"}`,
		`{"email":"ann@example.com","Email":"attacker@example.com"}`,
		`{"EMAIL":"ann@example.com"}`,
		`{"email":"ann@example.com\r\nBcc: attacker@example.com"}`,
		`{"email":"ann@example.com\n"}`,
		`{"email":"Ann <ann@example.com>"}`,
		`{"email":{"address":"ann@example.com"}}`,
		`{"email":null}`,
		`{"email":""}`,
	} {
		for _, path := range []string{"/api/auth/forgot-password", "/api/auth/resend-access"} {
			r := h.client("203.0.113.21").do("POST", path, body)
			if r.Status != 422 || r.code(t) != "validation_failed" {
				t.Errorf("%s %s: %d %s", path, body, r.Status, r.Body)
			}
		}
	}
	h.settle()
	if n := countRows(t, h, "access_requests"); n != 0 {
		t.Fatalf("%d requests recorded", n)
	}
	if n := len(h.resend.Messages()); n != 0 {
		t.Fatalf("%d emails sent", n)
	}
}

func TestSelfServiceThrottledPerIP(t *testing.T) {
	h := newHarness(t)
	c := h.client("198.51.100.30")
	for range 10 {
		expect(t, c.do("POST", "/api/auth/forgot-password", `{"email":"x@example.com"}`), 202, "")
	}
	r := c.do("POST", "/api/auth/resend-access", `{"email":"y@example.com"}`)
	expect(t, r, 429, "rate_limited")
	if r.Header.Get("Retry-After") == "" {
		t.Fatal("no Retry-After")
	}
}

// The whole forgot-password path: email with a fragment link, scanner-safe check, reset,
// signed in, every other session and link ended, a notification, the link dead afterwards.
func TestForgotPasswordReset(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", goodPassword)
	phone := h.signIn("ann@example.com", goodPassword)

	expect(t, h.client("203.0.113.22").do("POST", "/api/auth/forgot-password", `{"email":"ann@example.com"}`), 202, "")
	msgs := h.waitMessages(1)
	if msgs[0].To[0] != "ann@example.com" || !strings.Contains(msgs[0].Subject, "Reset") {
		t.Fatalf("reset email: %+v", msgs[0])
	}
	token := linkIn(t, msgs[0])
	if !strings.Contains(msgs[0].Text, "/reset#token=") {
		t.Fatal("the token must travel in the URL fragment")
	}

	browser := h.client("203.0.113.23")
	for range 3 { // opening the link (a mail scanner, say) uses nothing up
		r := browser.do("POST", "/api/auth/check-link", `{"token":"`+token+`"}`)
		expect(t, r, 200, "")
		if r.json(t)["purpose"] != "reset" || r.json(t)["email"] != "ann@example.com" {
			t.Fatalf("check-link: %s", r.Body)
		}
	}
	expect(t, browser.do("POST", "/api/auth/reset-password", `{"token":"`+token+`","password":"short"}`), 422, "weak_password")
	r := browser.do("POST", "/api/auth/reset-password", `{"token":"`+token+`","password":"a brand new passphrase"}`)
	expect(t, r, 200, "")
	if r.json(t)["authenticated"] != true {
		t.Fatalf("not signed in after reset: %s", r.Body)
	}
	expect(t, browser.do("GET", "/api/portal/offers", ""), 200, "")
	expect(t, phone.do("GET", "/api/portal/offers", ""), 401, "unauthenticated")
	expect(t, h.client("203.0.113.24").do("POST", "/api/auth/reset-password", `{"token":"`+token+`","password":"another new passphrase"}`), 410, "token_used")
	expect(t, h.client("203.0.113.24").do("POST", "/api/auth/login", `{"email":"ann@example.com","password":"`+goodPassword+`"}`), 401, "invalid_credentials")
	expect(t, h.client("203.0.113.24").do("POST", "/api/auth/login", `{"email":"ann@example.com","password":"a brand new passphrase"}`), 200, "")

	msgs = h.waitMessages(2)
	changed := msgs[1]
	if !strings.Contains(changed.Subject, "password was changed") || strings.Contains(changed.Text, "a brand new passphrase") || linkPattern.MatchString(changed.Text) {
		t.Fatalf("notification: %q\n%s", changed.Subject, changed.Text)
	}
}

func TestResetLinkExpires(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", goodPassword)
	expect(t, h.client("203.0.113.25").do("POST", "/api/auth/forgot-password", `{"email":"ann@example.com"}`), 202, "")
	token := linkIn(t, h.waitMessages(1)[0])
	h.advance(31 * time.Minute)
	c := h.client("203.0.113.25")
	expect(t, c.do("POST", "/api/auth/check-link", `{"token":"`+token+`"}`), 410, "token_expired")
	expect(t, c.do("POST", "/api/auth/reset-password", `{"token":"`+token+`","password":"a brand new passphrase"}`), 410, "token_expired")

	// The expired page offers a new link, sent to the account's own address.
	expect(t, c.do("POST", "/api/auth/renew-link", `{"token":"`+token+`"}`), 202, "")
	msgs := h.waitMessages(2)
	fresh := linkIn(t, msgs[1])
	if msgs[1].To[0] != "ann@example.com" || fresh == token {
		t.Fatalf("renewed link: %+v", msgs[1])
	}
	expect(t, c.do("POST", "/api/auth/reset-password", `{"token":"`+fresh+`","password":"a brand new passphrase"}`), 200, "")
}

func TestNewerLinkRevokesOlder(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", goodPassword)
	c := h.client("203.0.113.26")
	expect(t, c.do("POST", "/api/auth/forgot-password", `{"email":"ann@example.com"}`), 202, "")
	first := linkIn(t, h.waitMessages(1)[0])
	h.advance(3 * time.Minute) // past the per-account pause
	expect(t, c.do("POST", "/api/auth/forgot-password", `{"email":"ann@example.com"}`), 202, "")
	second := linkIn(t, h.waitMessages(2)[1])
	expect(t, c.do("POST", "/api/auth/check-link", `{"token":"`+first+`"}`), 410, "token_expired")
	expect(t, c.do("POST", "/api/auth/check-link", `{"token":"`+second+`"}`), 200, "")
}

func TestInvalidAndWrongPurposeTokens(t *testing.T) {
	h := newHarness(t)
	ann := h.member("ann@example.com", goodPassword)
	c := h.client("203.0.113.27")
	expect(t, c.do("POST", "/api/auth/reset-password", `{"token":"not-a-real-token","password":"a brand new passphrase"}`), 400, "token_invalid")
	expect(t, c.do("POST", "/api/auth/reset-password", `{"token":"","password":"a brand new passphrase"}`), 422, "validation_failed")

	// A live token minted for something other than choosing a password is refused.
	raw := "wrongpurposewrongpurposewrongpurpose12345"
	tok := &store.Token{ContactID: ann.ID, Purpose: "email_change", TokenHash: sha(raw), ExpiresAt: time.Now().Add(time.Hour)}
	if err := h.store.ReplaceToken(context.Background(), tok, time.Now()); err != nil {
		t.Fatal(err)
	}
	expect(t, c.do("POST", "/api/auth/reset-password", `{"token":"`+raw+`","password":"a brand new passphrase"}`), 400, "token_invalid")

	// Submitting invalid links is throttled per IP.
	prober := h.client("198.51.100.40")
	for range 20 {
		prober.do("POST", "/api/auth/check-link", `{"token":"guess"}`)
	}
	expect(t, prober.do("POST", "/api/auth/check-link", `{"token":"guess"}`), 429, "rate_limited")
}

// Many simultaneous submissions of one link: exactly one sets the password.
func TestLinkWorksOnceUnderConcurrency(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", goodPassword)
	expect(t, h.client("203.0.113.28").do("POST", "/api/auth/forgot-password", `{"email":"ann@example.com"}`), 202, "")
	token := linkIn(t, h.waitMessages(1)[0])
	var wg sync.WaitGroup
	statuses := make([]int, 6)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := h.client("203.0.113.29").do("POST", "/api/auth/reset-password", `{"token":"`+token+`","password":"a brand new passphrase"}`)
			statuses[i] = r.Status
		}()
	}
	wg.Wait()
	ok := 0
	for _, s := range statuses {
		switch s {
		case 200:
			ok++
		case 410:
		default:
			t.Fatalf("unexpected status %d in %v", s, statuses)
		}
	}
	if ok != 1 {
		t.Fatalf("%d submissions succeeded, want exactly 1: %v", ok, statuses)
	}
}

// Links in email are built from the configured public URL, never from request headers.
func TestLinksIgnoreHostHeaders(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", goodPassword)
	c := h.client("203.0.113.30")
	c.header["Host"] = "evil.example"
	c.header["X-Forwarded-Host"] = "evil.example"
	c.header["X-Forwarded-Proto"] = "http"
	c.header["Forwarded"] = "host=evil.example"
	expect(t, c.do("POST", "/api/auth/forgot-password", `{"email":"ann@example.com"}`), 202, "")
	m := h.waitMessages(1)[0]
	if strings.Contains(m.Text+m.HTML, "evil.example") {
		t.Fatal("a request header reached the email")
	}
	linkIn(t, m) // the link is on https://portal.example.test
}

// An outsider cannot use up a member's self-service for the day: one IP gets a small budget of
// its own per account, only emails actually sent count against the account's, and links staff
// send never depend on either.
func TestOutsiderCannotBlockSelfService(t *testing.T) {
	d := newDesk(t)
	h := d.h
	ann := h.member("ann@example.com", goodPassword)
	ask := func(ip string) {
		t.Helper()
		expect(t, h.client(ip).do("POST", "/api/auth/forgot-password", `{"email":"ann@example.com"}`), 202, "")
		h.settle()
		h.advance(2*time.Minute + time.Second) // past the per-account two-minute window
	}
	for range 5 {
		ask("198.51.100.66")
	}
	outsider := len(h.resend.Messages())
	if outsider > 2 {
		t.Fatalf("one outsider IP got %d emails sent to ann", outsider)
	}
	// Ann asks from home: sent, and so are the requests after it up to the daily five, counting
	// only what was sent.
	for i := outsider; i < 5; i++ {
		ask(fmt.Sprintf("203.0.113.%d", 70+i))
		if n := len(h.resend.Messages()); n != i+1 {
			t.Fatalf("ann's request %d: %d emails in all, want %d", i+1, n, i+1)
		}
	}
	ask("203.0.113.90") // the account's daily budget is spent
	if n := len(h.resend.Messages()); n != 5 {
		t.Fatalf("%d emails, want the daily 5", n)
	}
	list, err := h.store.ListAccessRequests(context.Background(), ann.ID, store.Page{Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	throttled := 0
	for _, r := range list {
		if r.Outcome == "throttled" {
			throttled++
		}
	}
	if throttled != 5-outsider+1 {
		t.Fatalf("%d requests recorded as throttled, want %d", throttled, 5-outsider+1)
	}
	// Staff links go out whatever the budget says.
	expect(t, d.support.do("POST", "/api/admin/contacts/"+ann.ID+"/reset-link", `{"send":true}`), 202, "")
	if m := h.waitMessages(6)[5]; m.To[0] != "ann@example.com" {
		t.Fatalf("staff reset link: %v", m.To)
	}
}
