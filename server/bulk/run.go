package bulk

import (
	"context"
	"errors"
	"strconv"

	"gatehouse/server/access"
	"gatehouse/server/auth"
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
		a, stop, err := s.actor(ctx, tx, op)
		if err != nil {
			return err
		}
		if stop != "" {
			return tx.StopBulk(ctx, id, stop, s.now())
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
		for i, cid := range ids {
			outcome, detail, err := outcomeOf(s.one(ctx, tx, op, a, byID[cid]))
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

// actor is the run's authority: its creator as they are now. A creator since deleted,
// disabled or given a lower role than the one they started the run with stops it (stop says
// why): a run never acts with authority its creator no longer has.
func (s *Service) actor(ctx context.Context, tx *store.Store, op store.BulkOperation) (access.Actor, string, error) {
	a := access.Actor{Kind: access.KindBulk, Ref: op.ID, Lane: outbox.LaneBulk} // bulk email waits behind members' own
	c, err := tx.ContactByID(ctx, op.CreatedBy)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return a, "the staff member who started it no longer exists", nil
	case err != nil:
		return a, "", err
	case c.Disabled():
		return a, "the staff member who started it was disabled", nil
	case !auth.IsStaff(c.Role) || (op.CreatedRole != "" && !auth.RoleAtLeast(c.Role, op.CreatedRole)):
		return a, "the staff member who started it no longer has the role it ran with", nil
	}
	a.ID, a.Email, a.Role = c.ID, c.Email, c.Role
	return a, "", nil
}

// one takes the action for one contact, unless its class says otherwise. Problems that
// belong to the contact are outcomes; anything else rolls the chunk back and the job retries.
func (s *Service) one(ctx context.Context, tx *store.Store, op store.BulkOperation, a access.Actor, st store.Standing) (string, string, error) {
	if st.ID == "" {
		return Invalid, "the contact no longer exists", nil
	}
	if class := classify(op.Action, a, st); class != WillAct {
		return class, "", nil
	}
	switch op.Action {
	case ResendWelcome:
		e, _, err := s.access.ResendWelcome(ctx, tx, a, st.ID, op.OfferID)
		return Done, "email " + e.ID, err
	case SendResetLink:
		e, _, err := s.access.SendResetLink(ctx, tx, a, st.ID, 0)
		return Done, "email " + e.ID, err
	case GrantOffer:
		_, err := s.access.Grant(ctx, tx, a, st.ID, op.OfferID, false)
		return Done, "", err
	case RevokeOffer:
		return Done, "", s.access.Revoke(ctx, tx, a, st.ID, op.OfferID)
	case AddToCommunity:
		return Done, "", s.access.AddToCommunity(ctx, tx, a, st.ID, op.CommunityID)
	case SignOut:
		n, err := s.access.SignOutEverywhere(ctx, tx, a, st.ID)
		return Done, strconv.Itoa(n) + " sessions ended", err
	}
	return Failed, "unknown action", nil
}

// outcomeOf turns the refusals of access's rules into a contact's outcome: the contact changed
// between the selection and the run (granted meanwhile, disabled meanwhile …). access decides
// them before writing anything, so the chunk's transaction is still good.
func outcomeOf(outcome, detail string, err error) (string, string, error) {
	switch {
	case errors.Is(err, access.ErrAlreadyGranted):
		return AlreadyActive, "", nil
	case errors.Is(err, access.ErrNotHeld):
		return Invalid, "does not hold the offer", nil
	case errors.Is(err, access.ErrDisabled):
		return Disabled, "", nil
	case errors.Is(err, access.ErrArchived):
		return Failed, "archived meanwhile", nil
	case errors.Is(err, access.ErrForbidden), errors.Is(err, access.ErrStaffTarget):
		return NotAllowed, "a staff account above your role", nil
	}
	return outcome, detail, err
}
