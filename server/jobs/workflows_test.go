package jobs

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"gatehouse/server/auth"
	"gatehouse/server/events"
	"gatehouse/server/resendfake"
	"gatehouse/server/store"
	"gatehouse/server/testdb"
	"gatehouse/server/workflows"
)

type wfEnv struct {
	t       *testing.T
	st      *store.Store
	fake    *resendfake.Server
	in      *instance
	contact store.Contact
	offer   store.Offer
}

func newWorkflowEnv(t *testing.T) *wfEnv {
	st := testdb.New(t)
	fake := newFake(t, resendfake.Options{})
	in := startInstance(t, st, fake.URL(), instanceOptions{})
	ctx := context.Background()
	e := &wfEnv{t: t, st: st, fake: fake, in: in, contact: store.Contact{Email: "wf@example.com", Role: auth.RoleMember}, offer: store.Offer{Name: "Course"}}
	if err := st.CreateContact(ctx, &e.contact); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateOffer(ctx, &e.offer); err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *wfEnv) workflow(def workflows.Definition) store.Workflow {
	e.t.Helper()
	trigger, _ := json.Marshal(def.Trigger)
	actions, _ := json.Marshal(def.Actions)
	w := store.Workflow{Name: def.Name, Enabled: def.Enabled, Trigger: trigger, Actions: actions, Version: 1}
	if err := e.st.CreateWorkflow(context.Background(), &w); err != nil {
		e.t.Fatal(err)
	}
	return w
}

// grant gives the contact the offer and emits offer_granted, as the desk does.
func (e *wfEnv) grant() {
	e.t.Helper()
	ctx := context.Background()
	err := e.st.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		first, err := tx.FirstGrant(ctx, e.contact.ID, e.offer.ID)
		if err != nil {
			return err
		}
		if err := tx.CreateGrant(ctx, &store.Grant{ContactID: e.contact.ID, OfferID: e.offer.ID}); err != nil {
			return err
		}
		_, err = e.in.events.Emit(ctx, tx, events.Event{Type: events.OfferGranted, ContactID: e.contact.ID, OfferID: e.offer.ID, FirstGrant: first})
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

func (e *wfEnv) emit(ev events.Event) {
	e.t.Helper()
	err := e.st.InTx(context.Background(), func(ctx context.Context, tx *store.Store) error {
		_, err := e.in.events.Emit(ctx, tx, ev)
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

// runs waits until the workflow has n runs, all in a settled state, and returns them.
func (e *wfEnv) runs(w store.Workflow, n int, settled ...string) []store.RunListing {
	e.t.Helper()
	if len(settled) == 0 {
		settled = []string{workflows.StatusDone}
	}
	deadline := time.Now().Add(20 * time.Second)
	var list []store.RunListing
	for time.Now().Before(deadline) {
		var err error
		if list, err = e.st.ListRuns(context.Background(), store.RunFilter{WorkflowID: w.ID, Page: store.Page{Limit: 50}}); err != nil {
			e.t.Fatal(err)
		}
		ok := len(list) == n
		for _, r := range list {
			ok = ok && contains(settled, r.Status)
		}
		if ok {
			return list
		}
		time.Sleep(50 * time.Millisecond)
	}
	e.t.Fatalf("want %d runs in %v, have %+v", n, settled, list)
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestOfferGrantedFiresOncePerEvent(t *testing.T) {
	e := newWorkflowEnv(t)
	first := e.workflow(workflows.Definition{Name: "first only", Enabled: true, Trigger: workflows.Trigger{Type: events.OfferGranted},
		Actions: []workflows.Action{{Type: workflows.SendWelcome}}})
	every := e.workflow(workflows.Definition{Name: "every grant", Enabled: true, Trigger: workflows.Trigger{Type: events.OfferGranted, OfferID: e.offer.ID, EveryGrant: true},
		Actions: []workflows.Action{{Type: workflows.AddToCommunity, CommunityID: community(t, e.st)}}})
	e.grant()
	runs := e.runs(first, 1)
	e.runs(every, 1)
	// Dispatching the same event again (a retried job) starts nothing more.
	if err := e.in.engine.Dispatch(context.Background(), runs[0].EventID); err != nil {
		t.Fatal(err)
	}
	// A re-grant fires the "every grant" workflow only.
	if err := e.st.RevokeGrant(context.Background(), e.contact.ID, e.offer.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	e.grant()
	e.runs(every, 2)
	e.runs(first, 1)
	if err := e.fake.WaitForMessages(context.Background(), 1); err != nil || len(e.fake.Messages()) != 1 {
		t.Fatalf("%d welcome emails, want 1", len(e.fake.Messages()))
	}
}

// A wait is a scheduled job in the database: it outlives the process that started it.
func TestWaitSurvivesRestart(t *testing.T) {
	e := newWorkflowEnv(t)
	w := e.workflow(workflows.Definition{Name: "welcome then nudge", Enabled: true, Trigger: workflows.Trigger{Type: events.OfferGranted},
		Actions: []workflows.Action{{Type: workflows.SendWelcome}, {Type: workflows.Wait, Minutes: 60}, {Type: workflows.SendWelcome, UnlessLoggedIn: true}}})
	e.grant()
	run := e.runs(w, 1, workflows.StatusWaiting)[0]
	if time.Until(run.WaitUntil) < 59*time.Minute {
		t.Fatalf("waits until %s", run.WaitUntil)
	}
	e.in.stop() // the process goes away
	// An hour passes.
	if _, err := e.st.SQLDB().Exec(`UPDATE river_job SET scheduled_at = now() - interval '1 second' WHERE kind = 'workflow_step' AND state = 'scheduled'`); err != nil {
		t.Fatal(err)
	}
	startInstance(t, e.st, e.fake.URL(), instanceOptions{}) // a new process
	done := e.runs(w, 1)[0]
	var steps []map[string]any
	_ = json.Unmarshal(done.Steps, &steps)
	if len(steps) != 3 || steps[2]["outcome"] != "done" {
		t.Fatalf("steps: %s", done.Steps)
	}
	if err := e.fake.WaitForMessages(context.Background(), 2); err != nil {
		t.Fatal(err)
	}
}

// A step runs once however many times its job runs (a retry after a crash, a duplicate).
func TestStepRunsExactlyOnce(t *testing.T) {
	e := newWorkflowEnv(t)
	w := e.workflow(workflows.Definition{Name: "once", Enabled: true, Trigger: workflows.Trigger{Type: events.ContactCreated},
		Actions: []workflows.Action{{Type: workflows.SendResetLink}, {Type: workflows.Wait, Minutes: 600}, {Type: workflows.SendResetLink}}})
	e.emit(events.Event{Type: events.ContactCreated, ContactID: e.contact.ID})
	run := e.runs(w, 1, workflows.StatusWaiting)[0]
	for range 3 {
		if err := e.in.engine.Step(context.Background(), run.ID, 0); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(300 * time.Millisecond)
	if n := countEmails(t, e.st); n != 1 {
		t.Fatalf("%d emails queued, want 1", n)
	}
}

// A workflow whose own action fires its trigger is stopped and flagged, not looped.
func TestLoopIsStoppedAndFlagged(t *testing.T) {
	e := newWorkflowEnv(t)
	w := e.workflow(workflows.Definition{Name: "loop", Enabled: true, Trigger: workflows.Trigger{Type: events.OfferGranted, EveryGrant: true},
		Actions: []workflows.Action{{Type: workflows.RevokeOffer}, {Type: workflows.GrantOffer, OfferID: e.offer.ID}}})
	e.grant()
	runs := e.runs(w, 2, workflows.StatusDone, workflows.StatusLoop)
	if runs[0].Status != workflows.StatusLoop {
		t.Fatalf("newest run %s, want %s", runs[0].Status, workflows.StatusLoop)
	}
	got, _ := e.st.WorkflowByID(context.Background(), w.ID)
	if got.Enabled || got.Flagged == "" {
		t.Fatalf("workflow after the loop: enabled=%v flagged=%q", got.Enabled, got.Flagged)
	}
}

func TestDisabledWorkflowDoesNothing(t *testing.T) {
	e := newWorkflowEnv(t)
	w := e.workflow(workflows.Definition{Name: "off", Enabled: false, Trigger: workflows.Trigger{Type: events.OfferGranted},
		Actions: []workflows.Action{{Type: workflows.SendWelcome}}})
	e.grant()
	time.Sleep(500 * time.Millisecond)
	if runs, _ := e.st.ListRuns(context.Background(), store.RunFilter{WorkflowID: w.ID, Page: store.Page{Limit: 5}}); len(runs) != 0 {
		t.Fatalf("%d runs of a disabled workflow", len(runs))
	}
}

// Every trigger type fires once per event; "not logged in" once per contact, however often
// the scan runs.
func TestEachTriggerFiresOnce(t *testing.T) {
	e := newWorkflowEnv(t)
	cid := community(t, e.st)
	act := []workflows.Action{{Type: workflows.AddToCommunity, CommunityID: cid}}
	for _, tc := range []struct {
		trigger workflows.Trigger
		ev      events.Event
	}{
		{workflows.Trigger{Type: events.OfferRevoked}, events.Event{Type: events.OfferRevoked, ContactID: e.contact.ID, OfferID: e.offer.ID}},
		{workflows.Trigger{Type: events.ContactCreated}, events.Event{Type: events.ContactCreated, ContactID: e.contact.ID}},
		{workflows.Trigger{Type: events.EmailBounced}, events.Event{Type: events.EmailBounced, ContactID: e.contact.ID}},
		{workflows.Trigger{Type: events.ResetRequested}, events.Event{Type: events.ResetRequested, ContactID: e.contact.ID}},
	} {
		w := e.workflow(workflows.Definition{Name: tc.trigger.Type, Enabled: true, Trigger: tc.trigger, Actions: act})
		e.emit(tc.ev)
		e.runs(w, 1)
	}
	inactive := e.workflow(workflows.Definition{Name: "inactive", Enabled: true, Trigger: workflows.Trigger{Type: events.NotLoggedIn, Days: 3}, Actions: act})
	n, err := e.in.engine.ScanInactive(context.Background())
	if err != nil || n != 0 {
		t.Fatalf("a new contact counted as inactive: %d %v", n, err)
	}
	if _, err := e.st.SQLDB().Exec(`UPDATE contacts SET created_at = now() - interval '4 days'`); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := e.in.engine.ScanInactive(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	e.runs(inactive, 1)
}

func community(t *testing.T, st *store.Store) string {
	c := store.Community{Name: "Club"}
	if err := st.CreateCommunity(context.Background(), &c); err != nil {
		t.Fatal(err)
	}
	return c.ID
}

func countEmails(t *testing.T, st *store.Store) int {
	var n int
	if err := st.SQLDB().QueryRow(`SELECT count(*) FROM emails`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
