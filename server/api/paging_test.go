package api

import (
	"fmt"
	"net/url"
	"testing"
)

// The desk's newest-first lists (runs, bulk operations, imports, the local mailbox, access
// requests) page by keyset: every row once, newest first, rows that share a time included,
// and a cursor that was tampered with is a 422, not a 500. (Read by the owner: the mailbox
// is theirs alone.)
func TestHistoryListsPageByCursor(t *testing.T) {
	d := newDesk(t)
	h := d.h
	db := h.store.SQLDB()
	mustExec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatal(err)
		}
	}
	r := d.admin.do("POST", "/api/admin/workflows/recipes/welcome-nudge", `{"offer_id":"`+d.offer.ID+`"}`)
	expect(t, r, 201, "")
	wf := r.json(t)["id"].(string)
	// Seven rows in each list; three of them share one instant, so only the id orders them.
	for i := 0; i < 7; i++ {
		at := fmt.Sprintf("2026-11-0%d 12:00:00+00", 1+min(i, 4))
		mustExec(`INSERT INTO workflow_runs (workflow_id, workflow_version, contact_id, actions, started_at) VALUES ($1, 1, $2, '[]', $3)`, wf, d.member.ID, at)
		mustExec(`INSERT INTO bulk_operations (action, selection, created_at) VALUES ('sign_out', '{}', $1)`, at)
		mustExec(`INSERT INTO imports (options, created_at) VALUES ('{}', $1)`, at)
		mustExec(`INSERT INTO captured_emails (from_address, to_address, subject, html_body, text_body, created_at) VALUES ('a@example.com', 'b@example.com', 's', '', '', $1)`, at)
		mustExec(`INSERT INTO access_requests (kind, email, outcome, ip, created_at) VALUES ('forgot_password', 'x@example.com', 'unknown', '127.0.0.1', $1)`, at)
	}
	for _, path := range []string{
		"/api/admin/workflows/" + wf + "/runs",
		"/api/admin/contacts/" + d.member.ID + "/workflow-runs",
		"/api/admin/bulk",
		"/api/admin/imports",
		"/api/admin/mailbox",
		"/api/admin/access-requests",
	} {
		var all []string
		var prev string
		cursor, pages := "", 0
		for {
			r := d.owner.do("GET", path+"?limit=3&cursor="+url.QueryEscape(cursor), "")
			expect(t, r, 200, "")
			body := r.json(t)
			pages++
			for _, it := range body["items"].([]any) {
				row := it.(map[string]any)
				at, _ := row["created_at"].(string)
				if at == "" {
					at, _ = row["started_at"].(string)
				}
				if prev != "" && at > prev {
					t.Fatalf("%s: %s after %s, want newest first", path, at, prev)
				}
				prev = at
				all = append(all, row["id"].(string))
			}
			if cursor = body["next_cursor"].(string); cursor == "" {
				break
			}
		}
		seen := map[string]bool{}
		for _, id := range all {
			if seen[id] {
				t.Fatalf("%s: %s listed twice", path, id)
			}
			seen[id] = true
		}
		if len(all) != 7 || pages != 3 {
			t.Fatalf("%s: %d rows in %d pages, want 7 in 3", path, len(all), pages)
		}
		expect(t, d.owner.do("GET", path+"?cursor=bm90LWEtY3Vyc29y", ""), 422, "validation_failed")
		expect(t, d.owner.do("GET", path+"?limit=0", ""), 422, "validation_failed")
	}
}
