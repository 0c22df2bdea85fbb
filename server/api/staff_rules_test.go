package api

import (
	"context"
	"strings"
	"testing"
	"time"

	"gatehouse/server/auth"
	"gatehouse/server/store"
)

// Credential and role actions on a staff account need a strictly higher role: support cannot
// copy a link for another support (and act as them), an admin cannot for another admin, an
// owner not for another owner (that is done on the server's command line). Everyday actions
// (offers, communities) need a role at least the target's.
func TestStaffOnStaffNeedsAHigherRole(t *testing.T) {
	h := newHarness(t)
	roles := []string{"support", "admin", "owner"}
	actors := map[string]*client{}
	targets := map[string]store.Contact{}
	for _, r := range roles {
		h.member(r+"1@example.com", staffPassword, r)
		actors[r] = h.signIn(r+"1@example.com", staffPassword)
		targets[r] = h.member(r+"2@example.com", staffPassword, r)
	}
	o := h.offer(owner(h), "Pottery")
	routeFor := map[string]string{ // the least role the route itself lets in
		"reset-link": "support", "access-link": "support", "sign-out": "support", "email": "support",
		"password": "admin", "disable": "admin", "role": "owner", "grant": "support",
	}
	for _, actorRole := range roles {
		for _, targetRole := range roles {
			target := targets[targetRole]
			base := "/api/admin/contacts/" + target.ID
			calls := []struct {
				name, method, path, body string
				everyday                 bool
			}{
				{"reset-link", "POST", base + "/reset-link", `{"send":false}`, false},
				{"access-link", "POST", base + "/access-link", `{}`, false},
				{"sign-out", "POST", base + "/sign-out", ``, false},
				{"email", "PATCH", base, `{"email":"` + targetRole + `2+` + actorRole + `@example.com"}`, false},
				{"password", "POST", base + "/password", `{"generate":true,"temporary":true,"notify":false}`, false},
				{"role", "PATCH", "/api/admin/staff/" + target.ID, `{"role":"` + targetRole + `"}`, false},
				{"grant", "POST", base + "/offers", `{"offer_id":"` + o.ID + `","send_welcome":false}`, true},
				{"disable", "POST", base + "/disable", ``, false},
			}
			for _, c := range calls {
				r := actors[actorRole].do(c.method, c.path, c.body)
				routeOK := auth.RoleAtLeast(actorRole, routeFor[c.name])
				ruleOK := auth.RoleAbove(actorRole, targetRole) || (c.everyday && auth.RoleAtLeast(actorRole, targetRole))
				ok := r.Status < 300
				if ok != (routeOK && ruleOK) {
					t.Errorf("%s on %s: %s → %d %s (want allowed=%v)", actorRole, targetRole, c.name, r.Status, r.Body, routeOK && ruleOK)
				}
				if !ok && r.Status != 403 {
					t.Errorf("%s on %s: %s refused with %d, want 403", actorRole, targetRole, c.name, r.Status)
				}
				if c.name == "grant" && ok { // undo, so the next actor's grant is a grant again
					if err := h.store.RevokeGrant(context.Background(), target.ID, o.ID, time.Now()); err != nil {
						t.Fatal(err)
					}
				}
				if c.name == "disable" && ok {
					if err := h.store.SetDisabled(context.Background(), target.ID, time.Time{}); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
}

// A bulk run acts with its creator's authority: only the creator or a higher role resumes it
// (support resuming an owner's cancelled sign-out was a way to act as the owner), and a run
// whose creator was demoted or disabled stops instead of acting with authority they lost.
func TestBulkResumeAndAStrippedCreator(t *testing.T) {
	d := newDesk(t)
	h := d.h
	ctx := context.Background()
	other := h.member("support3@example.com", staffPassword, "support")
	otherSupport := h.signIn(other.Email, staffPassword)
	for i := range 3 {
		h.member("m"+string(rune('a'+i))+"@example.com", "")
	}
	start := func(c *client) string {
		t.Helper()
		r := c.do("POST", "/api/admin/bulk", `{"action":"grant_offer","offer_id":"`+d.offer.ID+`","filter":{"q":"example.com"},"dry_run":false}`)
		expect(t, r, 202, "")
		id := r.json(t)["id"].(string)
		if err := h.store.SetBulkStatus(ctx, id, "cancelled", time.Now()); err != nil { // as if cancelled before it ran
			t.Fatal(err)
		}
		return id
	}
	id := start(d.owner)
	expect(t, d.support.do("POST", "/api/admin/bulk/"+id+"/resume", ""), 403, "forbidden")
	expect(t, d.admin.do("POST", "/api/admin/bulk/"+id+"/resume", ""), 403, "forbidden")
	expect(t, d.owner.do("POST", "/api/admin/bulk/"+id+"/resume", ""), 200, "")
	waitBulk(t, d.owner, id)

	id = start(d.support)
	expect(t, otherSupport.do("POST", "/api/admin/bulk/"+id+"/resume", ""), 403, "forbidden")
	expect(t, d.admin.do("POST", "/api/admin/bulk/"+id+"/resume", ""), 200, "") // a higher role takes it over
	op, _ := h.store.BulkOperationByID(ctx, id, false)
	if op.CreatedRole != "admin" {
		t.Fatalf("a resumed run runs with the resumer's authority: %+v", op)
	}
	waitBulk(t, d.admin, id)

	// The creator is demoted to member: their cancelled run, resumed by them, stops at once.
	id = start(otherSupport)
	if err := h.store.SetRole(ctx, other.ID, "member"); err != nil {
		t.Fatal(err)
	}
	if err := h.store.SetBulkStatus(ctx, id, "running", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := h.bulk.Run(ctx, id); err != nil {
		t.Fatal(err)
	}
	op, _ = h.store.BulkOperationByID(ctx, id, false)
	if op.Status != "stopped" || !strings.Contains(op.StopReason, "no longer has the role") || op.Done != 0 {
		t.Fatalf("a demoted creator's run: %+v", op)
	}
	// The desk shows the reason with the run.
	r := d.owner.do("GET", "/api/admin/bulk/"+id, "")
	expect(t, r, 200, "")
	if got := r.json(t); got["status"] != "stopped" || !strings.Contains(got["stop_reason"].(string), "no longer has the role") {
		t.Fatalf("stopped run as the desk reads it: %s", r.Body)
	}
}

// Workflows never act on staff: a "password reset requested" workflow that revokes an offer
// must not revoke an owner's when anyone submits forgot-password for the owner's address.
func TestEventWorkflowsSkipStaff(t *testing.T) {
	d := newDesk(t)
	h := d.h
	h.grant(owner(h), d.ownerID, d.offer.ID, false)
	r := d.admin.do("POST", "/api/admin/workflows", `{"name":"Revoke on reset","enabled":true,"trigger":{"type":"reset_requested"},
		"actions":[{"type":"revoke_offer","offer_id":"`+d.offer.ID+`"}]}`)
	expect(t, r, 201, "")
	wf := r.json(t)["id"].(string)
	h.advance(time.Second) // the workflow reacts to what happens after it exists
	expect(t, h.client("198.51.100.7").do("POST", "/api/auth/forgot-password", `{"email":"owner@example.com"}`), 202, "")
	var steps string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if runs, _ := h.store.ListRuns(context.Background(), store.RunFilter{WorkflowID: wf, Page: store.Page{Limit: 1}}); len(runs) == 1 && runs[0].Status == "done" {
			steps = string(runs[0].Steps)
			break
		}
	}
	if !strings.Contains(steps, "workflows never act on staff") {
		t.Fatalf("run on a staff account: %q", steps)
	}
	if _, err := h.store.ActiveGrant(context.Background(), d.ownerID, d.offer.ID); err != nil {
		t.Fatalf("the owner's offer was revoked: %v", err)
	}
}

// A member promoted to staff chose their password under the member rules (12 characters);
// at their next sign-in they must choose one that meets the staff policy before anything else.
func TestPromotedMemberMustChooseAStaffStrengthPassword(t *testing.T) {
	d := newDesk(t)
	h := d.h
	const memberPassword = "Qz7!vRt2#kLm" // 12 characters: enough for a member, not for staff
	h.member("promoted@example.com", memberPassword)
	expect(t, d.owner.do("POST", "/api/admin/staff", `{"email":"promoted@example.com","name":"Pro Moted","role":"support"}`), 201, "")
	c := h.signIn("promoted@example.com", memberPassword)
	expect(t, c.do("GET", "/api/admin/contacts", ""), 403, CodePasswordChange)
	r := c.do("POST", "/api/portal/password", `{"current_password":"","new_password":"Qz7!vRt2#kLm-x"}`)
	expect(t, r, 422, "weak_password") // 14 characters: still short of the staff policy
	expect(t, c.do("POST", "/api/portal/password", `{"current_password":"","new_password":"a much longer staff passphrase"}`), 204, "")
	c = h.signIn("promoted@example.com", "a much longer staff passphrase")
	expect(t, c.do("GET", "/api/admin/contacts", ""), 200, "")
}
