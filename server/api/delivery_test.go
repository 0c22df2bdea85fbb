package api

import (
	"context"
	"net/http"
	"testing"
	"time"

	"gatehouse/server/resendfake"
	"gatehouse/server/store"
)

func deliveryStatuses(h *harness) []int {
	var out []int
	for _, r := range h.resend.Requests() {
		if r.Method == http.MethodPost {
			out = append(out, r.Status)
		}
	}
	return out
}

// A 429 from Resend is waited out (retry-after), then the email goes once.
func TestDeliveryWaitsOutRateLimit(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", goodPassword)
	h.resend.Fail(resendfake.Fault{Status: 429, RetryAfter: time.Second})
	expect(t, h.client("203.0.113.80").do("POST", "/api/auth/forgot-password", `{"email":"ann@example.com"}`), 202, "")
	h.waitMessages(1)
	h.settle()
	if got := deliveryStatuses(h); len(got) != 2 || got[0] != 429 || got[1] != 200 {
		t.Fatalf("requests: %v", got)
	}
	reqs := h.resend.Requests()
	if reqs[0].IdempotencyKey == "" || reqs[0].IdempotencyKey != reqs[1].IdempotencyKey {
		t.Fatalf("idempotency keys: %q %q", reqs[0].IdempotencyKey, reqs[1].IdempotencyKey)
	}
	if gap := reqs[1].ReceivedAt.Sub(reqs[0].ReceivedAt); gap < 900*time.Millisecond {
		t.Fatalf("retried after %s, before retry-after", gap)
	}
}

// Two 500s are retried with backoff under the same idempotency key; one email arrives.
func TestDeliveryRetriesServerErrors(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", goodPassword)
	h.resend.Fail(resendfake.Fault{Status: 500, Times: 2})
	expect(t, h.client("203.0.113.81").do("POST", "/api/auth/forgot-password", `{"email":"ann@example.com"}`), 202, "")
	if n := len(h.waitMessages(1)); n != 1 {
		t.Fatalf("%d emails", n)
	}
	h.settle()
	if got := deliveryStatuses(h); len(got) != 3 || got[0] != 500 || got[1] != 500 || got[2] != 200 {
		t.Fatalf("requests: %v", got)
	}
	emails, _ := h.store.ListEmails(context.Background(), store.EmailFilter{Page: store.Page{Limit: 5}})
	if emails[0].Status != "sent" || emails[0].Attempts != 3 {
		t.Fatalf("email row: %+v", emails[0])
	}
	events, _ := h.store.EmailEvents(context.Background(), []string{emails[0].ID})
	var types []string
	for _, e := range events {
		types = append(types, e.Type)
	}
	if len(types) != 7 || types[0] != "queued" || types[6] != "sent" {
		t.Fatalf("timeline: %v", types)
	}
	fresh, _ := h.store.EmailByID(context.Background(), emails[0].ID)
	if fresh.LinkSecret != "" {
		t.Fatal("the link secret outlived the send")
	}
}

// A refusal that retrying cannot fix fails the email at once, with Resend's reason.
func TestDeliveryFailsOnValidationError(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", goodPassword)
	h.resend.Fail(resendfake.Fault{Status: 422, Name: "validation_error", Message: "The to address is invalid."})
	expect(t, h.client("203.0.113.82").do("POST", "/api/auth/forgot-password", `{"email":"ann@example.com"}`), 202, "")
	h.settle()
	emails, _ := h.store.ListEmails(context.Background(), store.EmailFilter{Page: store.Page{Limit: 5}})
	if len(emails) != 1 || emails[0].Status != "failed" || emails[0].StatusReason == "" || emails[0].Attempts != 1 {
		t.Fatalf("email: %+v", emails)
	}
	if len(h.resend.Messages()) != 0 {
		t.Fatal("a refused email was recorded as delivered")
	}
}

// Everything the app sent was valid against Resend's OpenAPI description (the fake refuses
// anything else with 422).
func TestSentEmailsMatchResendAPI(t *testing.T) {
	h := newHarness(t)
	a := owner(h)
	ann := h.member("ann@example.com", goodPassword)
	h.grant(a, ann.ID, h.offer(a, "Course").ID, true)
	expect(t, h.client("203.0.113.83").do("POST", "/api/auth/forgot-password", `{"email":"ann@example.com"}`), 202, "")
	h.waitMessages(2)
	h.settle()
	for _, r := range h.resend.Requests() {
		if r.Status != 200 {
			t.Fatalf("the fake Resend answered %d to %s: %s", r.Status, r.Path, r.Body)
		}
	}
}
