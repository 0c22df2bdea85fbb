package bulk

import (
	"context"
	"encoding/json"
	"time"

	"github.com/riverqueue/river"

	"gatehouse/server/desk"
	"gatehouse/server/store"
)

// DryRun classifies the selection without acting: the counts a run would produce if nothing
// changed meanwhile.
func (s *Service) DryRun(ctx context.Context, a desk.Actor, r Request) (Plan, error) {
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
func (s *Service) Start(ctx context.Context, a desk.Actor, r Request) (store.BulkOperation, error) {
	if err := s.check(ctx, a, r); err != nil {
		return store.BulkOperation{}, err
	}
	ids, err := s.selection(ctx, r)
	if err != nil {
		return store.BulkOperation{}, err
	}
	sel, _ := json.Marshal(map[string]any{"filter": r.Filter, "contact_ids": len(r.ContactIDs)})
	op := store.BulkOperation{Action: r.Action, OfferID: r.OfferID, CommunityID: r.CommunityID, Selection: sel,
		Status: StatusRunning, CreatedBy: a.ID, CreatedAt: s.now()}
	err = s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.CreateBulkOperation(ctx, &op, ids); err != nil {
			return err
		}
		if err := tx.AddAudit(ctx, &store.AuditEntry{ActorID: a.ID, ActorEmail: a.Email, Action: "bulk." + r.Action, TargetType: "bulk",
			TargetID: op.ID, Detail: map[string]any{"total": len(ids), "offer_id": r.OfferID, "community_id": r.CommunityID}, IP: a.IP, UserAgent: a.UserAgent, CreatedAt: s.now()}); err != nil {
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
func (s *Service) Cancel(ctx context.Context, a desk.Actor, id string) error {
	return s.setStatus(ctx, a, id, StatusRunning, StatusCancelled, "bulk.cancel")
}

// Resume continues a cancelled operation from its first item without an outcome.
func (s *Service) Resume(ctx context.Context, a desk.Actor, id string) error {
	return s.setStatus(ctx, a, id, StatusCancelled, StatusRunning, "bulk.resume")
}

func (s *Service) setStatus(ctx context.Context, a desk.Actor, id, from, to, action string) error {
	return s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		op, err := tx.BulkOperationByID(ctx, id, true)
		if err != nil {
			return err
		}
		if op.Status != from {
			return ErrNotRunning
		}
		var finished time.Time // a running operation has not finished
		if to != StatusRunning {
			finished = s.now()
		}
		if err := tx.SetBulkStatus(ctx, id, to, finished); err != nil {
			return err
		}
		if err := tx.AddAudit(ctx, &store.AuditEntry{ActorID: a.ID, ActorEmail: a.Email, Action: action, TargetType: "bulk", TargetID: id,
			IP: a.IP, UserAgent: a.UserAgent, CreatedAt: s.now()}); err != nil {
			return err
		}
		if to == StatusRunning {
			return s.enqueue(ctx, tx, id)
		}
		return nil
	})
}
