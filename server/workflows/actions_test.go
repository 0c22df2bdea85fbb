package workflows

import (
	"encoding/json"
	"testing"
	"time"

	"gatehouse/server/store"
)

// A welcome step skips for the grant's own welcome email only when it reacts to the grant at
// once: not in a test run, not without an event, not after a wait (the nudge), and the window
// starts at the event, not at the run (a run that started late still sees the grant's email).
func TestReactingAtOnce(t *testing.T) {
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
		from, ok := reactingAtOnce(c.run, c.ev)
		if ok != c.want {
			t.Errorf("%s: reacting at once = %v, want %v", c.name, ok, c.want)
		}
		if ok && !from.Equal(at.Add(-justSent)) {
			t.Errorf("%s: counts emails from %v, want %v", c.name, from, at.Add(-justSent))
		}
	}
}
