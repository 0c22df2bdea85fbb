package api

import (
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestOffersLifecycle(t *testing.T) {
	d := newDesk(t)
	r := d.admin.do("POST", "/api/admin/communities", `{"name":"Studio chat","url":"https://chat.example.com"}`)
	expect(t, r, 201, "")
	community := r.json(t)["id"].(string)
	expect(t, d.support.do("POST", "/api/admin/communities", `{"name":"Nope"}`), 403, "forbidden")

	r = d.admin.do("POST", "/api/admin/offers", `{"name":"Glazing","community_ids":["`+community+`"],"welcome_subject":"Welcome, glazer","welcome_body":"First paragraph."}`)
	expect(t, r, 422, "validation_failed") // a welcome email without the member's link
	if r.json(t)["fields"].(map[string]any)["welcome_body"] == nil {
		t.Fatalf("fields: %s", r.Body)
	}
	r = d.admin.do("POST", "/api/admin/offers", `{"name":"Glazing","community_ids":["`+community+`"],"welcome_subject":"Welcome, glazer","welcome_body":"First paragraph.\n\nSecond paragraph: {{.Link}}"}`)
	expect(t, r, 201, "")
	id := r.json(t)["id"].(string)
	if ids := r.json(t)["community_ids"].([]any); len(ids) != 1 {
		t.Fatalf("communities: %s", r.Body)
	}
	expect(t, d.admin.do("POST", "/api/admin/offers", `{"name":"Bad","community_ids":["00000000-0000-4000-8000-000000000099"]}`), 422, "validation_failed")

	// PATCH changes only what it is given.
	r = d.admin.do("PATCH", "/api/admin/offers/"+id, `{"description":"Shiny"}`)
	expect(t, r, 200, "")
	if r.json(t)["name"] != "Glazing" || r.json(t)["description"] != "Shiny" || len(r.json(t)["community_ids"].([]any)) != 1 {
		t.Fatalf("patched: %s", r.Body)
	}
	expect(t, d.support.do("PATCH", "/api/admin/offers/"+id, `{"name":"x"}`), 403, "forbidden")

	// The live preview renders the custom welcome for a chosen contact, link masked.
	r = d.support.do("POST", "/api/admin/offers/preview", `{"name":"Glazing","welcome_subject":"Welcome, glazer","welcome_body":"First paragraph.\n\nSecond paragraph: {{.Link}}","contact_id":"`+d.member.ID+`"}`)
	expect(t, r, 200, "")
	p := r.json(t)
	if p["subject"] != "Welcome, glazer" || !strings.Contains(p["text"].(string), "Second paragraph:") || !strings.Contains(p["html"].(string), "<p>First paragraph.</p>") ||
		p["to"] != "mia@example.com" || !strings.Contains(p["text"].(string), "[one-time link, hidden]") {
		t.Fatalf("preview: %s", r.Body)
	}

	// Holding the offer puts the member in its community; archiving hides it from members.
	expect(t, d.support.do("POST", d.path("/offers"), `{"offer_id":"`+id+`","send_welcome":true}`), 201, "")
	m := d.h.waitMessages(1)[0]
	if m.Subject != "Welcome, glazer" || !strings.Contains(m.Text, "First paragraph.") {
		t.Fatalf("custom welcome: %q\n%s", m.Subject, m.Text)
	}
	r = d.support.do("GET", "/api/admin/communities/"+community+"/members", "")
	if items := r.json(t)["items"].([]any); len(items) != 1 || items[0].(map[string]any)["via_offers"].([]any)[0] != "Glazing" {
		t.Fatalf("members: %s", r.Body)
	}
	expect(t, d.admin.do("DELETE", "/api/admin/offers/"+id, ""), 204, "")
	if r := d.support.do("GET", "/api/admin/offers", ""); strings.Contains(string(r.Body), "Glazing") {
		t.Fatal("an archived offer is listed")
	}
	if r := d.support.do("GET", "/api/admin/offers?archived=true", ""); !strings.Contains(string(r.Body), `"archived":true`) {
		t.Fatalf("archived list: %s", r.Body)
	}
	expect(t, d.support.do("POST", d.path("/offers"), `{"offer_id":"`+id+`","send_welcome":false}`), 409, "")
	expect(t, d.admin.do("POST", "/api/admin/offers/"+id+"/restore", ""), 204, "")
}

func TestCommunityMembership(t *testing.T) {
	d := newDesk(t)
	r := d.admin.do("POST", "/api/admin/communities", `{"name":"Book club"}`)
	community := r.json(t)["id"].(string)
	expect(t, d.support.do("POST", d.path("/communities"), `{"community_id":"`+community+`"}`), 204, "")
	r = d.support.do("GET", d.path(""), "")
	comms := r.json(t)["communities"].([]any)
	if len(comms) != 1 || comms[0].(map[string]any)["direct"] != true {
		t.Fatalf("record communities: %s", r.Body)
	}
	r = d.support.do("GET", "/api/admin/contacts?community_id="+community, "")
	if n := len(r.json(t)["items"].([]any)); n != 1 {
		t.Fatalf("community filter: %d", n)
	}
	expect(t, d.support.do("DELETE", d.path("/communities/"+community), ""), 204, "")
	expect(t, d.support.do("DELETE", d.path("/communities/"+community), ""), 404, "not_found")
	expect(t, d.admin.do("DELETE", "/api/admin/communities/"+community, ""), 204, "")
	expect(t, d.support.do("POST", d.path("/communities"), `{"community_id":"`+community+`"}`), 409, "archived")
	if got := auditActions(t, d.h, d.member.ID); got[0] != "community.remove_member" || got[1] != "community.add_member" {
		t.Fatalf("audit: %v", got)
	}
}

func TestStaffManagement(t *testing.T) {
	d := newDesk(t)
	h := d.h
	expect(t, d.admin.do("POST", "/api/admin/staff", `{"email":"new@example.com","role":"support"}`), 403, "forbidden")
	r := d.owner.do("POST", "/api/admin/staff", `{"email":"Nina@Example.com","name":"Nina","role":"support"}`)
	expect(t, r, 201, "")
	nina := r.json(t)["id"].(string)
	m := h.waitMessages(1)[0]
	token := linkIn(t, m)
	if m.To[0] != "Nina@Example.com" || !strings.Contains(m.Text, "staff desk") {
		t.Fatalf("invite: %v\n%s", m.To, m.Text)
	}
	// Staff passwords follow the staff policy (15+).
	c := h.client("203.0.113.120")
	expect(t, c.do("POST", "/api/auth/reset-password", `{"token":"`+token+`","password":"fourteen chars"}`), 422, "weak_password")
	r = c.do("POST", "/api/auth/reset-password", `{"token":"`+token+`","password":"fifteen chars ok!"}`)
	expect(t, r, 200, "")
	expect(t, c.do("GET", "/api/admin/contacts", ""), 200, "")
	expect(t, d.owner.do("POST", "/api/admin/staff", `{"email":"nina@example.com","role":"admin"}`), 409, "already_staff")
	expect(t, d.owner.do("POST", "/api/admin/staff", `{"email":"long@example.com","name":"`+strings.Repeat("n", 201)+`","role":"support"}`), 422, "validation_failed")

	// Promote a member; change roles; no self-change; role list visible to admins.
	expect(t, d.owner.do("POST", "/api/admin/staff", `{"email":"mia@example.com","role":"admin"}`), 201, "")
	expect(t, d.owner.do("PATCH", "/api/admin/staff/"+nina, `{"role":"admin"}`), 200, "")
	expect(t, c.do("GET", "/api/admin/contacts", ""), 401, "unauthenticated") // sessions restart with the new role
	expect(t, d.owner.do("PATCH", "/api/admin/staff/"+d.ownerID, `{"role":"admin"}`), 409, "own_account")
	expect(t, d.owner.do("PATCH", "/api/admin/staff/"+nina, `{"role":"emperor"}`), 422, "validation_failed")
	r = d.admin.do("GET", "/api/admin/staff", "")
	expect(t, r, 200, "")
	if n := len(r.json(t)["items"].([]any)); n != 6 { // owner, fixtures owner, admin, support, nina, mia
		t.Fatalf("staff: %s", r.Body)
	}
	expect(t, d.support.do("GET", "/api/admin/staff", ""), 403, "forbidden")
}

func TestSettingsBrandTheEmails(t *testing.T) {
	d := newDesk(t)
	expect(t, d.support.do("GET", "/api/admin/settings", ""), 403, "forbidden")
	r := d.admin.do("PATCH", "/api/admin/settings", `{"portal_name":"","primary_color":"red","logo_url":"http://x","staff_reset_ttl_minutes":5,"support_email":"nope"}`)
	expect(t, r, 422, "validation_failed")
	for _, f := range []string{"portal_name", "primary_color", "logo_url", "staff_reset_ttl_minutes", "support_email"} {
		if r.json(t)["fields"].(map[string]any)[f] == nil {
			t.Errorf("no error for %s: %s", f, r.Body)
		}
	}
	r = d.admin.do("PATCH", "/api/admin/settings", `{"portal_name":"Clay Studio","primary_color":"#aa3300","support_email":"help@clay.example","sender_name":"Clay Studio","sender_address":"hello@clay.example","staff_reset_ttl_minutes":60}`)
	expect(t, r, 200, "")
	if r.json(t)["welcome_ttl_minutes"] != float64(4320) {
		t.Fatalf("PATCH lost a field: %s", r.Body)
	}
	expect(t, d.support.do("POST", d.path("/reset-link"), `{"send":true}`), 202, "")
	m := d.h.waitMessages(1)[0]
	if m.From != "\"Clay Studio\" <hello@clay.example>" || !strings.Contains(m.HTML, "#aa3300") || !strings.Contains(m.Text, "help@clay.example") ||
		!strings.Contains(m.Text, "1 hour") || !strings.Contains(m.Subject, "Clay Studio") {
		t.Fatalf("branded email: from %q subject %q\n%s", m.From, m.Subject, m.Text)
	}
	if r := d.h.client("203.0.113.121").do("GET", "/api/auth/session", ""); r.json(t)["portal_name"] != "Clay Studio" {
		t.Fatalf("session branding: %s", r.Body)
	}
}

func TestAuditPageAndCSV(t *testing.T) {
	d := newDesk(t)
	// Outsiders control the user agent: in a semicolon locale the part after ";" is a cell.
	d.support.header["User-Agent"] = "Mozilla;=cmd|' /C calc'!A0"
	expect(t, d.support.do("POST", d.path("/sign-out"), `{}`), 200, "")
	expect(t, d.support.do("PATCH", d.path(""), `{"name":"=HYPERLINK(\"http://evil\")"}`), 200, "")
	expect(t, d.support.do("GET", "/api/admin/audit", ""), 403, "forbidden")
	r := d.admin.do("GET", "/api/admin/audit?actor_id="+d.supportID, "")
	expect(t, r, 200, "")
	items := r.json(t)["items"].([]any)
	if len(items) != 2 || items[0].(map[string]any)["action"] != "contact.update" || items[0].(map[string]any)["ip"] == "" {
		t.Fatalf("audit by actor: %s", r.Body)
	}
	r = d.admin.do("GET", "/api/admin/audit?action=offer.", "")
	if items := r.json(t)["items"].([]any); len(items) != 2 || items[0].(map[string]any)["action"] != "offer.grant" || items[1].(map[string]any)["action"] != "offer.create" {
		t.Fatalf("audit by action prefix: %s", r.Body)
	}
	today := time.Now().UTC().Format("2006-01-02")
	r = d.admin.do("GET", "/api/admin/audit?from="+today+"&to="+today+"&limit=1", "")
	if r.json(t)["next_cursor"] == "" {
		t.Fatalf("no next page: %s", r.Body)
	}
	expect(t, d.admin.do("GET", "/api/admin/audit?from=yesterday", ""), 422, "validation_failed")

	r = d.admin.do("GET", "/api/admin/audit.csv?contact_id="+d.member.ID, "")
	expect(t, r, 200, "")
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") || !strings.Contains(r.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("csv headers: %v", r.Header)
	}
	rows, err := csv.NewReader(strings.NewReader(string(r.Body))).ReadAll()
	if err != nil || len(rows) != 4 || rows[0][4] != "action" {
		t.Fatalf("csv: %v %q", err, r.Body)
	}
	for _, row := range rows {
		for _, cell := range row {
			// Whatever a spreadsheet splits the cell on, no piece may start a formula.
			for _, piece := range strings.FieldsFunc(cell, func(r rune) bool { return strings.ContainsRune(",;\t\r\n", r) }) {
				if p := strings.TrimLeft(piece, ` "`); p != "" && strings.ContainsRune("=+-@", rune(p[0])) {
					t.Fatalf("a formula-like cell reached the CSV unescaped: %q", cell)
				}
			}
		}
	}
	if !strings.Contains(string(r.Body), "'Mozilla;'=cmd") {
		t.Fatalf("the user agent is not in the CSV, defused: %s", r.Body)
	}
}

func TestContactListFiltersSortAndPages(t *testing.T) {
	d := newDesk(t)
	h := d.h
	for i := range 7 {
		expect(t, d.support.do("POST", "/api/admin/contacts", fmt.Sprintf(`{"email":"p%d@example.com","name":"Person %c"}`, i, 'G'-i)), 201, "")
	}
	seen := map[string]bool{}
	next := ""
	pages := 0
	for {
		r := d.support.do("GET", "/api/admin/contacts?sort=name&limit=3&cursor="+next, "")
		expect(t, r, 200, "")
		for _, it := range r.json(t)["items"].([]any) {
			id := it.(map[string]any)["id"].(string)
			if seen[id] {
				t.Fatal("a contact appeared on two pages")
			}
			seen[id] = true
		}
		pages++
		if next = r.json(t)["next_cursor"].(string); next == "" {
			break
		}
	}
	if len(seen) != 12 || pages != 4 { // 7 + mia + four staff accounts
		t.Fatalf("%d contacts over %d pages", len(seen), pages)
	}
	r := d.support.do("GET", "/api/admin/contacts?sort=name&limit=2", "")
	first := r.json(t)["items"].([]any)[0].(map[string]any)["name"]
	if first != "" && first != "Person A" { // staff accounts have no name and sort first
		t.Fatalf("name sort starts with %v", first)
	}
	if r := d.support.do("GET", "/api/admin/contacts?q=PERSON%20c", ""); len(r.json(t)["items"].([]any)) != 1 {
		t.Fatalf("substring search: %s", r.Body)
	}
	if r := d.support.do("GET", "/api/admin/contacts?q=50%25", ""); len(r.json(t)["items"].([]any)) != 0 {
		t.Fatalf("LIKE wildcards are not escaped: %s", r.Body)
	}
	if r := d.support.do("GET", "/api/admin/contacts?offer_id="+d.offer.ID, ""); len(r.json(t)["items"].([]any)) != 1 {
		t.Fatalf("offer filter: %s", r.Body)
	}
	if r := d.support.do("GET", "/api/admin/contacts?status=invited", ""); len(r.json(t)["items"].([]any)) != 9 {
		t.Fatalf("invited: %s", r.Body)
	}
	if r := d.support.do("GET", "/api/admin/contacts?status=active&sort=last_login", ""); len(r.json(t)["items"].([]any)) != 3 {
		t.Fatalf("active: %s", r.Body)
	}
	for _, bad := range []string{"status=weird", "sort=height", "offer_id=1", "cursor=%%%", "limit=0"} {
		expect(t, d.support.do("GET", "/api/admin/contacts?"+bad, ""), 422, "validation_failed")
	}
	_ = h
}

// Renaming the portal renames the sender of its emails, unless a sender name was chosen in
// Settings (or in GATEHOUSE_MAIL_FROM); Settings says what an empty field falls back to.
func TestPortalNameReachesTheSender(t *testing.T) {
	h := newHarnessWith(t, harnessOptions{env: map[string]string{"GATEHOUSE_MAIL_FROM": "no-reply@example.test"}})
	h.member("admin@example.com", staffPassword, "admin")
	admin := h.signIn("admin@example.com", staffPassword)
	h.member("ann@example.com", goodPassword)
	expect(t, admin.do("PATCH", "/api/admin/settings", `{"portal_name":"Pottery Club"}`), 200, "")
	r := admin.do("GET", "/api/admin/settings", "")
	if r.json(t)["sender_name_fallback"] != "Pottery Club" || r.json(t)["sender_address_fallback"] != "no-reply@example.test" {
		t.Fatalf("fallbacks: %s", r.Body)
	}
	expect(t, h.client("203.0.113.77").do("POST", "/api/auth/forgot-password", `{"email":"ann@example.com"}`), 202, "")
	if from := h.waitMessages(1)[0].From; from != `"Pottery Club" <no-reply@example.test>` {
		t.Fatalf("sender after renaming the portal: %s", from)
	}
	expect(t, admin.do("PATCH", "/api/admin/settings", `{"sender_name":"Ann at Pottery Club"}`), 200, "")
	h.advance(3 * time.Minute) // the account's self-service budget: one email per 2 minutes
	expect(t, h.client("203.0.113.78").do("POST", "/api/auth/forgot-password", `{"email":"ann@example.com"}`), 202, "")
	if from := h.waitMessages(2)[1].From; from != `"Ann at Pottery Club" <no-reply@example.test>` {
		t.Fatalf("sender with a chosen name: %s", from)
	}
}
