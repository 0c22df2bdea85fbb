package workflows

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gatehouse/server/access"
	"gatehouse/server/store"
)

// act performs one action for the run's contact inside tx, through access: the same rules,
// audit entries and events as the desk, with the workflow named as the actor. Problems that
// belong to the contact (disabled, does not hold the offer, a staff account) are outcomes of
// the step; database errors roll the whole step back and the job retries it.
//
// The action's offer is its own, else the triggering event's, else the trigger's (a test run).
func (e *Engine) act(ctx context.Context, tx *store.Store, run store.WorkflowRun, w store.Workflow, a Action, triggerOffer string) (stepRecord, time.Duration, error) {
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
	actor := access.Actor{Kind: access.KindWorkflow, Ref: w.ID, Label: w.Name, Chain: append(append([]string{}, ev.Chain...), run.WorkflowID)}
	detail, err := e.do(ctx, tx, run, ev, actor, c, a, offerID)
	if reason := skipReason(err); reason != "" {
		rec.Outcome, rec.Detail = "skipped", reason
		return rec, 0, nil
	}
	if err != nil {
		return rec, 0, err
	}
	rec.Detail = detail
	return rec, 0, nil
}

// skipped is a reason an action did nothing for this contact.
type skipped string

func (s skipped) Error() string { return string(s) }

// skipReason words the refusals of access's rules as a step's outcome. access decides them
// before writing anything, so the step's transaction is still good.
func skipReason(err error) string {
	var skip skipped
	switch {
	case errors.As(err, &skip):
		return string(skip)
	case errors.Is(err, access.ErrStaffTarget):
		return "a staff account: workflows never act on staff"
	case errors.Is(err, access.ErrDisabled):
		return "the contact is disabled"
	case errors.Is(err, access.ErrNotHeld):
		return "the contact does not hold the offer"
	case errors.Is(err, access.ErrAlreadyGranted):
		return "the contact already holds the offer"
	case errors.Is(err, access.ErrArchived):
		return "the offer or community is archived"
	case errors.Is(err, store.ErrNotFound):
		return "the offer or community no longer exists, or the contact was not a direct member"
	}
	return ""
}

// welcomeSentWithEvent says whether the grant that started the run queued its own welcome
// email, which has not failed, bounced, been suppressed or drawn a complaint: then a "send the
// welcome email" step that reacts to that grant at once (no wait before it) must not send a
// second. A re-grant without a welcome (revoke, grant again) has none and gets one; after a
// wait (a nudge days later) the earlier email is the reason to send again, not to skip.
func (e *Engine) welcomeSentWithEvent(ctx context.Context, tx *store.Store, run store.WorkflowRun, ev store.WorkflowEvent) (string, error) {
	if ev.WelcomeEmailID == "" || !reactsAtOnce(run, ev) {
		return "", nil
	}
	status, err := tx.EmailStatus(ctx, ev.WelcomeEmailID)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil
	}
	if err != nil || !store.Deliverable(status) {
		return "", err
	}
	return ev.WelcomeEmailID, nil
}

// reactsAtOnce says whether the run's current step reacts to its event without having waited
// (not a test run, which has no event).
func reactsAtOnce(run store.WorkflowRun, ev store.WorkflowEvent) bool {
	if run.Test || ev.ID == "" {
		return false
	}
	var actions []Action
	if err := json.Unmarshal(run.Actions, &actions); err != nil {
		return false
	}
	for _, a := range actions[:min(run.Step, len(actions))] {
		if a.Type == Wait {
			return false
		}
	}
	return true
}

func (e *Engine) do(ctx context.Context, tx *store.Store, run store.WorkflowRun, ev store.WorkflowEvent, actor access.Actor, c store.Contact, a Action, offerID string) (string, error) {
	if err := access.MayActOn(actor, c.Role, access.Everyday); err != nil && a.Type != NotifyStaff {
		return "", err
	}
	if (a.Type == SendWelcome || a.Type == RevokeOffer || a.Type == GrantOffer) && offerID == "" {
		return "", skipped("there is no offer to act on")
	}
	switch a.Type {
	case SendWelcome:
		prior, err := e.welcomeSentWithEvent(ctx, tx, run, ev)
		if err != nil {
			return "", err
		}
		if prior != "" {
			return "", skipped("the welcome email for this offer was sent with the grant (email " + prior + ")")
		}
		em, _, err := e.access.ResendWelcome(ctx, tx, actor, c.ID, offerID)
		return "email " + em.ID, err
	case SendResetLink:
		em, _, err := e.access.SendResetLink(ctx, tx, actor, c.ID, 0)
		return "email " + em.ID, err
	case GrantOffer:
		_, err := e.access.Grant(ctx, tx, actor, c.ID, offerID, false)
		return "", err
	case RevokeOffer:
		return "", e.access.Revoke(ctx, tx, actor, c.ID, offerID)
	case AddToCommunity:
		return "", e.access.AddToCommunity(ctx, tx, actor, c.ID, a.CommunityID)
	case RemoveFromCommunity:
		return "", e.access.RemoveFromCommunity(ctx, tx, actor, c.ID, a.CommunityID)
	case NotifyStaff:
		n, err := e.notifyStaff(ctx, tx, run, c, a.Message)
		return fmt.Sprintf("%d staff emailed", n), err
	}
	return "", fmt.Errorf("workflows: unknown action %q", a.Type)
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
