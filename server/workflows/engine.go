package workflows

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/riverqueue/river"

	"gatehouse/server/access"
	"gatehouse/server/auth"
	"gatehouse/server/events"
	"gatehouse/server/store"
)

// Run statuses.
const (
	StatusRunning   = "running"
	StatusWaiting   = "waiting"
	StatusDone      = "done"
	StatusFailed    = "failed"
	StatusStopped   = "stopped"      // the workflow was disabled or deleted meanwhile
	StatusLoop      = "stopped_loop" // its own actions fired its trigger
	loopExplanation = "Stopped: an action of this workflow fired its own trigger (a loop). Change the trigger or the actions, then enable it again."
)

// StepArgs is the job that runs step Step of a run. Naming the step makes a retried or
// duplicated job harmless: it runs only if the run is still at that step.
type StepArgs struct {
	RunID string `json:"run_id"`
	Step  int    `json:"step"`
}

// Kind is River's name for the job.
func (StepArgs) Kind() string { return "workflow_step" }

// Engine starts and advances runs.
type Engine struct {
	store  *store.Store
	access *access.Service
	auth   *auth.Service
	events *events.Emitter
	river  *river.Client[*sql.Tx]
	now    func() time.Time
	log    *slog.Logger
}

// New returns the engine.
func New(st *store.Store, ac *access.Service, a *auth.Service, em *events.Emitter, rc *river.Client[*sql.Tx], now func() time.Time, log *slog.Logger) *Engine {
	return &Engine{store: st, access: ac, auth: a, events: em, river: rc, now: now, log: log}
}

// Dispatch starts a run of every enabled workflow the event triggers, at most one per
// workflow and event (a unique index), so running it again starts nothing more.
func (e *Engine) Dispatch(ctx context.Context, eventID string) error {
	return e.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		ev, err := tx.WorkflowEventByID(ctx, eventID)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		ws, err := tx.EnabledWorkflows(ctx, ev.Type)
		if err != nil {
			return err
		}
		for _, w := range ws {
			var t Trigger
			if err := json.Unmarshal(w.Trigger, &t); err != nil || !t.matches(ev) {
				continue
			}
			if w.CreatedAt.After(ev.CreatedAt) {
				continue // a workflow reacts to what happens after it exists, not before
			}
			if ev.Type == events.NotLoggedIn && ev.DedupeKey != scanKey(w.ID)+ev.ContactID {
				continue // an inactivity event belongs to the workflow that scanned for it
			}
			if err := e.start(ctx, tx, w, ev); err != nil {
				return err
			}
		}
		return nil
	})
}

func (e *Engine) start(ctx context.Context, tx *store.Store, w store.Workflow, ev store.WorkflowEvent) error {
	run := &store.WorkflowRun{WorkflowID: w.ID, WorkflowVersion: w.Version, EventID: ev.ID, ContactID: ev.ContactID,
		Actions: w.Actions, Status: StatusRunning, StartedAt: e.now()}
	if slices.Contains(ev.Chain, w.ID) {
		// This workflow's own action caused the event: running again would loop forever.
		run.Status, run.FinishedAt = StatusLoop, e.now()
		run.Steps, _ = json.Marshal([]stepRecord{{Type: "loop", Outcome: "stopped", Detail: loopExplanation, At: e.now()}})
		e.log.Warn("workflow loop stopped", "workflow_id", w.ID)
		if err := tx.FlagWorkflow(ctx, w.ID, loopExplanation); err != nil {
			return err
		}
		return ignoreConflict(tx.CreateRun(ctx, run))
	}
	if err := tx.CreateRun(ctx, run); err != nil {
		return ignoreConflict(err)
	}
	return e.schedule(ctx, tx, run.ID, 0, time.Time{})
}

// TestRun starts a workflow for one contact now, whether it is enabled or not; waits are
// skipped and recorded as such. It runs in tx, whose caller has checked who may act on the
// contact and records that it did.
func (e *Engine) TestRun(ctx context.Context, tx *store.Store, workflowID, contactID string) (store.WorkflowRun, store.Workflow, error) {
	w, err := tx.WorkflowByID(ctx, workflowID)
	if err != nil {
		return store.WorkflowRun{}, w, err
	}
	run := store.WorkflowRun{WorkflowID: w.ID, WorkflowVersion: w.Version, ContactID: contactID, Actions: w.Actions,
		Status: StatusRunning, Test: true, StartedAt: e.now()}
	if err := tx.CreateRun(ctx, &run); err != nil {
		return run, w, err
	}
	return run, w, e.schedule(ctx, tx, run.ID, 0, time.Time{})
}

// schedule queues the job for a run's step, at a time for a wait.
func (e *Engine) schedule(ctx context.Context, tx *store.Store, runID string, step int, at time.Time) error {
	opts := &river.InsertOpts{Queue: river.QueueDefault}
	if !at.IsZero() {
		opts.ScheduledAt = at
	}
	_, err := e.river.InsertTx(ctx, tx.SQLTx(), StepArgs{RunID: runID, Step: step}, opts)
	if err != nil {
		return fmt.Errorf("workflows: schedule step: %w", err)
	}
	return nil
}

func ignoreConflict(err error) error {
	if errors.Is(err, store.ErrConflict) {
		return nil
	}
	return err
}
