package workflows

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gatehouse/server/auth"
	"gatehouse/server/events"
	"gatehouse/server/mail"
	"gatehouse/server/store"
)

// act performs one action for the run's contact inside tx. Problems that belong to the
// contact (disabled, does not hold the offer) are outcomes of the step; database errors roll
// the whole step back and the job retries it.
//
// The action's offer is its own, else the triggering event's, else the trigger's (a test run).
func (e *Engine) act(ctx context.Context, tx *store.Store, run store.WorkflowRun, a Action, triggerOffer string) (stepRecord, time.Duration, error) {
	rec := stepRecord{Type: a.Type, Outcome: "done"}
	c, err := tx.ContactForUpdate(ctx, run.ContactID)
	if err != nil {
		return rec, 0, err
	}
	if a.Type == Wait {
		if run.Test {
			rec.Outcome, rec.Detail = "skipped", "a test run does not wait"
			return rec, 0, nil
		}
		rec.Outcome, rec.Detail = "waiting", fmt.Sprintf("until %s", e.now().Add(minutes(a.Minutes)).UTC().Format(time.RFC3339))
		return rec, minutes(a.Minutes), nil
	}
	if a.UnlessLoggedIn && !c.LastLoginAt.IsZero() && c.LastLoginAt.After(run.StartedAt) {
		rec.Outcome, rec.Detail = "skipped", "the contact has signed in"
		return rec, 0, nil
	}
	ev, err := e.triggerEvent(ctx, tx, run)
	if err != nil {
		return rec, 0, err
	}
	offerID := a.OfferID
	if offerID == "" {
		offerID = ev.OfferID
	}
	if offerID == "" {
		offerID = triggerOffer
	}
	detail, err := e.do(ctx, tx, run, ev, c, a, offerID)
	var skip skipped
	switch {
	case errors.As(err, &skip):
		rec.Outcome, rec.Detail = "skipped", string(skip)
	case err != nil:
		return rec, 0, err
	default:
		rec.Detail = detail
	}
	return rec, 0, nil
}

// justSent is how long before its event a welcome email for the same offer counts as sent with it.
const justSent = 5 * time.Minute

// reactingAtOnce says whether the run's current step reacts to its event without having waited,
// and if so from when a welcome email counts as sent with the event. A grant made with "send the
// welcome email" already sent one, queued with the event: a workflow reacting to that grant at
// once must not send a second. Only an email from just before the event up to the run's start
// counts (not the run's own), however long the run took to start; after a wait (a nudge days
// later) the earlier email is the reason to send again, not to skip.
func reactingAtOnce(run store.WorkflowRun, ev store.WorkflowEvent) (time.Time, bool) {
	if run.Test || ev.ID == "" {
		return time.Time{}, false
	}
	var actions []Action
	if err := json.Unmarshal(run.Actions, &actions); err != nil {
		return time.Time{}, false
	}
	for _, a := range actions[:min(run.Step, len(actions))] {
		if a.Type == Wait {
			return time.Time{}, false
		}
	}
	return ev.CreatedAt.Add(-justSent), true
}

// skipped is a reason an action did nothing for this contact.
type skipped string

func (s skipped) Error() string { return string(s) }

func (e *Engine) do(ctx context.Context, tx *store.Store, run store.WorkflowRun, ev store.WorkflowEvent, c store.Contact, a Action, offerID string) (string, error) {
	chain := append(append([]string{}, ev.Chain...), run.WorkflowID)
	// Every "skip" is decided before a statement could fail: in PostgreSQL a failed statement
	// spoils the whole transaction, and the step's other writes with it.
	emailing := a.Type == SendWelcome || a.Type == SendResetLink
	if emailing && c.Disabled() {
		return "", skipped("the contact is disabled")
	}
	if (a.Type == SendWelcome || a.Type == RevokeOffer || a.Type == GrantOffer) && offerID == "" {
		return "", skipped("there is no offer to act on")
	}
	switch a.Type {
	case SendWelcome:
		g, err := tx.ActiveGrant(ctx, c.ID, offerID)
		if errors.Is(err, store.ErrNotFound) {
			return "", skipped("the contact does not hold the offer")
		}
		if err != nil {
			return "", err
		}
		if from, ok := reactingAtOnce(run, ev); ok {
			prior, err := tx.DeliverableEmailBetween(ctx, c.ID, mail.KindWelcome, offerID, from, run.StartedAt)
			if err == nil {
				return "", skipped("the welcome email for this offer was just sent (email " + prior.ID + ")")
			} else if !errors.Is(err, store.ErrNotFound) {
				return "", err
			}
		}
		em, err := e.auth.QueueWelcome(ctx, tx, c, *g.Offer, auth.Via{})
		return "email " + em.ID, err
	case SendResetLink:
		set, err := tx.Settings(ctx)
		if err != nil {
			return "", err
		}
		em, err := e.auth.QueueReset(ctx, tx, c, minutes(set.StaffResetTTLMinutes), auth.Via{})
		return "email " + em.ID, err
	case GrantOffer:
		return e.grant(ctx, tx, c, offerID, chain)
	case RevokeOffer:
		if err := tx.RevokeGrant(ctx, c.ID, offerID, e.now()); errors.Is(err, store.ErrNotFound) {
			return "", skipped("the contact does not hold the offer")
		} else if err != nil {
			return "", err
		}
		_, err := e.events.Emit(ctx, tx, events.Event{Type: events.OfferRevoked, ContactID: c.ID, OfferID: offerID, Chain: chain})
		return "", err
	case AddToCommunity:
		return "", tx.AddMembership(ctx, c.ID, a.CommunityID, "")
	case RemoveFromCommunity:
		if err := tx.RemoveMembership(ctx, c.ID, a.CommunityID); errors.Is(err, store.ErrNotFound) {
			return "", skipped("the contact was not a direct member")
		} else if err != nil {
			return "", err
		}
		return "", nil
	case NotifyStaff:
		n, err := e.notifyStaff(ctx, tx, run, c, a.Message)
		return fmt.Sprintf("%d staff emailed", n), err
	}
	return "", fmt.Errorf("workflows: unknown action %q", a.Type)
}

func (e *Engine) grant(ctx context.Context, tx *store.Store, c store.Contact, offerID string, chain []string) (string, error) {
	o, err := tx.OfferByID(ctx, offerID)
	if err != nil {
		return "", err
	}
	if !o.ArchivedAt.IsZero() {
		return "", skipped("the offer is archived")
	}
	if _, err := tx.ActiveGrant(ctx, c.ID, o.ID); err == nil {
		return "", skipped("the contact already holds the offer")
	} else if !errors.Is(err, store.ErrNotFound) {
		return "", err
	}
	first, err := tx.FirstGrant(ctx, c.ID, o.ID)
	if err != nil {
		return "", err
	}
	g := store.Grant{ContactID: c.ID, OfferID: o.ID, GrantedAt: e.now()}
	if err := tx.CreateGrant(ctx, &g); err != nil { // the contact row is locked: no race
		return "", err
	}
	_, err = e.events.Emit(ctx, tx, events.Event{Type: events.OfferGranted, ContactID: c.ID, OfferID: o.ID, FirstGrant: first, Chain: chain})
	return "", err
}

// triggerEvent is the event that started the run (a test run has none).
func (e *Engine) triggerEvent(ctx context.Context, tx *store.Store, run store.WorkflowRun) (store.WorkflowEvent, error) {
	if run.EventID == "" {
		return store.WorkflowEvent{}, nil
	}
	ev, err := tx.WorkflowEventByID(ctx, run.EventID)
	if errors.Is(err, store.ErrNotFound) {
		return store.WorkflowEvent{}, nil
	}
	return ev, err
}

func minutes(n int) time.Duration { return time.Duration(n) * time.Minute }
