// Package workflows runs staff-defined automations: when a trigger fires for a contact (an
// offer granted, a member who never signed in …) run actions (send the welcome email, wait,
// send a reset link …). Runs are rows, each step a job: they survive restarts, run exactly once
// per trigger event, and never loop.
package workflows

import (
	"context"
	"fmt"

	"gatehouse/server/events"
	"gatehouse/server/store"
)

// Action types.
const (
	SendWelcome         = "send_welcome_email"
	SendResetLink       = "send_reset_link"
	GrantOffer          = "grant_offer"
	RevokeOffer         = "revoke_offer"
	AddToCommunity      = "add_to_community"
	RemoveFromCommunity = "remove_from_community"
	Wait                = "wait"
	NotifyStaff         = "notify_staff"
)

// Trigger says which events start a run.
type Trigger struct {
	Type       string `json:"type"`
	OfferID    string `json:"offer_id,omitempty"`    // offer_granted / offer_revoked: only this offer
	EveryGrant bool   `json:"every_grant,omitempty"` // offer_granted: re-grants too, not only the first
	Days       int    `json:"days,omitempty"`        // not_logged_in: days after the invitation
}

// Action is one step.
type Action struct {
	Type        string `json:"type"`
	OfferID     string `json:"offer_id,omitempty"`
	CommunityID string `json:"community_id,omitempty"`
	Minutes     int    `json:"minutes,omitempty"` // wait
	Message     string `json:"message,omitempty"` // notify_staff
	// UnlessLoggedIn skips the step if the contact has signed in since the run started (a
	// nudge that only goes to members still locked out).
	UnlessLoggedIn bool `json:"unless_logged_in,omitempty"`
}

// Definition is a workflow as staff write it.
type Definition struct {
	Name    string
	Enabled bool
	Trigger Trigger
	Actions []Action
}

var triggerTypes = map[string]bool{events.OfferGranted: true, events.OfferRevoked: true, events.ContactCreated: true,
	events.NotLoggedIn: true, events.EmailBounced: true, events.ResetRequested: true}

var actionTypes = map[string]bool{SendWelcome: true, SendResetLink: true, GrantOffer: true, RevokeOffer: true,
	AddToCommunity: true, RemoveFromCommunity: true, Wait: true, NotifyStaff: true}

// Validate checks a definition against the database (offers and communities must exist) and
// returns field problems keyed "name", "trigger", "actions.N".
func (d Definition) Validate(ctx context.Context, st *store.Store) (map[string]string, error) {
	f := map[string]string{}
	if d.Name == "" || len([]rune(d.Name)) > 200 {
		f["name"] = "Give the workflow a name of at most 200 characters."
	}
	t := d.Trigger
	switch {
	case !triggerTypes[t.Type]:
		f["trigger"] = "Choose what starts the workflow."
	case t.Type == events.NotLoggedIn && (t.Days < 1 || t.Days > 365):
		f["trigger"] = "Choose a number of days from 1 to 365."
	case t.OfferID != "" && t.Type != events.OfferGranted && t.Type != events.OfferRevoked:
		f["trigger"] = "Only offer triggers take an offer."
	}
	if t.OfferID != "" {
		if err := exists(ctx, st.OfferByID, t.OfferID); err != nil {
			f["trigger"] = "That offer does not exist."
		}
	}
	if len(d.Actions) == 0 || len(d.Actions) > 20 {
		f["actions"] = "Add from 1 to 20 actions."
	}
	offerTrigger := t.Type == events.OfferGranted || t.Type == events.OfferRevoked
	for i, a := range d.Actions {
		if msg := a.problem(ctx, st, offerTrigger); msg != "" {
			f[fmt.Sprintf("actions.%d", i)] = msg
		}
	}
	return f, nil
}

func (a Action) problem(ctx context.Context, st *store.Store, offerTrigger bool) string {
	switch {
	case !actionTypes[a.Type]:
		return "Choose an action."
	case a.Type == Wait && (a.Minutes < 1 || a.Minutes > 525600):
		return "Wait from 1 minute to 365 days."
	case a.Type == GrantOffer && a.OfferID == "":
		return "Choose the offer to grant."
	case (a.Type == SendWelcome || a.Type == RevokeOffer) && a.OfferID == "" && !offerTrigger:
		return "Choose an offer: this trigger has none to use."
	case (a.Type == AddToCommunity || a.Type == RemoveFromCommunity) && a.CommunityID == "":
		return "Choose the community."
	case len(a.Message) > 1000:
		return "Use at most 1,000 characters."
	}
	if a.OfferID != "" {
		if err := exists(ctx, st.OfferByID, a.OfferID); err != nil {
			return "That offer does not exist."
		}
	}
	if a.CommunityID != "" {
		if err := exists(ctx, st.CommunityByID, a.CommunityID); err != nil {
			return "That community does not exist."
		}
	}
	return ""
}

func exists[T any](ctx context.Context, get func(context.Context, string) (T, error), id string) error {
	_, err := get(ctx, id)
	return err
}

// matches reports whether an event starts a run of a workflow with trigger t.
func (t Trigger) matches(ev store.WorkflowEvent) bool {
	if t.Type != ev.Type {
		return false
	}
	if t.OfferID != "" && t.OfferID != ev.OfferID {
		return false
	}
	if t.Type == events.OfferGranted && !t.EveryGrant && !ev.FirstGrant {
		return false
	}
	return true
}
