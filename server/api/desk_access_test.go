package api

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"gatehouse/server/resendfake"
	"gatehouse/server/store"
)

// deskSetup: an owner, an admin, a support user (all signed in), a member holding an offer.
type deskSetup struct {
	h                     *harness
	owner, admin, support *client
	ownerID, supportID    string
	member                store.Contact
	offer                 store.Offer
}

func newDesk(t *testing.T) deskSetup {
	h := newHarness(t)
	d := deskSetup{h: h}
	d.ownerID = h.member("owner@example.com", staffPassword, "owner").ID
	h.member("admin@example.com", staffPassword, "admin")
	d.supportID = h.member("support@example.com", staffPassword, "support").ID
	d.owner = h.signIn("owner@example.com", staffPassword)
	d.admin = h.signIn("admin@example.com", staffPassword)
	d.support = h.signIn("support@example.com", staffPassword)
	a := owner(h)
	d.member = h.member("mia@example.com", "")
	d.offer = h.offer(a, "Pottery")
	h.grant(a, d.member.ID, d.offer.ID, false)
	return d
}

func (d deskSetup) path(rest string) string { return "/api/admin/contacts/" + d.member.ID + rest }

func auditActions(t *testing.T, h *harness, contactID string) []string {
	t.Helper()
	list, err := h.store.ListAudit(context.Background(), store.AuditFilter{ContactID: contactID, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range list {
		out = append(out, e.Action)
	}
	return out
}

// Resend: a fresh link that retires the previous one; a burst of clicks sends one email.
func TestResendWelcome(t *testing.T) {
	d := newDesk(t)
	h := d.h
	expect(t, d.support.do("POST", d.path("/offers/"+d.offer.ID+"/resend"), "{}"), 202, "")
	first := linkIn(t, h.waitMessages(1)[0])

	h.advance(time.Minute)
	var wg sync.WaitGroup
	for range 5 {
		wg.Add(1)
		go func() { defer wg.Done(); d.support.do("POST", d.path("/offers/"+d.offer.ID+"/resend"), "{}") }()
	}
	wg.Wait()
	h.settle()
	msgs := h.resend.Messages()
	if len(msgs) != 2 {
		t.Fatalf("%d emails after a burst of 5 clicks, want 1 more", len(msgs))
	}
	second := linkIn(t, msgs[1])
	if msgs[1].To[0] != "mia@example.com" || !strings.Contains(msgs[1].Subject, "Pottery") {
		t.Fatalf("resent: %v %q", msgs[1].To, msgs[1].Subject)
	}
	c := h.client("203.0.113.100")
	expect(t, c.do("POST", "/api/auth/check-link", `{"token":"`+first+`"}`), 410, "token_expired")
	expect(t, c.do("POST", "/api/auth/reset-password", `{"token":"`+second+`","password":"clay wheel kiln glaze"}`), 200, "")

	if got := auditActions(t, h, d.member.ID); len(got) != 3 || got[0] != "offer.resend_welcome" {
		t.Fatalf("audit: %v", got) // two resends and the grant
	}
	// Resending an offer the contact does not hold, or for a contact that does not exist.
	other := h.offer(owner(h), "Other")
	expect(t, d.support.do("POST", d.path("/offers/"+other.ID+"/resend"), "{}"), 404, "not_found")
	expect(t, d.support.do("POST", "/api/admin/contacts/00000000-0000-4000-8000-000000000009/offers/"+d.offer.ID+"/resend", "{}"), 404, "not_found")
}

func TestRevokeOffer(t *testing.T) {
	d := newDesk(t)
	expect(t, d.support.do("POST", d.path("/offers/"+d.offer.ID+"/resend"), "{}"), 202, "")
	welcome := linkIn(t, d.h.waitMessages(1)[0])
	expect(t, d.support.do("DELETE", d.path("/offers/"+d.offer.ID), ""), 403, "forbidden")
	expect(t, d.admin.do("DELETE", d.path("/offers/"+d.offer.ID), ""), 204, "")
	// The offer's welcome link stops working with it.
	expect(t, d.h.client("203.0.113.101").do("POST", "/api/auth/check-link", `{"token":"`+welcome+`"}`), 410, "token_expired")
	expect(t, d.admin.do("DELETE", d.path("/offers/"+d.offer.ID), ""), 404, "not_found")
	r := d.admin.do("GET", d.path(""), "")
	if offers := r.json(t)["offers"].([]any); len(offers) != 0 {
		t.Fatalf("offers after revoke: %s", r.Body)
	}
	// It can be granted again (history keeps the first grant).
	expect(t, d.support.do("POST", d.path("/offers"), `{"offer_id":"`+d.offer.ID+`","send_welcome":false}`), 201, "")
}

// Retry makes a new email with a fresh link; the failed one stays in the history.
func TestRetryFailedEmail(t *testing.T) {
	d := newDesk(t)
	h := d.h
	h.resend.Fail(resendfake.Fault{Status: 422, Name: "validation_error", Message: "Invalid `to` field."})
	expect(t, d.support.do("POST", d.path("/offers/"+d.offer.ID+"/resend"), "{}"), 202, "")
	h.settle()
	r := d.support.do("GET", d.path("/emails"), "")
	items := r.json(t)["items"].([]any)
	failed := items[0].(map[string]any)
	if failed["status"] != "failed" {
		t.Fatalf("emails: %s", r.Body)
	}
	r = d.support.do("GET", d.path(""), "")
	if w := r.json(t)["offers"].([]any)[0].(map[string]any)["welcome_email"].(map[string]any); w["status"] != "failed" {
		t.Fatalf("latest welcome status on the record: %v", w)
	}
	r = d.support.do("POST", "/api/admin/emails/"+failed["id"].(string)+"/retry", "{}")
	expect(t, r, 202, "")
	msg := h.waitMessages(1)[0]
	linkIn(t, msg)
	h.settle()
	items = d.support.do("GET", d.path("/emails"), "").json(t)["items"].([]any)
	if len(items) != 2 || items[0].(map[string]any)["status"] != "sent" || items[1].(map[string]any)["status"] != "failed" {
		t.Fatalf("history after retry: %v", items)
	}
	retried, _ := h.store.EmailByID(context.Background(), r.json(t)["email_id"].(string))
	if retried.RetryOf != failed["id"] {
		t.Fatalf("retry_of = %q", retried.RetryOf)
	}
	expect(t, d.support.do("POST", "/api/admin/emails/"+retried.ID+"/retry", "{}"), 409, "not_retryable")
}

var urlPattern = regexp.MustCompile(`^https://portal\.example\.test/(reset|set-password)#token=[A-Za-z0-9_-]{43}$`)

func TestCopyLinks(t *testing.T) {
	d := newDesk(t)
	h := d.h
	for _, ttl := range []string{"14", "10081", "-5"} {
		expect(t, d.support.do("POST", d.path("/access-link"), `{"ttl_minutes":`+ttl+`}`), 422, "validation_failed")
	}
	r := d.support.do("POST", d.path("/access-link"), `{"ttl_minutes":15}`)
	expect(t, r, 200, "")
	first := r.json(t)["url"].(string)
	if !urlPattern.MatchString(first) || !strings.Contains(first, "/set-password#") {
		t.Fatalf("access link %q", first)
	}
	expires, _ := time.Parse(time.RFC3339Nano, r.json(t)["expires_at"].(string))
	if d := expires.Sub(h.now()); d < 14*time.Minute || d > 16*time.Minute {
		t.Fatalf("expires in %s", d)
	}
	second := d.support.do("POST", d.path("/access-link"), `{"ttl_minutes":10080}`).json(t)["url"].(string)
	c := h.client("203.0.113.101")
	expect(t, c.do("POST", "/api/auth/check-link", `{"token":"`+tokenOf(first)+`"}`), 410, "token_expired")
	expect(t, c.do("POST", "/api/auth/check-link", `{"token":"`+tokenOf(second)+`"}`), 200, "")

	r = d.support.do("POST", d.path("/reset-link"), `{"send":false}`)
	expect(t, r, 200, "")
	reset := r.json(t)["url"].(string)
	if !strings.Contains(reset, "/reset#token=") {
		t.Fatalf("reset link %q", reset)
	}
	expires, _ = time.Parse(time.RFC3339Nano, r.json(t)["expires_at"].(string))
	if d := expires.Sub(h.now()); d < 23*time.Hour || d > 25*time.Hour {
		t.Fatalf("copied reset link lives %s, want 24 h", d)
	}
	expect(t, d.support.do("POST", d.path("/reset-link"), `{"send":true}`), 202, "")
	m := h.waitMessages(1)[0]
	if m.To[0] != "mia@example.com" || !strings.Contains(m.Text, "24 hours") {
		t.Fatalf("reset email: %v\n%s", m.To, m.Text)
	}
	// No link or token ever reaches the audit log.
	list, _ := h.store.ListAudit(context.Background(), store.AuditFilter{ContactID: d.member.ID, Limit: 50})
	for _, e := range list {
		for _, secret := range []string{tokenOf(first), tokenOf(second), tokenOf(reset), "#token="} {
			if strings.Contains(e.Action+e.TargetID+toJSON(e.Detail), secret) {
				t.Fatalf("audit entry %s holds a secret", e.Action)
			}
		}
	}
	if got := auditActions(t, h, d.member.ID); strings.Join(got[:4], ",") != "reset_link.send,reset_link.copy,access_link.copy,access_link.copy" {
		t.Fatalf("audit: %v", got)
	}
}

func tokenOf(url string) string { return url[strings.Index(url, "#token=")+7:] }
