package api

import (
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"
)

// waitBulk waits until an operation is done and returns it.
func waitBulk(t *testing.T, c *client, id string) map[string]any {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		r := c.do("GET", "/api/admin/bulk/"+id, "")
		expect(t, r, 200, "")
		if op := r.json(t); op["status"] == "done" {
			return op
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the bulk operation did not finish")
	return nil
}

func TestBulkDryRunMatchesTheRun(t *testing.T) {
	d := newDesk(t)
	h := d.h
	ctx := context.Background()
	a := owner(h)
	ids := []string{d.member.ID} // mia: holds Pottery, never signed in
	for _, who := range []string{"stuck", "bounced", "off", "active"} {
		c := h.member(who+"@example.com", goodPassword)
		h.grant(a, c.ID, d.offer.ID, false)
		ids = append(ids, c.ID)
	}
	outsider := h.member("outsider@example.com", "")
	ids = append(ids, outsider.ID)
	h.store.Suppress(ctx, "bounced@example.com", "bounced", "", time.Now())
	off, _ := h.store.ContactByEmail(ctx, "off@example.com")
	h.store.SetDisabled(ctx, off.ID, time.Now())
	h.signIn("active@example.com", goodPassword)

	body := `{"action":"resend_welcome","offer_id":"` + d.offer.ID + `","contact_ids":["` + strings.Join(ids, `","`) + `"],"dry_run":true}`
	r := d.support.do("POST", "/api/admin/bulk", body)
	expect(t, r, 200, "")
	plan := r.json(t)
	want := map[string]float64{"will_act": 2, "suppressed": 1, "disabled": 1, "already_active": 1, "invalid": 1}
	for class, n := range want {
		if plan["counts"].(map[string]any)[class] != n {
			t.Fatalf("dry run %s = %v, want %v: %s", class, plan["counts"].(map[string]any)[class], n, r.Body)
		}
	}
	if h.resend.Requests() != nil && len(h.resend.Messages()) != 0 {
		t.Fatal("a dry run sent email")
	}

	r = d.support.do("POST", "/api/admin/bulk", strings.Replace(body, `"dry_run":true`, `"dry_run":false`, 1))
	expect(t, r, 202, "")
	op := waitBulk(t, d.support, r.json(t)["id"].(string))
	counts := op["counts"].(map[string]any)
	want["done"], want["will_act"] = 2, 0
	for class, n := range want {
		if got, _ := counts[class].(float64); got != n {
			t.Fatalf("run %s = %v, want %v: %v", class, counts[class], n, counts)
		}
	}
	msgs := h.waitMessages(2)
	sent := map[string]bool{msgs[0].To[0]: true, msgs[1].To[0]: true}
	if !sent["mia@example.com"] || !sent["stuck@example.com"] {
		t.Fatalf("sent to %v", sent)
	}
	for _, req := range h.resend.Requests() {
		if req.Path != "/emails/batch" {
			t.Fatalf("bulk email went through %s, not the batch lane", req.Path)
		}
	}

	// The report: one row per contact, with the outcome the counts were made of.
	r = d.support.do("GET", "/api/admin/bulk/"+op["id"].(string)+"/report", "")
	expect(t, r, 200, "")
	rows, err := csv.NewReader(strings.NewReader(string(r.Body))).ReadAll()
	if err != nil || len(rows) != 7 {
		t.Fatalf("report: %v %q", err, r.Body)
	}
	byEmail := map[string]string{}
	for _, row := range rows[1:] {
		byEmail[row[1]] = row[3]
	}
	for email, outcome := range map[string]string{"mia@example.com": "done", "stuck@example.com": "done", "bounced@example.com": "suppressed",
		"off@example.com": "disabled", "active@example.com": "already_active", "outsider@example.com": "invalid"} {
		if byEmail[email] != outcome {
			t.Errorf("report %s: %q, want %q", email, byEmail[email], outcome)
		}
	}
}

// Cancelling and resuming never repeats a contact: each gets its welcome email once.
func TestBulkCancelAndResume(t *testing.T) {
	d := newDesk(t)
	h := d.h
	ctx := context.Background()
	if err := h.store.Exec(ctx, `INSERT INTO contacts (email, name) SELECT 'm' || i || '@example.com', 'M ' || i FROM generate_series(1, 349) i`); err != nil {
		t.Fatal(err)
	}
	if err := h.store.Exec(ctx, `INSERT INTO offer_grants (contact_id, offer_id) SELECT id, ? FROM contacts WHERE email ~ '^m[0-9]+@'`, d.offer.ID); err != nil {
		t.Fatal(err)
	}
	r := d.support.do("POST", "/api/admin/bulk", `{"action":"resend_welcome","offer_id":"`+d.offer.ID+`","filter":{"offer_id":"`+d.offer.ID+`"},"dry_run":false}`)
	expect(t, r, 202, "")
	id := r.json(t)["id"].(string)
	if r.json(t)["total"] != float64(350) {
		t.Fatalf("selection: %s", r.Body)
	}
	expect(t, d.support.do("POST", "/api/admin/bulk/"+id+"/cancel", ""), 200, "")
	expect(t, d.support.do("POST", "/api/admin/bulk/"+id+"/cancel", ""), 409, "invalid_state")
	time.Sleep(300 * time.Millisecond)
	r = d.support.do("GET", "/api/admin/bulk/"+id, "")
	stopped := r.json(t)
	if stopped["status"] != "cancelled" || stopped["done"].(float64) >= 350 {
		t.Fatalf("after cancel: %s", r.Body)
	}
	expect(t, d.support.do("POST", "/api/admin/bulk/"+id+"/resume", ""), 200, "")
	waitBulk(t, d.support, id)
	h.settle()
	var emails, contacts int
	err := h.store.SQLDB().QueryRow(`SELECT count(*), count(DISTINCT contact_id) FROM emails WHERE kind = 'welcome' AND lane = 'bulk'`).Scan(&emails, &contacts)
	if err != nil || emails != 350 || contacts != 350 {
		t.Fatalf("%d welcome emails to %d contacts, want 350 to 350 (%v)", emails, contacts, err)
	}
	if n := len(h.resend.Messages()); n != 350 {
		t.Fatalf("%d delivered", n)
	}
}

func TestBulkValidation(t *testing.T) {
	d := newDesk(t)
	for _, body := range []string{
		`{"action":"explode","contact_ids":["` + d.member.ID + `"],"dry_run":true}`,
		`{"action":"resend_welcome","contact_ids":["` + d.member.ID + `"],"dry_run":true}`,
		`{"action":"sign_out","dry_run":true}`,
		`{"action":"sign_out","contact_ids":["nope"],"dry_run":true}`,
		`{"action":"sign_out","filter":{"status":"sleeping"},"dry_run":true}`,
	} {
		expect(t, d.support.do("POST", "/api/admin/bulk", body), 422, "validation_failed")
	}
	expect(t, d.support.do("POST", "/api/admin/bulk", `{"action":"revoke_offer","offer_id":"`+d.offer.ID+`","contact_ids":["`+d.member.ID+`"],"dry_run":true}`), 403, "forbidden")
	expect(t, d.admin.do("POST", "/api/admin/bulk", `{"action":"revoke_offer","offer_id":"`+d.offer.ID+`","contact_ids":["`+d.member.ID+`"],"dry_run":true}`), 200, "")
}

// A row ticked twice is one contact, and an id that names no contact is counted invalid by the
// dry run and left out of the run: the run finishes instead of failing on its own duplicate.
func TestBulkTicksTheSameContactOnce(t *testing.T) {
	d := newDesk(t)
	h := d.h
	c := h.member("twice@example.com", goodPassword)
	unknown := "6f1c2a57-0000-4000-8000-00000000dead"
	ids := `["` + c.ID + `","` + strings.ToUpper(c.ID) + `","` + unknown + `"]`
	body := `{"action":"grant_offer","offer_id":"` + d.offer.ID + `","contact_ids":` + ids + `,"dry_run":true}`
	r := d.admin.do("POST", "/api/admin/bulk", body)
	expect(t, r, 200, "")
	if counts := r.json(t)["counts"].(map[string]any); counts["will_act"] != float64(1) || counts["invalid"] != float64(1) {
		t.Fatalf("dry run: %s", r.Body)
	}
	r = d.admin.do("POST", "/api/admin/bulk", strings.Replace(body, `"dry_run":true`, `"dry_run":false`, 1))
	expect(t, r, 202, "")
	op := waitBulk(t, d.admin, r.json(t)["id"].(string))
	if op["total"] != float64(1) || op["done"] != float64(1) {
		t.Fatalf("operation: %v", op)
	}
	if _, err := h.store.ActiveGrant(context.Background(), c.ID, d.offer.ID); err != nil {
		t.Fatalf("the grant: %v", err)
	}
}
