package api

import (
	"context"
	"strings"
	"testing"

	"gatehouse/server/store"
)

const staffPassword = "a staff password that is long"

func TestAdminNeedsStaffRole(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", goodPassword)
	expect(t, h.client("203.0.113.70").do("GET", "/api/admin/contacts", ""), 401, "unauthenticated")
	m := h.signIn("ann@example.com", goodPassword)
	for _, path := range []string{"/api/admin/contacts", "/api/admin/offers", "/api/admin/emails", "/api/admin/mailbox", "/api/admin/access-requests"} {
		expect(t, m.do("GET", path, ""), 403, "forbidden")
	}
	expect(t, m.do("POST", "/api/admin/contacts", `{"email":"x@example.com"}`), 403, "forbidden")

	h.member("support@example.com", staffPassword, "support")
	s := h.signIn("support@example.com", staffPassword)
	expect(t, s.do("GET", "/api/admin/contacts", ""), 200, "")
	expect(t, s.do("POST", "/api/admin/offers", `{"name":"Nope"}`), 403, "forbidden")
}

// The minimal desk: an owner creates an offer and a contact and grants the offer with its
// welcome email; the member follows the link and sees the offer.
func TestOwnerGrantsOfferWithWelcome(t *testing.T) {
	h := newHarness(t)
	h.member("boss@example.com", staffPassword, "owner")
	o := h.signIn("boss@example.com", staffPassword)

	r := o.do("POST", "/api/admin/offers", `{"name":"Pottery course","description":"Twelve lessons","content_links":[{"label":"Lesson 1","url":"https://learn.example.com/1"}]}`)
	expect(t, r, 201, "")
	offerID := r.json(t)["id"].(string)
	expect(t, o.do("POST", "/api/admin/offers", `{"name":"","content_links":[{"label":"x","url":"javascript:alert(1)"}]}`), 422, "validation_failed")

	r = o.do("POST", "/api/admin/contacts", `{"email":"Member@Example.com","name":"Mia Member"}`)
	expect(t, r, 201, "")
	contactID := r.json(t)["id"].(string)
	expect(t, o.do("POST", "/api/admin/contacts", `{"email":"member@example.com"}`), 409, "email_taken")
	expect(t, o.do("POST", "/api/admin/contacts", `{"email":"two@example.com, three@example.com"}`), 422, "validation_failed")

	r = o.do("POST", "/api/admin/contacts/"+contactID+"/offers", `{"offer_id":"`+offerID+`","send_welcome":true}`)
	expect(t, r, 201, "")
	expect(t, o.do("POST", "/api/admin/contacts/"+contactID+"/offers", `{"offer_id":"`+offerID+`"}`), 409, "already_granted")
	expect(t, o.do("POST", "/api/admin/contacts/"+contactID+"/offers", `{"offer_id":"00000000-0000-0000-0000-000000000000"}`), 404, "not_found")
	expect(t, o.do("POST", "/api/admin/contacts/00000000-0000-0000-0000-000000000000/offers", `{"offer_id":"`+offerID+`"}`), 404, "not_found")

	m := h.waitMessages(1)[0]
	if m.To[0] != "Member@Example.com" || !strings.Contains(m.Subject, "Pottery course") || !strings.Contains(m.Text, "Mia Member") {
		t.Fatalf("welcome: to %v subject %q\n%s", m.To, m.Subject, m.Text)
	}
	token := linkIn(t, m)
	member := h.client("203.0.113.71")
	r = member.do("POST", "/api/auth/reset-password", `{"token":"`+token+`","password":"clay wheel kiln glaze"}`)
	expect(t, r, 200, "")
	r = member.do("GET", "/api/portal/offers", "")
	if !strings.Contains(string(r.Body), "Pottery course") || !strings.Contains(string(r.Body), "https://learn.example.com/1") {
		t.Fatalf("portal offers: %s", r.Body)
	}

	h.settle() // the provider has the email; let its "sent" status be recorded
	r = o.do("GET", "/api/admin/contacts/"+contactID+"/emails", "")
	expect(t, r, 200, "")
	body := string(r.Body)
	if !strings.Contains(body, `"status":"sent"`) || strings.Contains(body, token) || !strings.Contains(body, "[one-time link, hidden]") {
		t.Fatalf("contact emails: %s", body)
	}
	var emailID string
	for _, it := range r.json(t)["items"].([]any) {
		if e := it.(map[string]any); e["kind"] == "welcome" {
			emailID = e["id"].(string)
		}
	}
	r = o.do("GET", "/api/admin/emails/"+emailID+"/html", "")
	expect(t, r, 200, "")
	if csp := r.Header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox;") || strings.Contains(string(r.Body), token) || !strings.Contains(string(r.Body), "[one-time link, hidden]") {
		t.Fatalf("email preview: CSP %q", csp)
	}
	r = o.do("GET", "/api/admin/contacts?q=mia", "")
	if items := r.json(t)["items"].([]any); len(items) != 1 {
		t.Fatalf("search: %s", r.Body)
	}
	entries, err := h.store.ListAudit(context.Background(), store.AuditFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	actions := []string{}
	for _, e := range entries {
		actions = append(actions, e.Action)
		if strings.Contains(e.ActorEmail+e.TargetID, token) {
			t.Fatal("a token reached the audit log")
		}
	}
	if strings.Join(actions, ",") != "offer.grant,contact.create,offer.create" {
		t.Fatalf("audit: %v", actions)
	}
}
