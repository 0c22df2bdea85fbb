package bulk

import (
	"context"
	"encoding/json"
	"time"

	"github.com/riverqueue/river"

	"gatehouse/server/access"
	"gatehouse/server/auth"
	"gatehouse/server/store"
)

// DryRun classifies the selection without acting: the counts a run would produce if nothing
// changed meanwhile.
func (s *Service) DryRun(ctx context.Context, a access.Actor, r Request) (Plan, error) {
	if err := s.check(ctx, a, r); err != nil {
		return Plan{}, err
	}
	ids, err := s.selection(ctx, r)
	if err != nil {
		return Plan{}, err
	}
	p := Plan{Total: len(ids), Counts: map[string]int{}, Sample: map[string][]store.Standing{}}
	for from := 0; from < len(ids); from += 1000 {
		standings, err := s.store.Standings(ctx, ids[from:min(from+1000, len(ids))], r.OfferID, r.CommunityID, s.now())
		if err != nil {
			return Plan{}, err
		}
		for _, st := range standings {
			class := classify(r.Action, a, st)
			p.Counts[class]++
			if len(p.Sample[class]) < 5 {
				p.Sample[class] = append(p.Sample[class], st)
			}
		}
		if missing := len(ids[from:min(from+1000, len(ids))]) - len(standings); missing > 0 {
			p.Counts[Invalid] += missing // ids that name no contact
		}
	}
	return p, nil
}

// Start fixes the selection and queues the job that works through it, in one transaction
// with the audit entry.
func (s *Service) Start(ctx context.Context, a access.Actor, r Request) (store.BulkOperation, error) {
	if err := s.check(ctx, a, r); err != nil {
		return store.BulkOperation{}, err
	}
	ids, err := s.selection(ctx, r)
	if err != nil {
		return store.BulkOperation{}, err
	}
	sel, _ := json.Marshal(map[string]any{"filter": r.Filter, "contact_ids": len(r.ContactIDs)})
	op := store.BulkOperation{Action: r.Action, OfferID: r.OfferID, CommunityID: r.CommunityID, Selection: sel,
		Status: StatusRunning, CreatedBy: a.ID, CreatedRole: a.Role, CreatedAt: s.now()}
	err = s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.CreateBulkOperation(ctx, &op, ids); err != nil {
			return err
		}
		if err := s.access.Audit(ctx, tx, a, "bulk."+r.Action, access.Target{Type: "bulk", ID: op.ID},
			map[string]any{"total": len(ids), "offer_id": r.OfferID, "community_id": r.CommunityID}); err != nil {
			return err
		}
		return s.enqueue(ctx, tx, op.ID)
	})
	return op, err
}

func (s *Service) enqueue(ctx context.Context, tx *store.Store, id string) error {
	_, err := s.river.InsertTx(ctx, tx.SQLTx(), RunArgs{OperationID: id}, &river.InsertOpts{Queue: river.QueueDefault, MaxAttempts: 20})
	return err
}

// Cancel stops a running operation after the chunk in progress; what was done stays done.
func (s *Service) Cancel(ctx context.Context, a access.Actor, id string) error {
	return s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		op, err := tx.BulkOperationByID(ctx, id, true)
		if err != nil {
			return err
		}
		if op.Status != StatusRunning {
			return ErrNotRunning
		}
		if err := tx.SetBulkStatus(ctx, id, StatusCancelled, s.now()); err != nil {
			return err
		}
		return s.access.Audit(ctx, tx, a, "bulk.cancel", access.Target{Type: "bulk", ID: id}, nil)
	})
}

// Resume continues a cancelled or stopped operation from its first item without an outcome.
// A run acts with its creator's authority, so only the creator or a higher role resumes it;
// someone else resuming it makes it theirs (it then runs with their authority).
func (s *Service) Resume(ctx context.Context, a access.Actor, id string) error {
	return s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		op, err := tx.BulkOperationByID(ctx, id, true)
		if err != nil {
			return err
		}
		if op.Status != StatusCancelled && op.Status != StatusStopped {
			return ErrNotRunning
		}
		if a.ID != op.CreatedBy {
			creatorRole := op.CreatedRole
			if c, err := tx.ContactByID(ctx, op.CreatedBy); err == nil && auth.RoleAtLeast(c.Role, creatorRole) {
				creatorRole = c.Role
			}
			if !auth.RoleAbove(a.Role, creatorRole) {
				return ErrNotYours
			}
		}
		if err := tx.SetBulkRunner(ctx, id, a.ID, a.Role); err != nil {
			return err
		}
		if err := tx.SetBulkStatus(ctx, id, StatusRunning, time.Time{}); err != nil {
			return err
		}
		if err := s.access.Audit(ctx, tx, a, "bulk.resume", access.Target{Type: "bulk", ID: id}, map[string]any{"created_by": op.CreatedBy}); err != nil {
			return err
		}
		return s.enqueue(ctx, tx, id)
	})
}
