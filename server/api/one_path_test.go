package api

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"gatehouse/server/store"
)

// onePath is a desk with a second offer (Weaving) that gets archived, and a disabled member.
type onePath struct {
	deskSetup
	archived store.Offer
	open     store.Offer
	off      store.Contact // disabled
}

func newOnePath(t *testing.T) onePath {
	d := newDesk(t)
	a := owner(d.h)
	p := onePath{deskSetup: d, archived: d.h.offer(a, "Weaving"), open: d.h.offer(a, "Glazing")}
	p.off = d.h.member("off@example.com", goodPassword)
	// A workflow naming the soon-archived offer must exist before it is archived.
	r := d.admin.do("POST", "/api/admin/workflows", `{"name":"Grant weaving","enabled":false,"trigger":{"type":"contact_created"},
		"actions":[{"type":"grant_offer","offer_id":"`+p.archived.ID+`"}]}`)
	expect(t, r, 201, "")
	expect(t, d.admin.do("DELETE", "/api/admin/offers/"+p.archived.ID, ""), 204, "")
	expect(t, d.admin.do("POST", "/api/admin/contacts/"+p.off.ID+"/disable", ""), 204, "")
	return p
}

func (p onePath) holds(contactID, offerID string) bool {
	_, err := p.h.store.ActiveGrant(context.Background(), contactID, offerID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		p.h.t.Fatal(err)
	}
	return err == nil
}

func (p onePath) emailsTo(contactID string) int {
	var n int
	if err := p.h.store.SQLDB().QueryRow(`SELECT count(*) FROM emails WHERE contact_id = $1`, contactID).Scan(&n); err != nil {
		p.h.t.Fatal(err)
	}
	return n
}

// testRun runs a new workflow with these actions for one contact and returns its steps.
func (p onePath) testRun(contactID, actions string) string {
	t := p.h.t
	t.Helper()
	r := p.admin.do("POST", "/api/admin/workflows", `{"name":"Check `+time.Now().Format(time.RFC3339Nano)+`","enabled":true,"trigger":{"type":"contact_created"},"actions":`+actions+`}`)
	expect(t, r, 201, "")
	return p.runSteps(r.json(t)["id"].(string), contactID)
}

func (p onePath) runSteps(workflowID, contactID string) string {
	t := p.h.t
	t.Helper()
	expect(t, p.admin.do("POST", "/api/admin/workflows/"+workflowID+"/test", `{"contact_id":"`+contactID+`"}`), 202, "")
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		runs, _ := p.h.store.ListRuns(context.Background(), store.RunFilter{WorkflowID: workflowID, Page: store.Page{Limit: 1}})
		if len(runs) == 1 && runs[0].Status == "done" {
			return string(runs[0].Steps)
		}
	}
	t.Fatal("the test run did not finish")
	return ""
}

// An archived offer is granted by no path: the desk refuses it, a bulk grant is refused before
// it starts, a workflow step skips it, an import refuses the file.
func TestEveryPathRefusesToGrantAnArchivedOffer(t *testing.T) {
	p := newOnePath(t)
	h := p.h
	fresh := h.member("fresh@example.com", "")

	expect(t, p.support.do("POST", "/api/admin/contacts/"+fresh.ID+"/offers", `{"offer_id":"`+p.archived.ID+`","send_welcome":true}`), 409, "archived")
	expect(t, p.support.do("POST", "/api/admin/bulk", `{"action":"grant_offer","offer_id":"`+p.archived.ID+`","contact_ids":["`+fresh.ID+`"],"dry_run":false}`), 409, "archived")
	list, _ := h.store.ListWorkflows(context.Background())
	var grantWeaving string
	for _, w := range list {
		if w.Name == "Grant weaving" {
			grantWeaving = w.ID
		}
	}
	if steps := p.runSteps(grantWeaving, fresh.ID); !strings.Contains(steps, "skipped") || !strings.Contains(steps, "is archived") {
		t.Fatalf("workflow step on an archived offer: %s", steps)
	}
	r := p.admin.upload("email\nfresh@example.com\n", map[string]string{"options": `{"offer_ids":["` + p.archived.ID + `"]}`, "dry_run": "false"})
	expect(t, r, 422, "import_invalid")

	if p.holds(fresh.ID, p.archived.ID) || p.emailsTo(fresh.ID) != 0 {
		t.Fatal("an archived offer was granted, or an email sent")
	}
}

// A disabled contact can be granted (and revoked) an offer by every path, and is sent nothing;
// resending a welcome to them is refused by every path.
func TestEveryPathGrantsADisabledContactButSendsNothing(t *testing.T) {
	p := newOnePath(t)
	h := p.h
	off := p.off.ID
	ops := func(body string) map[string]any {
		t.Helper()
		r := p.admin.do("POST", "/api/admin/bulk", body)
		expect(t, r, 202, "")
		return waitBulk(t, p.admin, r.json(t)["id"].(string))
	}

	// Desk: granted with "send the welcome email" ticked, nothing sent; a resend is refused.
	expect(t, p.support.do("POST", "/api/admin/contacts/"+off+"/offers", `{"offer_id":"`+p.offer.ID+`","send_welcome":true}`), 201, "")
	expect(t, p.support.do("POST", "/api/admin/contacts/"+off+"/offers/"+p.offer.ID+"/resend", "{}"), 409, "contact_disabled")
	expect(t, p.admin.do("DELETE", "/api/admin/contacts/"+off+"/offers/"+p.offer.ID, ""), 204, "")

	// Bulk: a grant acts; a resend classes them disabled.
	op := ops(`{"action":"grant_offer","offer_id":"` + p.offer.ID + `","contact_ids":["` + off + `"],"dry_run":false}`)
	if op["counts"].(map[string]any)["done"] != float64(1) || !p.holds(off, p.offer.ID) {
		t.Fatalf("bulk grant to a disabled contact: %v", op)
	}
	op = ops(`{"action":"resend_welcome","offer_id":"` + p.offer.ID + `","contact_ids":["` + off + `"],"dry_run":false}`)
	if op["counts"].(map[string]any)["disabled"] != float64(1) {
		t.Fatalf("bulk resend to a disabled contact: %v", op)
	}

	// Workflow: the grant is done, the welcome step skipped.
	steps := p.testRun(off, `[{"type":"grant_offer","offer_id":"`+p.open.ID+`"},{"type":"send_welcome_email","offer_id":"`+p.open.ID+`"}]`)
	if !p.holds(off, p.open.ID) || !strings.Contains(steps, "the contact is disabled") {
		t.Fatalf("workflow welcome to a disabled contact: %s", steps)
	}

	// Import: the existing disabled contact is granted the offer, with no welcome email.
	third := h.offer(owner(h), "Firing")
	r := p.admin.upload("email\noff@example.com\n", map[string]string{"options": `{"offer_ids":["` + third.ID + `"],"send_welcome":true}`, "dry_run": "false"})
	expect(t, r, 202, "")
	waitImport(t, p.admin, r.json(t)["id"].(string), "done")

	if !p.holds(off, p.open.ID) || !p.holds(off, third.ID) {
		t.Fatal("a path refused to grant a disabled contact")
	}
	h.settle()
	if n := p.emailsTo(off); n != 0 {
		t.Fatalf("%d emails queued for a disabled contact", n)
	}
	// Every path left its mark in the contact's history, naming who acted.
	kinds := map[string]bool{}
	list, _ := h.store.ListAudit(context.Background(), store.AuditFilter{ContactID: off, Limit: 50})
	for _, e := range list {
		kinds[e.ActorKind] = true
	}
	for _, k := range []string{"staff", "bulk", "workflow", "import"} {
		if !kinds[k] {
			t.Errorf("no %s entry in the disabled contact's history: %v", k, kinds)
		}
	}
}

// Two staff editing different fields of one contact at once both keep their change: the patch
// is merged into the row inside the locked transaction, not read before it.
func TestConcurrentPatchesOfDifferentFieldsBothStick(t *testing.T) {
	d := newDesk(t)
	for i := range 10 {
		name, email := fmt.Sprintf("Mia %d", i), fmt.Sprintf("mia%d@example.com", i)
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done(); expect(t, d.support.do("PATCH", d.path(""), `{"name":"`+name+`"}`), 200, "") }()
		go func() { defer wg.Done(); expect(t, d.admin.do("PATCH", d.path(""), `{"email":"`+email+`"}`), 200, "") }()
		wg.Wait()
		c, err := d.h.store.ContactByID(context.Background(), d.member.ID)
		if err != nil || c.Name != name || c.Email != email {
			t.Fatalf("round %d: %q %q, want %q %q", i, c.Name, c.Email, name, email)
		}
	}
}

// An import's upload, run and cancel are audited in their own transactions, under the staff
// member who did them.
func TestImportStepsAreAudited(t *testing.T) {
	d := newDesk(t)
	r := d.admin.upload("email\nnew@example.com\n", nil)
	expect(t, r, 202, "")
	id := r.json(t)["id"].(string)
	waitImport(t, d.admin, id, "dry_run_done")
	expect(t, d.admin.do("POST", "/api/admin/imports/"+id+"/run", ""), 200, "")
	waitImport(t, d.admin, id, "done")
	list, err := d.h.store.ListAudit(context.Background(), store.AuditFilter{TargetID: id, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range list {
		if e.ActorEmail != "admin@example.com" || e.TargetLabel != "contacts.csv" {
			t.Errorf("entry %s: actor %q, target %q", e.Action, e.ActorEmail, e.TargetLabel)
		}
		got = append(got, e.Action)
	}
	if strings.Join(got, ",") != "import.run,import.upload" {
		t.Fatalf("import audit: %v", got)
	}
}

// The audit log names its targets as they were at the time and finds them by name or address;
// an imported contact's history shows what the import did, like desk actions.
func TestAuditNamesAndHistoryOfImports(t *testing.T) {
	d := newDesk(t)
	r := d.admin.upload("email,first name,last name,offers\nivy@example.com,Ivy,Import,Pottery\n", map[string]string{"options": `{"send_welcome":true}`, "dry_run": "false"})
	expect(t, r, 202, "")
	waitImport(t, d.admin, r.json(t)["id"].(string), "done")
	ivy, err := d.h.store.ContactByEmail(context.Background(), "ivy@example.com")
	if err != nil {
		t.Fatal(err)
	}
	hist := d.support.do("GET", "/api/admin/contacts/"+ivy.ID+"/events", "")
	expect(t, hist, 200, "")
	var actions []string
	for _, it := range hist.json(t)["items"].([]any) {
		ev := it.(map[string]any)
		if ev["actor_kind"] != "import" || ev["actor_label"] != "contacts.csv" {
			t.Errorf("history entry %v", ev)
		}
		actions = append(actions, ev["action"].(string))
	}
	if strings.Join(actions, ",") != "offer.grant,contact.create" {
		t.Fatalf("an imported contact's history: %v", actions)
	}
	// Renamed since: the log still reads as it was, and finds her by the old name.
	expect(t, d.admin.do("PATCH", "/api/admin/contacts/"+ivy.ID, `{"name":"Ivy Renamed"}`), 200, "")
	r = d.admin.do("GET", "/api/admin/audit?q=IVY+IMPORT", "")
	expect(t, r, 200, "")
	items := r.json(t)["items"].([]any)
	if len(items) != 2 || items[0].(map[string]any)["target_label"] != "Ivy Import (ivy@example.com)" {
		t.Fatalf("audit search by the name at the time: %s", r.Body)
	}
}
