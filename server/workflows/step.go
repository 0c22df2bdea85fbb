package workflows

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"gatehouse/server/store"
)

// stepRecord is one step's outcome in a run's history.
type stepRecord struct {
	Step    int       `json:"step"`
	Type    string    `json:"type"`
	Outcome string    `json:"outcome"` // done, skipped, waiting, failed, stopped
	Detail  string    `json:"detail,omitempty"`
	At      time.Time `json:"at"`
}

// Step runs step n of a run, in one transaction with everything the action writes (emails
// queued, grants, events), then schedules the next step. A step that was already run (a
// retried job) does nothing.
func (e *Engine) Step(ctx context.Context, runID string, n int) error {
	return e.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		run, err := tx.RunForUpdate(ctx, runID)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if run.Step != n || (run.Status != StatusRunning && run.Status != StatusWaiting) {
			return nil
		}
		var actions []Action
		if err := json.Unmarshal(run.Actions, &actions); err != nil {
			return err
		}
		if n >= len(actions) {
			return e.finish(ctx, tx, &run, StatusDone, nil)
		}
		w, err := tx.WorkflowByID(ctx, run.WorkflowID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && !w.Enabled && !run.Test) {
			return e.finish(ctx, tx, &run, StatusStopped, &stepRecord{Step: n, Type: actions[n].Type, Outcome: "stopped", Detail: "the workflow was disabled or deleted", At: e.now()})
		}
		if err != nil {
			return err
		}
		var t Trigger
		_ = json.Unmarshal(w.Trigger, &t)
		rec, wait, err := e.act(ctx, tx, run, w, actions[n], t.OfferID)
		if err != nil {
			return err
		}
		rec.Step, rec.At = n, e.now()
		if err := appendStep(&run, rec); err != nil {
			return err
		}
		run.Step = n + 1
		if rec.Outcome == "failed" {
			return e.finish(ctx, tx, &run, StatusFailed, nil)
		}
		if run.Step >= len(actions) {
			return e.finish(ctx, tx, &run, StatusDone, nil)
		}
		run.Status, run.WaitUntil = StatusRunning, time.Time{}
		at := time.Time{}
		if wait > 0 {
			run.Status, run.WaitUntil, at = StatusWaiting, e.now().Add(wait), e.now().Add(wait)
		}
		if err := tx.SaveRun(ctx, &run); err != nil {
			return err
		}
		return e.schedule(ctx, tx, run.ID, run.Step, at)
	})
}

func (e *Engine) finish(ctx context.Context, tx *store.Store, run *store.WorkflowRun, status string, rec *stepRecord) error {
	if rec != nil {
		if err := appendStep(run, *rec); err != nil {
			return err
		}
	}
	run.Status, run.FinishedAt, run.WaitUntil = status, e.now(), time.Time{}
	return tx.SaveRun(ctx, run)
}

func appendStep(run *store.WorkflowRun, rec stepRecord) error {
	var steps []stepRecord
	if len(run.Steps) > 0 {
		if err := json.Unmarshal(run.Steps, &steps); err != nil {
			return err
		}
	}
	b, err := json.Marshal(append(steps, rec))
	run.Steps = b
	return err
}
