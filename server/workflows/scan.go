package workflows

import (
	"context"
	"encoding/json"
	"time"

	"gatehouse/server/events"
	"gatehouse/server/store"
)

// scanKey prefixes the dedupe keys of a workflow's inactivity events: one per contact, ever.
func scanKey(workflowID string) string { return events.NotLoggedIn + ":" + workflowID + ":" }

// ScanInactive emits a "not logged in N days" event for each member who has not signed in N
// days after their invitation, for each enabled workflow with that trigger. Run periodically;
// each contact triggers each workflow once.
func (e *Engine) ScanInactive(ctx context.Context) (int, error) {
	ws, err := e.store.EnabledWorkflows(ctx, events.NotLoggedIn)
	if err != nil {
		return 0, err
	}
	emitted := 0
	for _, w := range ws {
		var t Trigger
		if err := json.Unmarshal(w.Trigger, &t); err != nil || t.Days < 1 {
			continue
		}
		for {
			ids, err := e.store.NeverLoggedInSince(ctx, e.now().Add(-time.Duration(t.Days)*24*time.Hour), scanKey(w.ID), 500)
			if err != nil {
				return emitted, err
			}
			if len(ids) == 0 {
				break
			}
			before := emitted
			err = e.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
				for _, id := range ids {
					ok, err := e.events.Emit(ctx, tx, events.Event{Type: events.NotLoggedIn, ContactID: id, DedupeKey: scanKey(w.ID) + id})
					if err != nil {
						return err
					}
					if ok {
						emitted++
					}
				}
				return nil
			})
			if err != nil {
				return emitted, err
			}
			// A short page is the last; a page that emitted nothing (the workflow was disabled
			// meanwhile, so nothing marks these contacts handled) would only come back again.
			if len(ids) < 500 || emitted == before {
				break
			}
		}
	}
	return emitted, nil
}
