//go:build faults

package faults

import (
	"fmt"
	"testing"
	"time"
)

// Two instances on one database behave as one: a session made on one works on the other and a
// sign-out on one ends it on both; throttles count across both; a bulk run worked by both
// delivers each email exactly once under one pacing ceiling; a workflow wait scheduled by one
// is run by the other once the first has stopped.
func TestTwoInstancesShareOneDatabase(t *testing.T) {
	c := newCluster(t, 5, 4) // the provider allows 5 requests/s; the instances pace at 4 between them
	a, b := c.start("a"), c.start("b")

	// Sessions.
	owner := newBrowser(t, "198.51.100.1")
	owner.signIn(a, ownerEmail, ownerPassword)
	owner.must(b, 200, "GET", "/api/admin/contacts", "")
	owner.must(b, 204, "POST", "/api/auth/logout", "")
	owner.must(a, 401, "GET", "/api/admin/contacts", "")

	// Throttles: 20 sign-in attempts per minute per IP, wherever they land.
	attacker := newBrowser(t, "198.51.100.66")
	allowed := 0
	for i := range 26 {
		in := []*instance{a, b}[i%2]
		r := attacker.do(in, "POST", "/api/auth/login", fmt.Sprintf(`{"email":"nobody%d@example.com","password":"wrong password here"}`, i))
		if r.status != 429 {
			allowed++
		}
	}
	if allowed != 20 {
		t.Fatalf("%d sign-in attempts let through across both instances, want 20", allowed)
	}

	owner.signIn(a, ownerEmail, ownerPassword)
	// The same bulk run twice: with one instance working, then with both.
	const n = 2000
	single := c.seedMembers(owner, a, "single", n)
	double := c.seedMembers(owner, a, "double", n)
	b.stop(t)
	oneRate := c.bulkRun(owner, a, single, "single", n)
	b = c.start("b2")
	start := time.Now()
	twoRate := c.bulkRun(owner, a, double, "double", n)
	var workers int
	if err := c.db.QueryRow(`SELECT count(DISTINCT attempted_by[array_length(attempted_by, 1)]) FROM river_job
		WHERE kind = 'deliver_email_batch' AND created_at >= $1`, start).Scan(&workers); err != nil {
		t.Fatal(err)
	}
	if workers < 2 {
		t.Fatalf("the second run's batches were sent by %d instance(s), want both", workers)
	}
	if r := c.refusals(); r != 0 {
		t.Fatalf("the provider refused %d requests: the pacing ceiling was not kept across both", r)
	}
	t.Logf("bulk welcome to %d members: one instance %.1f emails/s, two instances %.1f emails/s (ratio %.2f; both are held to %.0f requests/s of 100 emails)",
		n, oneRate, twoRate, twoRate/oneRate, c.rate)

	// A workflow wait scheduled by a, run by b after a stopped.
	wf := owner.must(a, 201, "POST", "/api/admin/workflows", `{"name":"Nudge later","enabled":true,"trigger":{"type":"contact_created"},
		"actions":[{"type":"wait","minutes":60},{"type":"notify_staff","message":"Still here"}]}`).json(t)["id"].(string)
	b.stop(t)
	time.Sleep(1100 * time.Millisecond) // a workflow reacts to what happens after it exists (to the second)
	owner.must(a, 201, "POST", "/api/admin/contacts", `{"email":"later@example.com","name":"Lee Later"}`)
	c.waitRun(wf, "waiting", 20*time.Second)
	b = c.start("b3")
	a.stop(t)
	if _, err := c.db.Exec(`UPDATE river_job SET scheduled_at = now() WHERE kind = 'workflow_step' AND state = 'scheduled'`); err != nil {
		t.Fatal(err)
	}
	c.waitRun(wf, "done", 30*time.Second)
}

// bulkRun resends the offer's welcome email to everyone holding it and returns the delivery
// rate: emails per second from the first to the last arrival at the provider.
func (c *cluster) bulkRun(owner *browser, in *instance, offer, prefix string, n int) float64 {
	c.t.Helper()
	op := owner.must(in, 202, "POST", "/api/admin/bulk", `{"action":"resend_welcome","offer_id":"`+offer+`","filter":{"offer_id":"`+offer+`"},"dry_run":false}`).json(c.t)
	waitBulk(c.t, owner, in, op["id"].(string), 2*time.Minute)
	first, last := c.delivered(prefix, n, 3*time.Minute)
	return float64(n) / last.Sub(first).Seconds()
}

func (c *cluster) waitRun(workflowID, status string, within time.Duration) {
	c.t.Helper()
	var got string
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		_ = c.db.QueryRow(`SELECT status FROM workflow_runs WHERE workflow_id = $1 ORDER BY started_at DESC LIMIT 1`, workflowID).Scan(&got)
		if got == status {
			return
		}
	}
	c.t.Fatalf("workflow run is %q, want %q", got, status)
}
