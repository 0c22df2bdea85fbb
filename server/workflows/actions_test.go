package workflows

import (
	"encoding/json"
	"testing"
	"time"

	"gatehouse/server/store"
)

// A welcome step may skip for the grant's own welcome email only when it reacts to the grant at
// once: not in a test run, not without an event, not after a wait (the nudge).
func TestReactsAtOnce(t *testing.T) {
	actions, _ := json.Marshal([]Action{{Type: SendWelcome}, {Type: NotifyStaff}, {Type: Wait, Minutes: 60}, {Type: SendWelcome}})
	at := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	ev := store.WorkflowEvent{ID: "e", CreatedAt: at}
	run := func(step int, test bool) store.WorkflowRun {
		return store.WorkflowRun{Actions: actions, Step: step, Test: test, StartedAt: at.Add(time.Hour)}
	}
	for _, c := range []struct {
		name string
		run  store.WorkflowRun
		ev   store.WorkflowEvent
		want bool
	}{
		{"first step", run(0, false), ev, true},
		{"after a step that does not wait", run(1, false), ev, true},
		{"after a wait", run(3, false), ev, false},
		{"test run", run(0, true), ev, false},
		{"no event", run(0, false), store.WorkflowEvent{}, false},
	} {
		if got := reactsAtOnce(c.run, c.ev); got != c.want {
			t.Errorf("%s: reacts at once = %v, want %v", c.name, got, c.want)
		}
	}
}
