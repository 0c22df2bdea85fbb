package desk

import (
	"context"
	"encoding/json"

	"gatehouse/server/access"
	"gatehouse/server/events"
	"gatehouse/server/store"
	"gatehouse/server/workflows"
)

// SaveWorkflow creates (id "") or replaces a workflow after validating it. Runs already in
// flight keep the actions they started with (each run holds a copy).
func (d *Service) SaveWorkflow(ctx context.Context, a Actor, id string, def workflows.Definition) (store.Workflow, error) {
	fields, err := def.Validate(ctx, d.store)
	if err != nil {
		return store.Workflow{}, err
	}
	if len(fields) > 0 {
		return store.Workflow{}, &ValidationError{Fields: fields}
	}
	trigger, _ := json.Marshal(def.Trigger)
	actions, _ := json.Marshal(def.Actions)
	w := store.Workflow{ID: id, Name: clean(def.Name), Enabled: def.Enabled, Trigger: trigger, Actions: actions}
	err = d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		action := "workflow.create"
		if id == "" {
			w.Version = 1
			if err := tx.CreateWorkflow(ctx, &w); err != nil {
				return err
			}
		} else {
			action = "workflow.update"
			if _, err := tx.WorkflowByID(ctx, id); err != nil {
				return err
			}
			if err := tx.UpdateWorkflow(ctx, &w); err != nil { // clears a loop flag: staff changed it
				return err
			}
		}
		return d.audit(ctx, tx, a, action, access.Target{Type: "workflow", ID: w.ID, Label: w.Name}, map[string]any{"name": w.Name, "enabled": w.Enabled})
	})
	return w, err
}

// DeleteWorkflow removes a workflow; its runs in flight stop at their next step.
func (d *Service) DeleteWorkflow(ctx context.Context, a Actor, id string) error {
	return d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		w, err := tx.WorkflowByID(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.DeleteWorkflow(ctx, id); err != nil {
			return err
		}
		return d.audit(ctx, tx, a, "workflow.delete", access.Target{Type: "workflow", ID: id, Label: w.Name}, map[string]any{"name": w.Name})
	})
}

// WelcomeNudgeRecipe is the built-in recipe "Welcome now, nudge after 3 days if never logged
// in": on a grant (of offerID, or any offer) send the welcome email; three days later, if the
// member still has not signed in, send it again with a fresh link.
func WelcomeNudgeRecipe(offerID string) workflows.Definition {
	return workflows.Definition{
		Name: "Welcome now, nudge after 3 days if never logged in", Enabled: true,
		Trigger: workflows.Trigger{Type: events.OfferGranted, OfferID: offerID, EveryGrant: true},
		Actions: []workflows.Action{
			{Type: workflows.SendWelcome},
			{Type: workflows.Wait, Minutes: 3 * 24 * 60},
			{Type: workflows.SendWelcome, UnlessLoggedIn: true},
		},
	}
}

// TestWorkflow runs a workflow for one contact now (waits skipped). Its actions are real
// (emails, grants): the actor must be allowed to act on the contact, and it is audited.
func (d *Service) TestWorkflow(ctx context.Context, a Actor, workflowID, contactID string) (store.WorkflowRun, error) {
	var run store.WorkflowRun
	err := d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		c, err := d.access.Lock(ctx, tx, a, contactID, access.Credential) // a test run's actions are real
		if err != nil {
			return err
		}
		r, w, err := d.workflows.TestRun(ctx, tx, workflowID, c.ID)
		if err != nil {
			return err
		}
		run = r
		return d.audit(ctx, tx, a, "workflow.test_run", access.Target{Type: "workflow", ID: w.ID, Label: w.Name, ContactID: c.ID}, map[string]any{"name": w.Name, "run_id": r.ID})
	})
	return run, err
}
