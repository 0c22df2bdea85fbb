package api

import (
	"testing"
)

func TestV1UpsertGetAndLookUpAContact(t *testing.T) {
	h := newHarness(t)
	m := h.machine(h.apiKey("CRM sync", "contacts:read", "contacts:write"))

	r := m.call("POST", "/api/v1/contacts", `{"email":"Ann@Example.com","name":"Ann","phone":"+44 20 7946 0000","tags":["vip","vip"," pottery "],"external_id":"crm-1"}`)
	expect(t, r, 201, "")
	c := r.json(t)
	if c["email"] != "Ann@Example.com" || c["status"] != "invited" || c["external_id"] != "crm-1" || toJSON(c["tags"]) != `["vip","pottery"]` {
		t.Fatalf("created contact: %s", r.Body)
	}
	id := c["id"].(string)

	// The same address in another case is the same contact: fields given change, others stay.
	r = m.call("POST", "/api/v1/contacts", `{"email":"ann@example.com","tags":[]}`)
	expect(t, r, 200, "")
	if got := r.json(t); got["id"] != id || got["name"] != "Ann" || toJSON(got["tags"]) != `[]` || got["phone"] != "+44 20 7946 0000" {
		t.Fatalf("updated contact: %s", r.Body)
	}

	expect(t, m.call("GET", "/api/v1/contacts/"+id, ""), 200, "")
	for _, q := range []string{"email=ANN%40example.com", "external_id=crm-1"} {
		if r := m.call("GET", "/api/v1/contacts/lookup?"+q, ""); r.Status != 200 || r.json(t)["id"] != id {
			t.Fatalf("lookup %s: %d %s", q, r.Status, r.Body)
		}
	}
	expect(t, m.call("GET", "/api/v1/contacts/lookup?external_id=crm-404", ""), 404, "not_found")
	expect(t, m.call("GET", "/api/v1/contacts/lookup", ""), 422, "validation_failed")

	// An external id belongs to one contact.
	r = m.call("POST", "/api/v1/contacts", `{"email":"bob@example.com","external_id":"crm-1"}`)
	expect(t, r, 409, "external_id_taken")
	if _, err := h.store.ContactByEmail(t.Context(), "bob@example.com"); err == nil {
		t.Fatal("a refused upsert created the contact")
	}

	// Every change is in the audit log under the key's name.
	var n int
	if err := h.store.SQLDB().QueryRow(`SELECT count(*) FROM audit_entries WHERE actor_kind = 'api' AND actor_label = 'CRM sync' AND contact_id = $1`, id).Scan(&n); err != nil || n != 2 {
		t.Fatalf("audit entries under the key: %d (%v), want create and update", n, err)
	}
}

func TestV1NeverTouchesStaff(t *testing.T) {
	h := newHarness(t)
	staff := h.member("support@example.com", staffPassword, "support")
	m := h.machine(h.apiKey("everything"))
	offer := h.offer(owner(h), "Pottery")
	expect(t, m.call("POST", "/api/v1/contacts", `{"email":"support@example.com","name":"Taken over"}`), 403, "staff_account")
	expect(t, m.call("GET", "/api/v1/contacts/"+staff.ID, ""), 403, "staff_account")
	expect(t, m.call("GET", "/api/v1/contacts/lookup?email=support%40example.com", ""), 403, "staff_account")
	expect(t, m.call("POST", "/api/v1/contacts/"+staff.ID+"/offers", `{"offer_id":"`+offer.ID+`","send_welcome":true}`), 403, "staff_account")
	expect(t, m.call("POST", "/api/v1/contacts/"+staff.ID+"/access-link", `{}`), 403, "staff_account")
	expect(t, m.call("GET", "/api/v1/contacts/"+staff.ID+"/emails", ""), 403, "staff_account")
	if got, _ := h.store.ContactByID(t.Context(), staff.ID); got.Name != "" {
		t.Fatalf("a key renamed a staff account: %q", got.Name)
	}
}
