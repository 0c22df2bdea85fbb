package api

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"

	"gatehouse/server/desk"
	"gatehouse/server/store"
)

// v1Member creates a member through the API and returns its id.
func v1Member(t *testing.T, m *machine, email string) string {
	t.Helper()
	r := m.call("POST", "/api/v1/contacts", `{"email":"`+email+`"}`)
	if r.Status != 201 && r.Status != 200 {
		t.Fatalf("upsert %s: %d %s", email, r.Status, r.Body)
	}
	return r.json(t)["id"].(string)
}

func countOf(t *testing.T, h *harness, query string, args ...any) int {
	t.Helper()
	var n int
	if err := h.store.SQLDB().QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Grant on purchase: by slug, with the welcome email, once; a repeat is 200 and sends nothing;
// revoke by id; resend; the contact's emails with their timelines.
func TestV1GrantByIDOrSlugResendRevoke(t *testing.T) {
	h := newHarness(t)
	offer := h.offer(owner(h), "Pottery course")
	m := h.machine(h.apiKey("Checkout"))
	id := v1Member(t, m, "ann@example.com")

	r := m.call("POST", "/api/v1/contacts/"+id+"/offers", `{"offer_id":"`+offer.Slug+`","send_welcome":true}`)
	expect(t, r, 201, "")
	g := r.json(t)
	if g["created"] != true || g["welcome_email_id"] == nil || g["offer"].(map[string]any)["id"] != offer.ID {
		t.Fatalf("grant: %s", r.Body)
	}
	msgs := h.waitMessages(1)
	if msgs[0].To[0] != "ann@example.com" || !strings.Contains(msgs[0].Subject, "Pottery course") {
		t.Fatalf("welcome email: %+v", msgs[0])
	}
	linkIn(t, msgs[0])

	r = m.call("POST", "/api/v1/contacts/"+id+"/offers", `{"offer_id":"`+offer.ID+`","send_welcome":true}`)
	expect(t, r, 200, "")
	if r.json(t)["created"] != false || r.json(t)["welcome_email_id"] != nil {
		t.Fatalf("a repeated grant: %s", r.Body)
	}

	expect(t, m.call("POST", "/api/v1/contacts/"+id+"/offers/"+offer.Slug+"/resend", ""), 202, "")
	h.waitMessages(2)
	h.settle()
	if n := len(h.resend.Messages()); n != 2 {
		t.Fatalf("%d emails, want the welcome and one resend", n)
	}

	r = m.call("GET", "/api/v1/contacts/"+id+"/emails", "")
	expect(t, r, 200, "")
	items := r.json(t)["items"].([]any)
	if len(items) != 2 || len(items[0].(map[string]any)["events"].([]any)) < 2 {
		t.Fatalf("emails: %s", r.Body)
	}
	r = m.call("GET", "/api/v1/contacts/"+id, "")
	if offers := r.json(t)["offers"].([]any); len(offers) != 1 || offers[0].(map[string]any)["welcome_email"] == nil {
		t.Fatalf("contact's offers: %s", r.Body)
	}

	expect(t, m.call("DELETE", "/api/v1/contacts/"+id+"/offers/"+offer.ID, ""), 204, "")
	expect(t, m.call("DELETE", "/api/v1/contacts/"+id+"/offers/"+offer.ID, ""), 404, "not_found")
	if n := countOf(t, h, `SELECT count(*) FROM audit_entries WHERE actor_kind = 'api' AND actor_label = 'Checkout' AND action LIKE 'offer.%'`); n != 3 {
		t.Fatalf("%d offer audit entries under the key, want grant, resend, revoke", n)
	}
}

func TestV1CommunitiesCatalogAndCredentials(t *testing.T) {
	h := newHarness(t)
	com, err := h.desk.CreateCommunity(context.Background(), owner(h), desk.CommunityInput{Name: "Makers"})
	if err != nil {
		t.Fatal(err)
	}
	h.offer(owner(h), "Glazing")
	m := h.machine(h.apiKey("Zapier"))
	id := v1Member(t, m, "bo@example.com")

	r := m.call("GET", "/api/v1/offers", "")
	if items := r.json(t)["items"].([]any); len(items) != 1 || items[0].(map[string]any)["slug"] != "glazing" {
		t.Fatalf("offers: %s", r.Body)
	}
	if items := m.call("GET", "/api/v1/communities", "").json(t)["items"].([]any); len(items) != 1 {
		t.Fatalf("communities: %v", items)
	}
	expect(t, m.call("POST", "/api/v1/contacts/"+id+"/communities", `{"community_id":"`+com.Slug+`"}`), 204, "")
	r = m.call("GET", "/api/v1/contacts/"+id, "")
	if cs := r.json(t)["communities"].([]any); len(cs) != 1 || cs[0].(map[string]any)["direct"] != true {
		t.Fatalf("communities of the contact: %s", r.Body)
	}
	expect(t, m.call("DELETE", "/api/v1/contacts/"+id+"/communities/"+com.ID, ""), 204, "")
	expect(t, m.call("DELETE", "/api/v1/contacts/"+id+"/communities/"+com.ID, ""), 404, "not_found")

	r = m.call("POST", "/api/v1/contacts/"+id+"/reset-link", `{"ttl_minutes":60}`)
	expect(t, r, 202, "")
	if strings.Contains(string(r.Body), "token") {
		t.Fatalf("a sent link's answer carries it: %s", r.Body)
	}
	r = m.call("POST", "/api/v1/contacts/"+id+"/access-link", "")
	expect(t, r, 201, "")
	if !strings.HasPrefix(r.json(t)["url"].(string), publicURL+"/set-password#token=") {
		t.Fatalf("access link: %s", r.Body)
	}
	expect(t, m.bad("POST", "/api/v1/contacts/"+id+"/access-link", `{"ttl_minutes":5}`), 422, "validation_failed")
}

// Ten identical requests at once with one Idempotency-Key grant once and send one email;
// every answer is the grant (first or replayed) or "still in progress".
func TestV1IdempotentGrantUnderConcurrency(t *testing.T) {
	h := newHarness(t)
	offer := h.offer(owner(h), "Pottery course")
	m := h.machine(h.apiKey("Checkout"))
	id := v1Member(t, m, "cy@example.com")
	body := `{"offer_id":"` + offer.ID + `","send_welcome":true}`
	key := map[string]string{"Idempotency-Key": "order-1001"}
	var wg sync.WaitGroup
	results := make([]response, 10)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = m.call("POST", "/api/v1/contacts/"+id+"/offers", body, key)
		}()
	}
	wg.Wait()
	created := 0
	for _, r := range results {
		switch {
		case r.Status == 201 && r.Header.Get("Idempotent-Replayed") == "":
			created++
		case r.Status == 201: // the first answer, replayed
		case r.Status == 409 && r.code(t) == "idempotency_in_progress" && r.Header.Get("Retry-After") != "":
		default:
			t.Fatalf("unexpected answer %d %s", r.Status, r.Body)
		}
	}
	if created != 1 {
		t.Fatalf("%d requests ran the grant, want 1", created)
	}
	// After it finished: the same request replays the first answer, byte for byte.
	first := m.call("POST", "/api/v1/contacts/"+id+"/offers", body, key)
	again := m.call("POST", "/api/v1/contacts/"+id+"/offers", body, key)
	if first.Status != 201 || first.Header.Get("Idempotent-Replayed") != "true" || string(first.Body) != string(again.Body) {
		t.Fatalf("replay: %d %s / %s", first.Status, first.Body, again.Body)
	}
	h.waitMessages(1)
	h.settle()
	if n := len(h.resend.Messages()); n != 1 {
		t.Fatalf("%d welcome emails, want 1", n)
	}
	if n := countOf(t, h, `SELECT count(*) FROM offer_grants WHERE contact_id = $1`, id); n != 1 {
		t.Fatalf("%d grants, want 1", n)
	}
	// The same key with another request is refused; a secret answer is never replayed.
	expect(t, m.call("POST", "/api/v1/contacts/"+id+"/offers", `{"offer_id":"`+offer.ID+`","send_welcome":false}`, key), 409, "idempotency_key_reused")
	link := map[string]string{"Idempotency-Key": "link-1"}
	expect(t, m.call("POST", "/api/v1/contacts/"+id+"/access-link", "", link), 201, "")
	r := m.call("POST", "/api/v1/contacts/"+id+"/access-link", "", link)
	expect(t, r, 409, "idempotency_secret_not_stored")
	if strings.Contains(string(r.Body), "token=") {
		t.Fatal("a replay carries the link")
	}
	var stored int
	if err := h.store.SQLDB().QueryRow(`SELECT count(*) FROM api_idempotency WHERE key = 'link-1' AND body IS NULL AND secret`).Scan(&stored); err != nil || stored != 1 {
		t.Fatalf("the access link's answer was stored (%d, %v)", stored, err)
	}
}

// Bad input is a clear 4xx in the error shape, and writes nothing.
func TestV1BadInputWritesNothing(t *testing.T) {
	h := newHarness(t)
	offer := h.offer(owner(h), "Pottery course")
	key := h.apiKey("Checkout")
	m := h.machine(key)
	id := v1Member(t, m, "dee@example.com")
	before := countOf(t, h, `SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM offer_grants) + (SELECT count(*) FROM audit_entries) + (SELECT count(*) FROM emails)`)
	grant := "/api/v1/contacts/" + id + "/offers"
	cases := []struct {
		name, method, path, body string
		status                   int
		code, field              string
		serverOnly               bool // only the server can tell (the document describes shapes)
	}{
		{"unknown field", "POST", "/api/v1/contacts", `{"email":"new@example.com","role":"owner"}`, 422, "validation_failed", "role", false},
		{"wrong type", "POST", "/api/v1/contacts", `{"email":"new@example.com","tags":"vip"}`, 422, "validation_failed", "tags", false},
		{"wrong type in a grant", "POST", grant, `{"offer_id":"` + offer.ID + `","send_welcome":"yes"}`, 422, "validation_failed", "send_welcome", false},
		{"missing send_welcome", "POST", grant, `{"offer_id":"` + offer.ID + `"}`, 422, "validation_failed", "send_welcome", false},
		{"unknown offer", "POST", grant, `{"offer_id":"no-such-offer","send_welcome":true}`, 422, "validation_failed", "offer_id", true},
		{"two addresses", "POST", "/api/v1/contacts", `{"email":"a@example.com, b@example.com"}`, 422, "validation_failed", "email", false},
		{"an address list", "POST", "/api/v1/contacts", `{"email":["a@example.com"]}`, 422, "validation_failed", "email", false},
		{"a named address", "POST", "/api/v1/contacts", `{"email":"Ann <a@example.com>"}`, 422, "validation_failed", "email", false},
		{"a repeated key", "POST", "/api/v1/contacts", `{"email":"a@example.com","email":"b@example.com"}`, 422, "validation_failed", "email", true},
		{"not JSON", "POST", "/api/v1/contacts", `email=a@example.com`, 400, "invalid_json", "", false},
	}
	for _, c := range cases {
		var r response
		if c.serverOnly {
			r = m.send(c.method, c.path, c.body, nil)
		} else {
			r = m.bad(c.method, c.path, c.body)
		}
		if r.Status != c.status || r.code(t) != c.code {
			t.Errorf("%s: %d %s, want %d %s", c.name, r.Status, r.Body, c.status, c.code)
			continue
		}
		if fields, _ := r.json(t)["fields"].(map[string]any); c.field != "" && fields[c.field] == nil {
			t.Errorf("%s: no message for %s: %s", c.name, c.field, r.Body)
		}
	}
	// A body over 1 MiB is refused when its headers arrive, before it is read (over TCP:
	// app.Test hands over whole requests).
	addr := h.serveTCP()
	big := map[string]string{"Content-Type": "application/json", "Authorization": "Bearer " + key, "Content-Length": strconv.Itoa(1<<20 + 1)}
	if status, code := headersOnly(t, addr, "POST", "/api/v1/contacts", big); status != 413 || code != "body_too_large" {
		t.Errorf("a body over 1 MiB: %d %q, want 413 body_too_large", status, code)
	}
	// A key in the URL is refused before anything else, even with a valid header.
	expect(t, m.send("GET", "/api/v1/offers?api_key="+key, "", nil), 400, "api_key_in_query")
	anon := h.machine("")
	expect(t, anon.bad("POST", "/api/v1/contacts?key="+key, `{"email":"q@example.com"}`), 400, "api_key_in_query")
	expect(t, m.bad("POST", "/api/v1/contacts", `{"email":"x@example.com"}`, map[string]string{"Idempotency-Key": "é"}), 400, "invalid_idempotency_key")
	after := countOf(t, h, `SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM offer_grants) + (SELECT count(*) FROM audit_entries) + (SELECT count(*) FROM emails)`)
	if after != before {
		t.Fatalf("bad input wrote %d rows", after-before)
	}
}

// A revoked key is refused at once; a key never opens the desk, and a session never opens
// the machine API; past its rate the key gets 429 with Retry-After.
func TestV1KeysRevokedSessionsAndRates(t *testing.T) {
	h := newHarness(t)
	h.member("admin@example.com", staffPassword, "admin")
	admin := h.signIn("admin@example.com", staffPassword)
	r := admin.do("POST", "/api/admin/api-keys", `{"name":"Shop","scopes":["contacts:read"],"rate_per_minute":3}`)
	expect(t, r, 201, "")
	created := r.json(t)
	raw := created["key"].(string)
	if !strings.HasPrefix(raw, "gatehouse_") || len(raw) < 50 || !strings.HasPrefix(raw, created["prefix"].(string)) {
		t.Fatalf("new key: %s", r.Body)
	}
	list := admin.do("GET", "/api/admin/api-keys", "")
	if strings.Contains(string(list.Body), raw) || !strings.Contains(string(list.Body), created["prefix"].(string)) {
		t.Fatalf("the list shows the key or hides its prefix: %s", list.Body)
	}
	var hash []byte
	if err := h.store.SQLDB().QueryRow(`SELECT key_hash FROM api_keys WHERE id = $1`, created["id"]).Scan(&hash); err != nil || string(hash) != string(sha(raw)) {
		t.Fatalf("the key is not stored as its SHA-256 (%v)", err)
	}

	m := h.machine(raw)
	for i := 0; i < 3; i++ {
		expect(t, m.call("GET", "/api/v1/offers", ""), 200, "")
	}
	r = m.call("GET", "/api/v1/offers", "")
	expect(t, r, 429, "rate_limited")
	if r.Header.Get("Retry-After") == "" {
		t.Fatal("429 without Retry-After")
	}

	// The key is no session for the desk; the session no key for the API.
	keyed := h.client("203.0.113.5")
	keyed.header["Authorization"] = "Bearer " + raw
	expect(t, keyed.do("GET", "/api/admin/contacts", ""), 401, "unauthenticated")
	expect(t, admin.do("GET", "/api/v1/offers", ""), 401, "unauthenticated")

	expect(t, admin.do("DELETE", "/api/admin/api-keys/"+created["id"].(string), ""), 204, "")
	expect(t, m.call("GET", "/api/v1/offers", ""), 401, "api_key_revoked")
	expect(t, h.machine("gatehouse_nope").call("GET", "/api/v1/offers", ""), 401, "invalid_api_key")
	if n := countOf(t, h, `SELECT count(*) FROM audit_entries WHERE action IN ('api_key.create', 'api_key.revoke')`); n != 2 {
		t.Fatalf("%d audit entries for the key, want create and revoke", n)
	}
	expect(t, admin.do("POST", "/api/admin/api-keys", `{"name":"","scopes":["everything"]}`), 422, "validation_failed")
}

// A disabled contact is granted the offer (it waits for them) but sent nothing, through the
// API as at the desk: the same function decides.
func TestV1GrantToADisabledContactSendsNothing(t *testing.T) {
	h := newHarness(t)
	offer := h.offer(owner(h), "Pottery course")
	m := h.machine(h.apiKey("Checkout"))
	id := v1Member(t, m, "ed@example.com")
	if err := h.store.InTx(context.Background(), func(ctx context.Context, tx *store.Store) error {
		return h.access.SetDisabled(ctx, tx, owner(h), id, true)
	}); err != nil {
		t.Fatal(err)
	}
	r := m.call("POST", "/api/v1/contacts/"+id+"/offers", `{"offer_id":"`+offer.ID+`","send_welcome":true}`)
	expect(t, r, 201, "")
	if r.json(t)["welcome_email_id"] != nil {
		t.Fatalf("a disabled contact was sent a welcome: %s", r.Body)
	}
	expect(t, m.call("POST", "/api/v1/contacts/"+id+"/offers/"+offer.ID+"/resend", ""), 409, "contact_disabled")
}
