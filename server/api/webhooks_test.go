package api

import (
	"bytes"
	"context"
	"io"
	"net/http/httptest"
	"testing"
	"time"

	"gatehouse/server/resendfake"
	"gatehouse/server/store"
)

// postWebhook delivers a webhook body signed (by default) as Svix would.
func (h *harness) postWebhook(id string, body []byte, sign func(id string, body []byte) map[string][]string) response {
	h.t.Helper()
	req := httptest.NewRequest("POST", "/api/webhooks/resend", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range sign(id, body) {
		req.Header[k] = v
	}
	res, err := h.app.Test(req, -1)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{Status: res.StatusCode, Header: res.Header, Body: b}
}

func signedNow(id string, body []byte) map[string][]string {
	return resendfake.SignWebhook(webhookSecret, id, time.Now(), body)
}

// sentWelcome grants an offer with its welcome email and returns the email once sent.
func sentWelcome(t *testing.T, h *harness, email string) store.Email {
	t.Helper()
	a := owner(h)
	c := h.member(email, "")
	h.grant(a, c.ID, h.offer(a, "Course "+email).ID, true)
	h.waitMessages(len(h.resend.Messages()) + 1)
	h.settle()
	list, err := h.store.ListEmails(context.Background(), store.EmailFilter{ContactID: c.ID, Page: store.Page{Limit: 1}})
	if err != nil || len(list) != 1 || list[0].ProviderID == "" {
		t.Fatalf("sent welcome: %+v %v", list, err)
	}
	return list[0]
}

func (h *harness) emailStatus(id string) (string, []string) {
	h.t.Helper()
	h.settle()
	e, err := h.store.EmailByID(context.Background(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	events, _ := h.store.EmailEvents(context.Background(), []string{id})
	var types []string
	for _, ev := range events {
		types = append(types, ev.Type)
	}
	return e.Status, types
}

func TestWebhookDeliveredAndReplayed(t *testing.T) {
	h := newHarness(t)
	e := sentWelcome(t, h, "ann@example.com")
	body := h.resend.EmailEvent("email.delivered", e.ProviderID)
	r := h.postWebhook("msg_1", body, signedNow)
	expect(t, r, 200, "")
	if r.json(t)["duplicate"] != false {
		t.Fatalf("first delivery: %s", r.Body)
	}
	r = h.postWebhook("msg_1", body, signedNow) // Svix retries deliver the same id again
	expect(t, r, 200, "")
	if r.json(t)["duplicate"] != true {
		t.Fatalf("replay: %s", r.Body)
	}
	status, events := h.emailStatus(e.ID)
	if status != "delivered" || events[len(events)-1] != "delivered" || count(events, "delivered") != 1 {
		t.Fatalf("status %s, events %v", status, events)
	}
	// A late "sent" does not move a delivered email backwards, but joins the timeline.
	expect(t, h.postWebhook("msg_2", h.resend.EmailEvent("email.sent", e.ProviderID), signedNow), 200, "")
	if status, events := h.emailStatus(e.ID); status != "delivered" || count(events, "sent") != 2 {
		t.Fatalf("after a late sent: %s %v", status, events)
	}
	// Types we do not act on are stored and ignored; unknown emails are fine too.
	expect(t, h.postWebhook("msg_3", h.resend.EmailEvent("email.opened", e.ProviderID), signedNow), 200, "")
	expect(t, h.postWebhook("msg_4", h.resend.EmailEvent("email.delivered", "00000000-0000-4000-8000-00000000dead"), signedNow), 200, "")
	h.settle()
	if n := countRows(t, h, "webhook_events"); n != 4 {
		t.Fatalf("%d webhook events stored", n)
	}
}

func TestWebhookSignatureChecks(t *testing.T) {
	h := newHarness(t)
	e := sentWelcome(t, h, "ann@example.com")
	body := h.resend.EmailEvent("email.delivered", e.ProviderID)
	cases := map[string]func(string, []byte) map[string][]string{
		"no headers": func(string, []byte) map[string][]string { return nil },
		"wrong secret": func(id string, b []byte) map[string][]string {
			return resendfake.SignWebhook("whsec_b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldC0wMTIz", id, time.Now(), b)
		},
		"stale timestamp": func(id string, b []byte) map[string][]string {
			return resendfake.SignWebhook(webhookSecret, id, time.Now().Add(-6*time.Minute), b)
		},
		"future timestamp": func(id string, b []byte) map[string][]string {
			return resendfake.SignWebhook(webhookSecret, id, time.Now().Add(6*time.Minute), b)
		},
		"body changed": func(id string, b []byte) map[string][]string {
			return resendfake.SignWebhook(webhookSecret, id, time.Now(), append([]byte(" "), b...))
		},
		"id changed": func(id string, b []byte) map[string][]string {
			hdr := resendfake.SignWebhook(webhookSecret, id+"x", time.Now(), b)
			hdr["Svix-Id"] = []string{id}
			return hdr
		},
	}
	for name, sign := range cases {
		t.Run(name, func(t *testing.T) {
			expect(t, h.postWebhook("msg_"+name, body, sign), 401, "invalid_signature")
		})
	}
	if status, _ := h.emailStatus(e.ID); status != "sent" {
		t.Fatalf("a refused webhook changed the email: %s", status)
	}
	// A signed body that is not an event.
	expect(t, h.postWebhook("msg_junk", []byte(`{"hello":"world"}`), signedNow), 400, "invalid_json")
}

func TestBouncesAndComplaintsSuppress(t *testing.T) {
	h := newHarness(t)
	hard := sentWelcome(t, h, "hard@example.com")
	soft := sentWelcome(t, h, "soft@example.com")
	spam := sentWelcome(t, h, "spam@example.com")
	expect(t, h.postWebhook("b1", h.resend.EmailBouncedEvent(hard.ProviderID, "Permanent"), signedNow), 200, "")
	expect(t, h.postWebhook("b2", h.resend.EmailBouncedEvent(soft.ProviderID, "Transient"), signedNow), 200, "")
	expect(t, h.postWebhook("b3", h.resend.EmailEvent("email.complained", spam.ProviderID), signedNow), 200, "")
	h.settle()
	ctx := context.Background()
	for email, want := range map[string]bool{"hard@example.com": true, "soft@example.com": false, "spam@example.com": true} {
		_, err := h.store.SuppressionFor(ctx, email)
		if got := err == nil; got != want {
			t.Errorf("%s suppressed = %v, want %v", email, got, want)
		}
	}
	if status, _ := h.emailStatus(hard.ID); status != "bounced" {
		t.Fatalf("hard bounce status %s", status)
	}
	// The next email to a suppressed address is not sent, and says why: a member's own request
	// is decided "suppressed" in the request log (no email at all), one sent by staff is recorded
	// as a suppressed email.
	before := len(h.resend.Messages())
	expect(t, h.client("203.0.113.130").do("POST", "/api/auth/forgot-password", `{"email":"hard@example.com"}`), 202, "")
	h.settle()
	if len(h.resend.Messages()) != before {
		t.Fatal("an email went to a suppressed address")
	}
	reqs, _ := h.store.ListAccessRequests(ctx, "", store.Page{Limit: 1})
	if len(reqs) != 1 || reqs[0].Email != "hard@example.com" || reqs[0].Outcome != "suppressed" {
		t.Fatalf("the request log: %+v", reqs)
	}
	hardContact, _ := h.store.ContactByEmail(ctx, "hard@example.com")
	if _, _, err := h.desk.ResetLink(ctx, owner(h), hardContact.ID, true, 0); err != nil {
		t.Fatal(err)
	}
	h.settle()
	list, _ := h.store.ListEmails(ctx, store.EmailFilter{Status: store.EmailSuppressed, Page: store.Page{Limit: 5}})
	if len(list) != 1 || list[0].ToAddress != "hard@example.com" || len(h.resend.Messages()) != before {
		t.Fatalf("suppressed emails: %+v", list)
	}
}

func count(list []string, s string) int {
	n := 0
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}

func TestEmailLogAndOverview(t *testing.T) {
	h := newHarness(t)
	hard := sentWelcome(t, h, "hard@example.com")
	sentWelcome(t, h, "fine@example.com")
	expect(t, h.postWebhook("b1", h.resend.EmailBouncedEvent(hard.ProviderID, "Permanent"), signedNow), 200, "")
	h.settle()
	h.member("boss@example.com", staffPassword, "support")
	s := h.signIn("boss@example.com", staffPassword)

	r := s.do("GET", "/api/admin/emails?q=HARD@", "")
	expect(t, r, 200, "")
	items := r.json(t)["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["status"] != "bounced" {
		t.Fatalf("search by address: %s", r.Body)
	}
	if r := s.do("GET", "/api/admin/emails?status=bounced", ""); len(r.json(t)["items"].([]any)) != 1 {
		t.Fatalf("status filter: %s", r.Body)
	}
	today := time.Now().UTC().Format("2006-01-02")
	if r := s.do("GET", "/api/admin/emails?from="+today+"&to="+today+"&kind=welcome", ""); len(r.json(t)["items"].([]any)) != 2 {
		t.Fatalf("date filter: %s", r.Body)
	}
	expect(t, s.do("GET", "/api/admin/emails?from=soon", ""), 422, "validation_failed")

	r = s.do("GET", "/api/admin/emails/overview", "")
	expect(t, r, 200, "")
	o := r.json(t)
	days := o["days"].([]any)
	last := days[len(days)-1].(map[string]any)
	if len(days) != 30 || last["date"] != today || last["counts"].(map[string]any)["bounced"] != float64(1) || last["counts"].(map[string]any)["sent"] != float64(1) {
		t.Fatalf("overview days: %v", last)
	}
	if a := o["attention"].(map[string]any); a["bounced"] != float64(1) || a["suppressed_addresses"] != float64(1) || a["stuck"] != float64(0) {
		t.Fatalf("attention: %v", a)
	}

	// An email left queued for an hour is stuck: counted, and listed by the filter the count
	// links to; one queued a moment ago is not.
	if _, err := h.store.SQLDB().Exec(`UPDATE emails SET status = 'queued', created_at = now() - interval '1 hour' WHERE to_address = 'fine@example.com'`); err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.SQLDB().Exec(`UPDATE emails SET status = 'sending' WHERE to_address = 'hard@example.com'`); err != nil {
		t.Fatal(err)
	}
	if a := s.do("GET", "/api/admin/emails/overview", "").json(t)["attention"].(map[string]any); a["stuck"] != float64(1) {
		t.Fatalf("stuck count: %v", a)
	}
	r = s.do("GET", "/api/admin/emails?status=stuck", "")
	if items := r.json(t)["items"].([]any); len(items) != 1 || items[0].(map[string]any)["to"] != "fine@example.com" {
		t.Fatalf("stuck filter: %s", r.Body)
	}
}
