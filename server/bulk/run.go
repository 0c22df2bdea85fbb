package bulk

import (
	"context"
	"errors"
	"strconv"
	"time"

	"gatehouse/server/auth"
	"gatehouse/server/desk"
	"gatehouse/server/events"
	"gatehouse/server/outbox"
	"gatehouse/server/store"
)

// chunk is how many contacts one transaction handles: each item's outcome commits with what
// was done for it, so a crash loses nothing and a resume repeats nothing.
const chunk = 100

// Run works through an operation's items until none is left or it is cancelled. Run again
// (a retried or rescued job, a resume), it continues after the last item with an outcome.
func (s *Service) Run(ctx context.Context, id string) error {
	for {
		more, err := s.runChunk(ctx, id)
		if err != nil || !more {
			return err
		}
	}
}

func (s *Service) runChunk(ctx context.Context, id string) (bool, error) {
	more := false
	err := s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		op, err := tx.BulkOperationByID(ctx, id, true) // one worker at a time per operation
		if errors.Is(err, store.ErrNotFound) || (err == nil && op.Status != StatusRunning) {
			return nil
		}
		if err != nil {
			return err
		}
		ids, seqs, err := tx.PendingBulkItems(ctx, id, chunk)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			return tx.SetBulkStatus(ctx, id, StatusDone, s.now())
		}
		standings, err := tx.Standings(ctx, ids, op.OfferID, op.CommunityID, s.now())
		if err != nil {
			return err
		}
		byID := map[string]store.Standing{}
		for _, st := range standings {
			byID[st.ID] = st
		}
		a, err := s.actor(ctx, tx, op)
		if err != nil {
			return err
		}
		for i, cid := range ids {
			outcome, detail, err := s.one(ctx, tx, op, a, byID[cid], cid)
			if err != nil {
				return err
			}
			if _, err := tx.SetBulkOutcome(ctx, id, seqs[i], outcome, detail, s.now()); err != nil {
				return err
			}
		}
		more = true
		if op.Action == ResendWelcome || op.Action == SendResetLink {
			if err := s.auth.WakeBatcher(ctx, tx); err != nil {
				return err
			}
		}
		return tx.AddBulkDone(ctx, id, len(ids))
	})
	return more, err
}

// actor is the staff member who started the operation, as they are now (a demoted or
// disabled one acts with what they have left).
func (s *Service) actor(ctx context.Context, tx *store.Store, op store.BulkOperation) (desk.Actor, error) {
	c, err := tx.ContactByID(ctx, op.CreatedBy)
	if errors.Is(err, store.ErrNotFound) {
		return desk.Actor{Role: auth.RoleMember}, nil
	}
	return desk.Actor{ID: c.ID, Email: c.Email, Role: c.Role}, err
}

// one takes the action for one contact, unless its class says otherwise.
func (s *Service) one(ctx context.Context, tx *store.Store, op store.BulkOperation, a desk.Actor, st store.Standing, cid string) (string, string, error) {
	if st.ID == "" {
		return Invalid, "the contact no longer exists", nil
	}
	if class := classify(op.Action, a, st); class != WillAct {
		return class, "", nil
	}
	c, err := tx.ContactForUpdate(ctx, cid)
	if err != nil {
		return "", "", err
	}
	via := auth.Via{CreatedBy: a.ID, Lane: outbox.LaneBulk} // bulk email waits behind members' own
	now := s.now()
	switch op.Action {
	case ResendWelcome:
		g, err := tx.ActiveGrant(ctx, cid, op.OfferID)
		if err != nil {
			return "", "", err
		}
		e, err := s.auth.QueueWelcome(ctx, tx, c, *g.Offer, via)
		return Done, "email " + e.ID, err
	case SendResetLink:
		set, err := tx.Settings(ctx)
		if err != nil {
			return "", "", err
		}
		e, err := s.auth.QueueReset(ctx, tx, c, minutes(set.StaffResetTTLMinutes), via)
		return Done, "email " + e.ID, err
	case GrantOffer:
		first, err := tx.FirstGrant(ctx, cid, op.OfferID)
		if err != nil {
			return "", "", err
		}
		if err := tx.CreateGrant(ctx, &store.Grant{ContactID: cid, OfferID: op.OfferID, GrantedBy: a.ID, GrantedAt: now}); err != nil {
			return "", "", err
		}
		_, err = s.events.Emit(ctx, tx, events.Event{Type: events.OfferGranted, ContactID: cid, OfferID: op.OfferID, FirstGrant: first})
		return Done, "", err
	case RevokeOffer:
		if err := tx.RevokeGrant(ctx, cid, op.OfferID, now); err != nil {
			return "", "", err
		}
		_, err := s.events.Emit(ctx, tx, events.Event{Type: events.OfferRevoked, ContactID: cid, OfferID: op.OfferID})
		return Done, "", err
	case AddToCommunity:
		return Done, "", tx.AddMembership(ctx, cid, op.CommunityID, a.ID)
	case SignOut:
		n, err := s.auth.EndAccess(ctx, tx, cid, false)
		return Done, strconv.Itoa(n) + " sessions ended", err
	}
	return Failed, "unknown action", nil
}

func minutes(n int) time.Duration { return time.Duration(n) * time.Minute }
