package api

import (
	"context"
	"strings"
	"testing"
	"time"

	"gatehouse/server/store"
)

func TestWorkflowsAPI(t *testing.T) {
	d := newDesk(t)
	h := d.h
	expect(t, d.support.do("POST", "/api/admin/workflows/recipes/welcome-nudge", `{}`), 403, "forbidden")
	r := d.admin.do("POST", "/api/admin/workflows/recipes/welcome-nudge", `{"offer_id":"`+d.offer.ID+`"}`)
	expect(t, r, 201, "")
	recipe := r.json(t)
	if recipe["enabled"] != true || len(recipe["actions"].([]any)) != 3 || recipe["trigger"].(map[string]any)["type"] != "offer_granted" {
		t.Fatalf("recipe: %s", r.Body)
	}

	// The offer is optional, and so is the body.
	r = d.admin.do("POST", "/api/admin/workflows/recipes/welcome-nudge", "")
	expect(t, r, 201, "")
	if id, _ := r.json(t)["id"].(string); id != "" {
		expect(t, d.admin.do("DELETE", "/api/admin/workflows/"+id, ""), 204, "")
	}

	// Invalid definitions say what is wrong, per field.
	r = d.admin.do("POST", "/api/admin/workflows", `{"name":"","trigger":{"type":"moon_phase"},"actions":[{"type":"wait"},{"type":"send_welcome_email"}]}`)
	expect(t, r, 422, "validation_failed")
	fields := r.json(t)["fields"].(map[string]any)
	for _, f := range []string{"name", "trigger", "actions.0"} {
		if fields[f] == nil {
			t.Errorf("no error for %s: %s", f, r.Body)
		}
	}
	r = d.admin.do("POST", "/api/admin/workflows", `{"name":"Welcome on signup","trigger":{"type":"contact_created"},"actions":[{"type":"send_welcome_email"}]}`)
	expect(t, r, 422, "validation_failed") // no offer to welcome to

	// The recipe at work: granting the offer sends the welcome email through the workflow.
	expect(t, d.support.do("POST", "/api/admin/contacts", `{"email":"newbie@example.com","name":"New Bie"}`), 201, "")
	c, _ := h.store.ContactByEmail(context.Background(), "newbie@example.com")
	expect(t, d.support.do("POST", "/api/admin/contacts/"+c.ID+"/offers", `{"offer_id":"`+d.offer.ID+`","send_welcome":false}`), 201, "")
	m := h.waitMessages(1)[0]
	if m.To[0] != "newbie@example.com" || !strings.Contains(m.Subject, "Pottery") {
		t.Fatalf("workflow welcome: %v %q", m.To, m.Subject)
	}
	var runs []any
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		r = d.support.do("GET", "/api/admin/workflows/"+recipe["id"].(string)+"/runs", "")
		if runs = r.json(t)["items"].([]any); len(runs) == 1 && runs[0].(map[string]any)["status"] == "waiting" {
			break
		}
	}
	if len(runs) != 1 || runs[0].(map[string]any)["status"] != "waiting" {
		t.Fatalf("runs: %s", r.Body)
	}
	// Each run names its contact and workflow, and says how long its copy of the workflow is.
	run := runs[0].(map[string]any)
	if run["contact_email"] != "newbie@example.com" || run["contact_name"] != "New Bie" || run["workflow_name"] != recipe["name"] || run["total_steps"] != float64(3) {
		t.Fatalf("run names: %v", run)
	}
	if r := d.support.do("GET", "/api/admin/contacts/"+c.ID+"/workflow-runs", ""); len(r.json(t)["items"].([]any)) != 1 {
		t.Fatalf("contact runs: %s", r.Body)
	}

	// Editing does not touch the run in flight (it keeps its copy); disabling stops new runs.
	expect(t, d.admin.do("PATCH", "/api/admin/workflows/"+recipe["id"].(string), `{"enabled":false}`), 200, "")
	list, _ := h.store.ListRuns(context.Background(), store.RunFilter{WorkflowID: recipe["id"].(string), Page: store.Page{Limit: 5}})
	if len(list) != 1 || list[0].WorkflowVersion != 1 {
		t.Fatalf("runs after edit: %+v", list)
	}

	// A test run against one contact, waits skipped; its actions are real, so it is audited
	// and refused on an account of a higher role.
	expect(t, d.admin.do("POST", "/api/admin/workflows/"+recipe["id"].(string)+"/test", `{"contact_id":"`+d.ownerID+`"}`), 403, "forbidden")
	r = d.admin.do("POST", "/api/admin/workflows/"+recipe["id"].(string)+"/test", `{"contact_id":"`+d.member.ID+`"}`)
	expect(t, r, 202, "")
	if got := auditActions(t, h, d.member.ID); len(got) == 0 || got[0] != "workflow.test_run" {
		t.Fatalf("test run audit: %v", got)
	}
	msgs := h.waitMessages(3) // welcome, then the nudge (the member never signed in)
	if msgs[1].To[0] != "mia@example.com" || msgs[2].To[0] != "mia@example.com" {
		t.Fatalf("test run emails: %v %v", msgs[1].To, msgs[2].To)
	}
	expect(t, d.admin.do("DELETE", "/api/admin/workflows/"+recipe["id"].(string), ""), 204, "")
	if got := auditActions(t, h, ""); !strings.Contains(strings.Join(got, ","), "workflow.delete") {
		t.Fatalf("audit: %v", got)
	}
}

// A grant made with "send the welcome email" while the recipe is on: one welcome email, and
// the run says why its own was skipped.
func TestRecipeDoesNotDoubleTheGrantsWelcome(t *testing.T) {
	d := newDesk(t)
	h := d.h
	r := d.admin.do("POST", "/api/admin/workflows/recipes/welcome-nudge", `{"offer_id":"`+d.offer.ID+`"}`)
	expect(t, r, 201, "")
	wf := r.json(t)["id"].(string)
	expect(t, d.support.do("POST", "/api/admin/contacts", `{"email":"double@example.com","name":"Dee Double"}`), 201, "")
	c, _ := h.store.ContactByEmail(context.Background(), "double@example.com")
	expect(t, d.support.do("POST", "/api/admin/contacts/"+c.ID+"/offers", `{"offer_id":"`+d.offer.ID+`","send_welcome":true}`), 201, "")
	var steps string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && !strings.Contains(steps, "sent with the grant"); time.Sleep(50 * time.Millisecond) {
		steps = string(d.support.do("GET", "/api/admin/workflows/"+wf+"/runs", "").Body)
	}
	if !strings.Contains(steps, "the welcome email for this offer was sent with the grant") {
		t.Fatalf("runs: %s", steps)
	}
	var n int // the run now waits three days for its nudge: count what was queued, not what was sent
	if err := h.store.SQLDB().QueryRow(`SELECT count(*) FROM emails WHERE contact_id = $1 AND kind = 'welcome'`, c.ID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("%d welcome emails to the contact, want 1", n)
	}

	// Three days on, the member never signed in: the nudge is sent (the grant's email is old now).
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if runs, _ := h.store.ListRuns(context.Background(), store.RunFilter{WorkflowID: wf, Page: store.Page{Limit: 1}}); len(runs) == 1 && runs[0].Status == "waiting" {
			break
		}
	}
	h.advance(3*24*time.Hour + time.Minute)
	if _, err := h.store.SQLDB().Exec(`UPDATE river_job SET scheduled_at = now() - interval '1 second' WHERE kind = 'workflow_step' AND state = 'scheduled'`); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && n < 2; time.Sleep(50 * time.Millisecond) {
		if err := h.store.SQLDB().QueryRow(`SELECT count(*) FROM emails WHERE contact_id = $1 AND kind = 'welcome'`, c.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
	}
	if n != 2 {
		runs, _ := h.store.ListRuns(context.Background(), store.RunFilter{WorkflowID: wf, Page: store.Page{Limit: 1}})
		t.Fatalf("%d welcome emails after the wait, want 2 (the nudge): %s", n, runs[0].Steps)
	}
}

// An "every grant" workflow exists so that re-granting resends the welcome details: revoke,
// then grant again (without "send the welcome email") within minutes, and the workflow sends a
// second welcome. It skips only for a welcome queued with the very grant it reacts to.
func TestEveryGrantWorkflowWelcomesARegrant(t *testing.T) {
	d := newDesk(t)
	h := d.h
	wf := d.admin.do("POST", "/api/admin/workflows", `{"name":"Welcome every grant","enabled":true,
		"trigger":{"type":"offer_granted","offer_id":"`+d.offer.ID+`","every_grant":true},"actions":[{"type":"send_welcome_email"}]}`)
	expect(t, wf, 201, "")
	expect(t, d.support.do("POST", "/api/admin/contacts", `{"email":"regrant@example.com","name":"Rae Grant"}`), 201, "")
	c, _ := h.store.ContactByEmail(context.Background(), "regrant@example.com")
	welcomes := func(want int) {
		t.Helper()
		var n int
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if err := h.store.SQLDB().QueryRow(`SELECT count(*) FROM emails WHERE contact_id = $1 AND kind = 'welcome'`, c.ID).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n >= want {
				break
			}
		}
		if n != want {
			t.Fatalf("%d welcome emails, want %d", n, want)
		}
	}
	runsDone := func(want int) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			runs, _ := h.store.ListRuns(context.Background(), store.RunFilter{WorkflowID: wf.json(t)["id"].(string), Page: store.Page{Limit: 10}})
			done := 0
			for _, r := range runs {
				if r.Status == "done" {
					done++
				}
			}
			if done == want {
				return
			}
		}
		t.Fatalf("want %d finished runs", want)
	}
	grant := c.ID + "/offers"
	expect(t, d.support.do("POST", "/api/admin/contacts/"+grant, `{"offer_id":"`+d.offer.ID+`","send_welcome":false}`), 201, "")
	runsDone(1)
	welcomes(1) // the workflow's
	h.advance(time.Minute)
	expect(t, d.admin.do("DELETE", "/api/admin/contacts/"+c.ID+"/offers/"+d.offer.ID, ""), 204, "")
	h.advance(time.Minute)
	expect(t, d.support.do("POST", "/api/admin/contacts/"+grant, `{"offer_id":"`+d.offer.ID+`","send_welcome":false}`), 201, "")
	runsDone(2)
	welcomes(2) // the re-grant's, two minutes after the first

	// The same, granted with the welcome ticked: the grant's own welcome, and the run skips.
	h.advance(time.Minute)
	expect(t, d.admin.do("DELETE", "/api/admin/contacts/"+c.ID+"/offers/"+d.offer.ID, ""), 204, "")
	expect(t, d.support.do("POST", "/api/admin/contacts/"+grant, `{"offer_id":"`+d.offer.ID+`","send_welcome":true}`), 201, "")
	runsDone(3)
	welcomes(3)
}
