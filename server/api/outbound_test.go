package api

import (
	"gatehouse/server/resendfake"
	"strings"
	"testing"
	"time"

	"gatehouse/server/store"
	"gatehouse/server/webhooks"
)

// An integration grants an offer through the API; the endpoint gets contact.created and
// offer.granted, each verifiable with the Standard Webhooks library, without any link or
// token; the log shows them delivered; a test event and a redelivery work.
func TestWebhooksSignedDeliveredAndLogged(t *testing.T) {
	h := newHarness(t)
	h.member("admin@example.com", staffPassword, "admin")
	admin := h.signIn("admin@example.com", staffPassword)
	rcv := newReceiver(t, alwaysOK)
	id := h.endpoint(admin, rcv, "contact.created", "offer.granted")
	offer := h.offer(owner(h), "Pottery course")
	m := h.machine(h.apiKey("Checkout"))
	contact := v1Member(t, m, "ann@example.com")
	expect(t, m.call("POST", "/api/v1/contacts/"+contact+"/offers", `{"offer_id":"`+offer.Slug+`","send_welcome":true}`), 201, "")

	rcv.waitFor("contact.created and offer.granted", func(ds []delivery) bool { return len(ds) >= 2 })
	h.settle()              // and nothing more comes
	got := rcv.deliveries() // deliveries run in parallel: in no particular order
	if len(got) != 2 || len(ofType(got, "contact.created")) != 1 || len(ofType(got, "offer.granted")) != 1 {
		t.Fatalf("deliveries: %+v", got)
	}
	for _, d := range got {
		if !d.Verified {
			t.Fatalf("%s does not verify with the standard-webhooks library", d.Type)
		}
		if strings.Contains(d.Body, "token") || strings.Contains(d.Body, "http") {
			t.Fatalf("a payload carries a link or token: %s", d.Body)
		}
	}
	granted := ofType(got, "offer.granted")[0].Data
	if granted["offer"].(map[string]any)["slug"] != offer.Slug || granted["contact"].(map[string]any)["id"] != contact ||
		granted["welcome_email"] != true || granted["source"] != "api" {
		t.Fatalf("offer.granted data: %v", granted)
	}

	r := admin.do("GET", "/api/admin/webhooks/"+id+"/deliveries", "")
	expect(t, r, 200, "")
	items := r.json(t)["items"].([]any)
	first := items[0].(map[string]any)
	if len(items) != 2 || first["event_type"] != "offer.granted" || first["status"] != "delivered" || first["attempts"] != 1.0 ||
		first["last_status_code"] != 200.0 || first["last_response"] != `{"received":true}` || len(first["log"].([]any)) != 1 {
		t.Fatalf("delivery log: %s", r.Body)
	}

	expect(t, admin.do("POST", "/api/admin/webhooks/"+id+"/test", ""), 202, "")
	rcv.waitFor("the test event", func(ds []delivery) bool { return len(ofType(ds, "webhook.test")) == 1 })
	expect(t, admin.do("POST", "/api/admin/webhooks/"+id+"/deliveries/"+first["id"].(string)+"/redeliver", ""), 202, "")
	again := rcv.waitFor("the redelivery", func(ds []delivery) bool { return len(ofType(ds, "offer.granted")) == 2 })
	if dup := ofType(again, "offer.granted"); dup[0].ID != dup[1].ID || !dup[1].Verified {
		t.Fatal("a redelivery must carry the same webhook-id, freshly signed")
	}

	// Rotation: for a while both secrets sign, so receivers switch without a gap.
	oldSecret := rcv.hook
	r = admin.do("POST", "/api/admin/webhooks/"+id+"/rotate-secret", "")
	expect(t, r, 200, "")
	rcv.trust(r.json(t)["secret"].(string))
	expect(t, admin.do("POST", "/api/admin/webhooks/"+id+"/test", ""), 202, "")
	last := rcv.waitFor("a test after rotation", func(ds []delivery) bool { return len(ofType(ds, "webhook.test")) == 2 })
	d := ofType(last, "webhook.test")[1]
	if !d.Verified {
		t.Fatal("the new secret does not verify")
	}
	if err := oldSecret.Verify([]byte(d.Body), d.Header); err != nil {
		t.Fatalf("the old secret no longer verifies during the rotation: %v", err)
	}
}

// A receiver that answers 500 twice and then 200 gets every event exactly once more after
// the failures, and nothing after that.
func TestWebhooksRetryUntilDelivered(t *testing.T) {
	h := newHarness(t)
	h.member("admin@example.com", staffPassword, "admin")
	admin := h.signIn("admin@example.com", staffPassword)
	rcv := newReceiver(t, func(n int) int {
		if n <= 2 {
			return 500
		}
		return 200
	})
	id := h.endpoint(admin, rcv, "contact.created")
	m := h.machine(h.apiKey("CRM"))
	for _, e := range []string{"a@example.com", "b@example.com", "c@example.com"} {
		v1Member(t, m, e)
	}
	rcv.waitFor("three events delivered", func(ds []delivery) bool {
		ok := 0
		for _, d := range ds {
			if d.Status == 200 {
				ok++
			}
		}
		return ok == 3
	})
	h.settle()
	time.Sleep(300 * time.Millisecond) // past the longest backoff: anything left would have come
	got := rcv.deliveries()
	if len(got) != 5 {
		t.Fatalf("%d requests, want 3 events + 2 failed attempts", len(got))
	}
	acked := map[string]int{}
	for _, d := range got {
		if !d.Verified {
			t.Fatal("an attempt does not verify")
		}
		if d.Status == 200 {
			acked[d.ID]++
		}
	}
	for evID, n := range acked {
		if n != 1 {
			t.Fatalf("event %s acknowledged %d times", evID, n)
		}
	}
	if len(acked) != 3 {
		t.Fatalf("%d events acknowledged, want 3", len(acked))
	}
	r := admin.do("GET", "/api/admin/webhooks/"+id+"/deliveries", "")
	attempts := 0.0
	for _, it := range r.json(t)["items"].([]any) {
		d := it.(map[string]any)
		if d["status"] != "delivered" {
			t.Fatalf("delivery %v", d)
		}
		attempts += d["attempts"].(float64)
	}
	if attempts != 5 {
		t.Fatalf("the log counts %v attempts, want 5", attempts)
	}
	if e := admin.do("GET", "/api/admin/webhooks/"+id, "").json(t); e["failing_since"] != nil || e["enabled"] != true {
		t.Fatalf("endpoint after recovery: %v", e)
	}
}

// A receiver down for longer than the window gets its endpoint turned off, and the admin who
// added it gets an email; its pending deliveries stop.
func TestWebhookEndpointTurnedOffAfterTheWindow(t *testing.T) {
	h := newHarnessWith(t, harnessOptions{hooks: webhooks.Options{Window: 1500 * time.Millisecond}})
	h.member("admin@example.com", staffPassword, "admin")
	admin := h.signIn("admin@example.com", staffPassword)
	rcv := newReceiver(t, func(int) int { return 503 })
	id := h.endpoint(admin, rcv, "contact.created")
	v1Member(t, h.machine(h.apiKey("CRM")), "a@example.com")
	deadline := time.Now().Add(30 * time.Second) // a loaded machine can be slow to retry
	var e map[string]any
	for time.Now().Before(deadline) {
		if e = admin.do("GET", "/api/admin/webhooks/"+id, "").json(t); e["enabled"] == false {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if e["enabled"] != false || !strings.Contains(e["disabled_reason"].(string), "failed") {
		t.Fatalf("endpoint: %v", e)
	}
	msgs := h.waitMessages(1)
	if msgs[0].To[0] != "admin@example.com" || !strings.Contains(msgs[0].Subject, "webhook") || !strings.Contains(msgs[0].Text, rcv.URL()) {
		t.Fatalf("notice: %+v", msgs[0])
	}
	h.settle()
	n := len(rcv.deliveries())
	if n < 3 {
		t.Fatalf("only %d attempts before giving up", n)
	}
	// Turned off, it gets nothing new; turned on again, it does.
	v1Member(t, h.machine(h.apiKey("CRM 2")), "b@example.com")
	h.settle()
	if len(rcv.deliveries()) != n {
		t.Fatal("a turned-off endpoint still gets events")
	}
	expect(t, admin.do("POST", "/api/admin/webhooks/"+id+"/test", ""), 409, "endpoint_disabled")
	expect(t, admin.do("PATCH", "/api/admin/webhooks/"+id, `{"enabled":true}`), 200, "")
	var st string
	if err := h.store.SQLDB().QueryRow(`SELECT status FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY created_at LIMIT 1`, id).Scan(&st); err != nil ||
		(st != store.DeliveryFailed && st != store.DeliveryCancelled) {
		t.Fatalf("the first delivery ended %q (%v)", st, err)
	}
}

// The events that start outside the API: a member's first sign-in and first password (from a
// welcome link), a self-service request (decided by its job, never on the request path), a
// second sign-in (no event), a delivery and a bounce reported by Resend.
func TestWebhooksFromSignInRequestsAndDelivery(t *testing.T) {
	h := newHarness(t)
	h.member("admin@example.com", staffPassword, "admin")
	admin := h.signIn("admin@example.com", staffPassword)
	rcv := newReceiver(t, alwaysOK)
	h.endpoint(admin, rcv, "member.first_login", "password.changed", "access.requested", "email.delivered", "email.bounced")

	welcome := sentWelcome(t, h, "ann@example.com")
	token := linkIn(t, h.resend.Messages()[0])
	browser := h.client("203.0.113.40")
	expect(t, browser.do("POST", "/api/auth/reset-password", `{"token":"`+token+`","password":"a brand new passphrase"}`), 200, "")
	expect(t, h.client("203.0.113.41").do("POST", "/api/auth/login", `{"email":"ann@example.com","password":"a brand new passphrase"}`), 200, "")
	expect(t, h.client("203.0.113.42").do("POST", "/api/auth/forgot-password", `{"email":"nobody@example.com"}`), 202, "")
	expect(t, h.postWebhook("d1", h.resend.EmailEvent("email.delivered", welcome.ProviderID), signedNow), 200, "")
	// Statuses only move forward: a "delivered" applied after the bounce would be history only
	// (and tell nobody), so the bounce waits until the delivery was reported.
	rcv.waitFor("email.delivered", func(ds []delivery) bool { return len(ofType(ds, "email.delivered")) == 1 })
	expect(t, h.postWebhook("b1", h.resend.EmailBouncedEvent(welcome.ProviderID, "Permanent"), signedNow), 200, "")
	rcv.waitFor("five events", func(ds []delivery) bool { return len(ds) >= 5 })
	h.settle() // and nothing more comes
	got := rcv.deliveries()
	types := map[string]delivery{}
	for _, d := range got {
		if _, dup := types[d.Type]; dup {
			t.Fatalf("%s twice", d.Type)
		}
		types[d.Type] = d
	}
	if len(got) != 5 {
		t.Fatalf("deliveries: %v", types)
	}
	if d := types["member.first_login"]; d.Data["method"] != "link" || d.Data["contact"].(map[string]any)["email"] != "ann@example.com" {
		t.Fatalf("first login: %v", d.Data)
	}
	if d := types["password.changed"]; d.Data["first_password"] != true || d.Data["by"] != "member" {
		t.Fatalf("password changed: %v", d.Data)
	}
	if d := types["access.requested"]; d.Data["email"] != "nobody@example.com" || d.Data["contact"] != nil ||
		d.Data["request"].(map[string]any)["outcome"] != "unknown_address" {
		t.Fatalf("access requested: %v", d.Data)
	}
	if d := types["email.bounced"]; d.Data["email"].(map[string]any)["id"] != welcome.ID || d.Data["email"].(map[string]any)["kind"] != "welcome" {
		t.Fatalf("bounced: %v", d.Data)
	}
	if _, ok := types["email.delivered"]; !ok {
		t.Fatal("no email.delivered")
	}
}

// contact.updated names the fields that changed, from the desk and from the API alike; a
// change that changes nothing sends nothing.
func TestWebhookContactUpdatedNamesTheChange(t *testing.T) {
	h := newHarness(t)
	h.member("admin@example.com", staffPassword, "admin")
	admin := h.signIn("admin@example.com", staffPassword)
	rcv := newReceiver(t, alwaysOK)
	h.endpoint(admin, rcv, "contact.updated")
	m := h.machine(h.apiKey("CRM"))
	id := v1Member(t, m, "ann@example.com")
	expect(t, m.call("POST", "/api/v1/contacts", `{"email":"ann@example.com","tags":["vip"],"external_id":"crm-9"}`), 200, "")
	expect(t, m.call("POST", "/api/v1/contacts", `{"email":"ann@example.com","tags":["vip"]}`), 200, "") // no change
	expect(t, admin.do("PATCH", "/api/admin/contacts/"+id, `{"name":"Ann Lee"}`), 200, "")
	rcv.waitFor("two updates", func(ds []delivery) bool { return len(ds) >= 2 })
	h.settle()
	got := rcv.deliveries()
	bySource := map[string]map[string]any{}
	for _, d := range got {
		bySource[d.Data["source"].(string)] = d.Data
	}
	api, desk := bySource["api"], bySource["staff"]
	if len(got) != 2 || toJSON(api["changed"]) != `["tags","external_id"]` ||
		toJSON(desk["changed"]) != `["name"]` || desk["contact"].(map[string]any)["name"] != "Ann Lee" {
		t.Fatalf("updates: %+v", got)
	}
}

// An email that fails on our side (the provider refused it, or we gave up retrying) tells
// email.failed subscribers as much as a failure Resend reports.
func TestWebhookEmailFailedWhenTheProviderRefuses(t *testing.T) {
	h := newHarness(t)
	h.member("admin@example.com", staffPassword, "admin")
	admin := h.signIn("admin@example.com", staffPassword)
	rcv := newReceiver(t, alwaysOK)
	h.endpoint(admin, rcv, "email.failed")
	h.resend.Fail(resendfake.Fault{Status: 422})
	ann := h.member("ann@example.com", "")
	expect(t, admin.do("POST", "/api/admin/contacts/"+ann.ID+"/reset-link", `{"send":true}`), 202, "")
	ds := rcv.waitFor("email.failed", func(ds []delivery) bool { return len(ofType(ds, "email.failed")) == 1 })
	email := ofType(ds, "email.failed")[0].Data["email"].(map[string]any)
	if email["kind"] != "password_reset" || email["status"] != "failed" || email["reason"] == "" {
		t.Fatalf("email.failed: %v", email)
	}
}
