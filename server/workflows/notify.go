package workflows

import (
	"context"

	"gatehouse/server/store"
)

// notifyStaff emails every owner and admin about the run's contact.
func (e *Engine) notifyStaff(ctx context.Context, tx *store.Store, run store.WorkflowRun, c store.Contact, message string) (int, error) {
	w, err := tx.WorkflowByID(ctx, run.WorkflowID)
	if err != nil {
		return 0, err
	}
	staff, err := tx.StaffToNotify(ctx)
	if err != nil {
		return 0, err
	}
	for _, s := range staff {
		if _, err := e.auth.QueueStaffNotice(ctx, tx, s, c, w.Name, message); err != nil {
			return 0, err
		}
	}
	return len(staff), nil
}
