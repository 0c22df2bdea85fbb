package api

import (
	"context"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"gatehouse/server/store"
)

var sixDigits = regexp.MustCompile(`\b(\d{6})\b`)

// codeIn returns the code an email carries (the last six-digit number in its text).
func codeIn(t *testing.T, text string) string {
	t.Helper()
	m := sixDigits.FindAllString(text, -1)
	if len(m) == 0 {
		t.Fatalf("no code in %q", text)
	}
	return m[len(m)-1]
}

// askCode requests a sign-in code from browser c and returns it as emailed (the n-th message).
func askCode(t *testing.T, h *harness, c *client, email string, n int) string {
	t.Helper()
	expect(t, c.do("POST", "/api/auth/code", `{"email":"`+email+`"}`), 202, "")
	msgs := h.waitMessages(n)
	m := msgs[n-1]
	if m.To[0] != email || !strings.Contains(m.Subject, "sign-in code") {
		t.Fatalf("email %d: %s to %v", n, m.Subject, m.To)
	}
	if strings.Contains(m.Text, "gatehouse-test") {
		t.Fatal("the raw User-Agent reached the email")
	}
	return codeIn(t, m.Text)
}

func verify(c *client, email, code string) response {
	return c.do("POST", "/api/auth/code/verify", `{"email":"`+email+`","code":"`+code+`"}`)
}

// A code signs in only in the browser that asked for it, once, and counts as a sign-in.
func TestSignInWithACode(t *testing.T) {
	h := newHarness(t)
	mia := h.member("mia@example.com", "")
	phone, laptop := h.client("203.0.113.51"), h.client("203.0.113.52")
	code := askCode(t, h, laptop, "mia@example.com", 1)

	expect(t, verify(phone, "mia@example.com", code), 401, "invalid_code") // no browser id at all
	phone.do("POST", "/api/auth/code", `{"email":"nobody@example.com"}`)   // now it has one, of its own
	expect(t, verify(phone, "mia@example.com", code), 401, "invalid_code")
	expect(t, verify(laptop, "MIA@example.com", code[:3]+"-"+code[3:]), 200, "") // dashes and case are fine
	expect(t, laptop.do("GET", "/api/portal/offers", ""), 200, "")
	if c, _ := h.store.ContactByID(context.Background(), mia.ID); c.LastLoginAt.IsZero() {
		t.Fatal("a code sign-in is a sign-in: last login not recorded")
	}
	if !slices.Contains(h.auditActions(mia.ID), "session.code_sign_in") {
		t.Fatalf("the contact's history lacks the code sign-in: %v", h.auditActions(mia.ID))
	}
	expect(t, verify(h.client("203.0.113.53"), "mia@example.com", code), 401, "invalid_code") // used
	r := laptop.do("GET", "/api/auth/session", "")
	if r.json(t)["fresh_code_sign_in"] != true || r.json(t)["has_password"] != false {
		t.Fatalf("session after a code sign-in: %s", r.Body)
	}
	// Right after a code sign-in a password can be set without a current one; 10 minutes on, not.
	expect(t, laptop.do("POST", "/api/portal/password", `{"current_password":"","new_password":"a first password of mine"}`), 204, "")
	h.advance(3 * time.Minute)
	code = askCode(t, h, laptop, "mia@example.com", 2)
	expect(t, verify(laptop, "mia@example.com", code), 200, "")
	h.advance(11 * time.Minute)
	expect(t, laptop.do("POST", "/api/portal/password", `{"current_password":"","new_password":"another password of mine"}`), 422, "validation_failed")
}

// Five wrong codes kill a code; a new request from the same browser replaces its code, one
// from another browser does not.
func TestSignInCodeTriesAndReplacement(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", "")
	a, b := h.client("203.0.113.61"), h.client("203.0.113.62")
	first := askCode(t, h, a, "ann@example.com", 1)
	h.advance(3 * time.Minute) // the account's budget: one email per 2 minutes
	second := askCode(t, h, a, "ann@example.com", 2)
	expect(t, verify(a, "ann@example.com", first), 401, "invalid_code") // replaced
	h.advance(3 * time.Minute)
	other := askCode(t, h, b, "ann@example.com", 3) // another browser's request leaves a's code alone
	wrong := func(code string) string {
		if code == "000000" {
			return "000001"
		}
		return "000000"
	}
	for i := 1; i <= 5; i++ {
		r := verify(b, "ann@example.com", wrong(other))
		if want := map[bool]string{true: "code_dead", false: "invalid_code"}[i == 5]; r.code(t) != want {
			t.Fatalf("wrong code %d: %s", i, r.Body)
		}
	}
	expect(t, verify(b, "ann@example.com", other), 410, "code_dead") // the right one is dead too
	expect(t, verify(a, "ann@example.com", second), 200, "")
}

// Bad codes are a clear 422 and use nothing up.
func TestSignInCodeFormat(t *testing.T) {
	h := newHarness(t)
	h.member("bo@example.com", "")
	c := h.client("203.0.113.71")
	code := askCode(t, h, c, "bo@example.com", 1)
	for _, bad := range []string{"12345", "1234567", "12a456", "12 34 5", "１２３４５６"} {
		r := verify(c, "bo@example.com", bad)
		expect(t, r, 422, "validation_failed")
		if r.json(t)["fields"].(map[string]any)["code"] == nil {
			t.Fatalf("%q: %s", bad, r.Body)
		}
	}
	expect(t, verify(c, "bo@example.com", code[:2]+" "+code[2:4]+" "+code[4:]), 200, "")
}

// The request answers alike for known, unknown, disabled, staff and throttled addresses; staff
// get no code unless an owner allows it; the request log tells staff what happened.
func TestCodeRequestsAreUniform(t *testing.T) {
	d := newDesk(t)
	h := d.h
	off := h.member("off@example.com", "")
	if err := h.store.SetDisabled(context.Background(), off.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	h.member("busy@example.com", "")
	askCode(t, h, h.client("203.0.113.81"), "busy@example.com", 1)
	times := map[string][]time.Duration{}
	var bodies []string
	for round := range 6 {
		for _, email := range []string{"mia@example.com", "nobody@example.com", "off@example.com", "support@example.com", "busy@example.com"} {
			start := time.Now()
			r := h.client("198.51.100."+string(rune('1'+round))).do("POST", "/api/auth/code", `{"email":"`+email+`"}`)
			times[email] = append(times[email], time.Since(start))
			expect(t, r, 202, "")
			bodies = append(bodies, withoutRequestID(t, r.Body))
		}
	}
	for _, b := range bodies[1:] {
		if b != bodies[0] {
			t.Fatalf("answers differ:\n%s\n%s", bodies[0], b)
		}
	}
	var medians []time.Duration
	for email, ts := range times {
		sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
		medians = append(medians, ts[len(ts)/2])
		t.Logf("%s: median %s", email, ts[len(ts)/2])
	}
	sort.Slice(medians, func(i, j int) bool { return medians[i] < medians[j] })
	if spread := medians[len(medians)-1] - medians[0]; spread > 25*time.Millisecond && spread > 4*medians[0] {
		t.Errorf("answer times differ by %s (the request path does the same work for every address)", spread)
	}
	h.settle()
	outcomes := map[string]string{}
	list, _ := h.store.ListAccessRequests(context.Background(), "", store.Page{Limit: 100})
	for i := len(list) - 1; i >= 0; i-- {
		if list[i].Kind == "sign_in_code" {
			outcomes[list[i].Email] = list[i].Outcome // oldest first: the first decision of each
		}
	}
	want := map[string]string{"mia@example.com": "sent", "nobody@example.com": "unknown_address", "off@example.com": "disabled",
		"support@example.com": "staff_code_sign_in_off", "busy@example.com": "throttled"}
	for email, outcome := range want {
		if outcomes[email] != outcome && !(email == "mia@example.com" && outcomes[email] == "throttled") {
			t.Errorf("%s: outcome %q, want %q", email, outcomes[email], outcome)
		}
	}
	for _, m := range h.resend.Messages() {
		if m.To[0] == "support@example.com" || m.To[0] == "off@example.com" {
			t.Fatalf("a code went to %s", m.To[0])
		}
	}

	// An admin cannot let staff sign in with codes; an owner can.
	expect(t, d.admin.do("PATCH", "/api/admin/settings", `{"allow_staff_code_sign_in":true}`), 422, "validation_failed")
	expect(t, d.owner.do("PATCH", "/api/admin/settings", `{"allow_staff_code_sign_in":true}`), 200, "")
	staff := h.client("203.0.113.88")
	n := len(h.resend.Messages()) + 1
	code := askCode(t, h, staff, "support@example.com", n)
	expect(t, verify(staff, "support@example.com", code), 200, "")
	// Codes off altogether: nothing is sent, the login page no longer offers it.
	expect(t, d.owner.do("PATCH", "/api/admin/settings", `{"allow_code_sign_in":false}`), 200, "")
	if r := h.client("203.0.113.89").do("GET", "/api/auth/session", ""); r.json(t)["code_sign_in"] != false {
		t.Fatalf("session: %s", r.Body)
	}
}

// The code beside an emailed link does what the link does, only with its account's address;
// 5 wrong tries kill it; the link and its code are one token, used once under concurrency.
func TestTheCodeBesideALink(t *testing.T) {
	d := newDesk(t)
	h := d.h
	expect(t, d.support.do("POST", d.path("/reset-link"), `{"send":true}`), 202, "")
	m := h.waitMessages(1)[0]
	code := codeIn(t, m.Text)
	token := linkIn(t, m)
	if !strings.Contains(m.Text, "Have a code from an email?") {
		t.Fatalf("the email does not say what the code is for: %s", m.Text)
	}
	c := h.client("203.0.113.91")
	r := c.do("POST", "/api/auth/check-link", `{"email":"mia@example.com","code":"`+code+`"}`)
	expect(t, r, 200, "")
	if r.json(t)["purpose"] != "reset" || r.json(t)["email"] != "mia@example.com" {
		t.Fatalf("check-link by code: %s", r.Body)
	}
	expect(t, c.do("POST", "/api/auth/check-link", `{"email":"support@example.com","code":"`+code+`"}`), 401, "invalid_code")

	// Ten at once, half by the link and half by its code: one sets the password.
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok := 0
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := `{"token":"` + token + `","password":"the racing passphrase ` + string(rune('a'+i)) + `"}`
			if i%2 == 1 {
				body = `{"email":"mia@example.com","code":"` + code + `","password":"the racing passphrase ` + string(rune('a'+i)) + `"}`
			}
			if r := h.client("203.0.113.9"+string(rune('0'+i))).do("POST", "/api/auth/reset-password", body); r.Status == 200 {
				mu.Lock()
				ok++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if ok != 1 {
		t.Fatalf("%d of 10 concurrent uses succeeded, want 1", ok)
	}
	expect(t, c.do("POST", "/api/auth/check-link", `{"token":"`+token+`"}`), 410, "token_used")
	// The code is used too. The losers by code counted as wrong tries: when the link won, all
	// five did, and the code is dead as well as used.
	if r := c.do("POST", "/api/auth/check-link", `{"email":"mia@example.com","code":"`+code+`"}`); r.code(t) != "invalid_code" && r.code(t) != "code_dead" {
		t.Fatalf("the code after its link was used: %s", r.Body)
	}

	// A new email's code dies after 5 wrong tries (its link still works).
	h.advance(time.Minute)
	expect(t, d.support.do("POST", d.path("/reset-link"), `{"send":true}`), 202, "")
	m = h.waitMessages(2)[1]
	code, token = codeIn(t, m.Text), linkIn(t, m)
	wrong := "000000"
	if code == wrong {
		wrong = "000001"
	}
	for i := 1; i <= 5; i++ {
		r := c.do("POST", "/api/auth/check-link", `{"email":"mia@example.com","code":"`+wrong+`"}`)
		if want := map[bool]string{true: "code_dead", false: "invalid_code"}[i == 5]; r.code(t) != want {
			t.Fatalf("wrong code %d: %s", i, r.Body)
		}
	}
	expect(t, c.do("POST", "/api/auth/check-link", `{"email":"mia@example.com","code":"`+code+`"}`), 410, "code_dead")
	expect(t, c.do("POST", "/api/auth/check-link", `{"token":"`+token+`"}`), 200, "")
	// An unknown address answers the same way after five tries.
	for i := 1; i <= 5; i++ {
		r := c.do("POST", "/api/auth/check-link", `{"email":"ghost@example.com","code":"`+wrong+`"}`)
		if want := map[bool]string{true: "code_dead", false: "invalid_code"}[i == 5]; r.code(t) != want {
			t.Fatalf("unknown address, wrong code %d: %s", i, r.Body)
		}
	}
}

// A code proves the inbox, not the password: a temporary password set by staff still has to
// be replaced first; a contact disabled after asking cannot use the code.
func TestCodeSignInKeepsTheAccountRules(t *testing.T) {
	d := newDesk(t)
	h := d.h
	expect(t, d.admin.do("POST", d.path("/password"), `{"generate":true,"temporary":true,"notify":false}`), 200, "")
	c := h.client("203.0.113.95")
	code := askCode(t, h, c, "mia@example.com", 1)
	expect(t, verify(c, "mia@example.com", code), 200, "")
	expect(t, c.do("GET", "/api/portal/offers", ""), 403, CodePasswordChange)

	h.member("gone@example.com", "")
	other := h.client("203.0.113.96")
	code = askCode(t, h, other, "gone@example.com", 2)
	gone, _ := h.store.ContactByEmail(context.Background(), "gone@example.com")
	expect(t, d.admin.do("POST", "/api/admin/contacts/"+gone.ID+"/disable", ""), 204, "")
	expect(t, verify(other, "gone@example.com", code), 401, "invalid_code")
	expect(t, d.admin.do("POST", "/api/admin/contacts/"+gone.ID+"/enable", ""), 204, "")
	expect(t, verify(other, "gone@example.com", code), 200, "") // nothing was used up meanwhile
}
