//go:build faults

package faults

import (
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// kill -9 of the instance working a bulk run, in the middle of it: the other instance finishes
// it (after GATEHOUSE_JOB_RESCUE_AFTER, 10 s here); no member gets the email twice, none is
// missed, and the report has one row per member.
func TestKillNineInTheMiddleOfABulkRun(t *testing.T) {
	c := newCluster(t, 5, 4)
	a, b := c.start("a"), c.start("b")
	owner := newBrowser(t, "198.51.100.2")
	owner.signIn(a, ownerEmail, ownerPassword)
	const n = 2000
	offer := c.seedMembers(owner, a, "kill", n)
	// The survivor serves the owner from here on: the other one may be the one killed.
	op := owner.must(a, 202, "POST", "/api/admin/bulk", `{"action":"resend_welcome","offer_id":"`+offer+`","filter":{"offer_id":"`+offer+`"},"dry_run":false}`).json(t)
	id := op["id"].(string)

	// Find the instance running the operation (River names the process in attempted_by) and
	// kill it once some, not all, of the run has committed.
	var victim, survivor *instance
	var done int
	for deadline := time.Now().Add(60 * time.Second); victim == nil && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		var by string
		err := c.db.QueryRow(`SELECT coalesce(j.attempted_by[array_length(j.attempted_by, 1)], ''), b.done FROM river_job j, bulk_operations b
			WHERE j.kind = 'bulk_operation' AND j.state = 'running' AND b.id::text = $1 AND j.args->>'operation_id' = $1`, id).Scan(&by, &done)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			t.Fatal(err)
		}
		if err != nil || done == 0 {
			continue
		}
		if done >= n {
			t.Fatal("the run finished before it could be killed")
		}
		for _, in := range []*instance{a, b} {
			if strings.Contains(by, fmt.Sprintf("_pid%d_", in.pid())) {
				victim = in
			}
		}
	}
	if victim == nil {
		t.Fatal("never saw the bulk operation running")
	}
	victim.kill()
	survivor = a
	if victim == a {
		survivor = b
	}
	killedAt := time.Now()
	t.Logf("killed instance %s with %d of %d contacts done", victim.name, done, n)
	if victim == a {
		owner.signIn(survivor, ownerEmail, ownerPassword) // same session works too; signing in again keeps the test simple
	}

	final := waitBulk(t, owner, survivor, id, 3*time.Minute)
	if final["done"] != float64(n) {
		t.Fatalf("bulk operation: %v", final)
	}
	c.delivered("kill", n, 3*time.Minute)
	t.Logf("the survivor finished the run %s after the kill", time.Since(killedAt).Round(time.Second))

	r := owner.must(survivor, 200, "GET", "/api/admin/bulk/"+id+"/report", "")
	rows, err := csv.NewReader(strings.NewReader(string(r.body))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	members := map[string]bool{}
	for _, row := range rows[1:] { // row, email, name, outcome, detail, time
		if row[3] != "done" || members[row[1]] {
			t.Fatalf("report row %v (each member once, acted on)", row)
		}
		members[row[1]] = true
	}
	if len(members) != n {
		t.Fatalf("the report has %d members, want %d", len(members), n)
	}
	if c.refusals() != 0 {
		t.Fatalf("the provider refused %d requests", c.refusals())
	}
}
