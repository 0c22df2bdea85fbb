// Package bulk runs one staff action over many contacts (resend the welcome email to everyone
// stuck, send reset links, grant or revoke an offer, add to a community, sign out): a dry run
// that classifies the selection, then a background job that works through it, with progress,
// cancel and resume, and one report row per contact.
package bulk

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"gatehouse/server/access"
	"gatehouse/server/auth"
	"gatehouse/server/desk"
	"gatehouse/server/store"
)

// Actions.
const (
	ResendWelcome  = "resend_welcome"
	SendResetLink  = "send_reset_link"
	GrantOffer     = "grant_offer"
	RevokeOffer    = "revoke_offer"
	AddToCommunity = "add_to_community"
	SignOut        = "sign_out"
)

// Classes of contacts in a dry run, and outcomes in a report.
const (
	WillAct       = "will_act"
	Suppressed    = "suppressed"
	AlreadyActive = "already_active"
	Disabled      = "disabled"
	Invalid       = "invalid"     // does not hold the offer, or no longer exists
	NotAllowed    = "not_allowed" // a staff account the actor may not act on
	Done          = "done"        // the action was taken
	Failed        = "failed"
)

// Operation statuses.
const (
	StatusRunning   = "running"
	StatusCancelled = "cancelled"
	StatusDone      = "done"
	StatusStopped   = "stopped" // its creator lost the authority it ran with
)

// MaxSelection bounds one operation.
const MaxSelection = 200_000

// Request is a bulk action over a filter or a list of contacts.
type Request struct {
	Action      string
	OfferID     string
	CommunityID string
	Filter      *store.ContactFilter // or
	ContactIDs  []string
}

// Plan is a dry run: how many contacts fall in each class, and a few of each.
type Plan struct {
	Total  int
	Counts map[string]int
	Sample map[string][]store.Standing
}

// RunArgs is the job that works through an operation.
type RunArgs struct {
	OperationID string `json:"operation_id"`
}

// Kind is River's name for the job.
func (RunArgs) Kind() string { return "bulk_operation" }

// Service plans and runs bulk operations; every action on a contact is access's.
type Service struct {
	store  *store.Store
	access *access.Service
	auth   *auth.Service
	river  *river.Client[*sql.Tx]
	now    func() time.Time
}

// New returns the bulk service.
func New(st *store.Store, ac *access.Service, a *auth.Service, rc *river.Client[*sql.Tx], now func() time.Time) *Service {
	return &Service{store: st, access: ac, auth: a, river: rc, now: now}
}

var actions = map[string]bool{ResendWelcome: true, SendResetLink: true, GrantOffer: true, RevokeOffer: true, AddToCommunity: true, SignOut: true}

// check validates a request for an actor: revoking takes an admin; offers and communities must
// exist; an archived offer cannot be granted, nor anyone added to an archived community (the
// same rules as every other path, checked up front so a run does not fail on every contact).
func (s *Service) check(ctx context.Context, a access.Actor, r Request) error {
	f := map[string]string{}
	switch {
	case !actions[r.Action]:
		f["action"] = "Choose an action."
	case (r.Action == ResendWelcome || r.Action == GrantOffer || r.Action == RevokeOffer) && r.OfferID == "":
		f["offer_id"] = "Choose the offer."
	case r.Action == AddToCommunity && r.CommunityID == "":
		f["community_id"] = "Choose the community."
	case r.Filter == nil && len(r.ContactIDs) == 0:
		f["contact_ids"] = "Choose contacts, or a filter."
	case len(r.ContactIDs) > MaxSelection:
		f["contact_ids"] = "Choose at most 200,000 contacts."
	}
	if len(f) > 0 {
		return &desk.ValidationError{Fields: f}
	}
	if r.Action == RevokeOffer && !auth.RoleAtLeast(a.Role, auth.RoleAdmin) {
		return access.ErrForbidden
	}
	if r.OfferID != "" {
		if o, err := s.store.OfferByID(ctx, r.OfferID); err != nil {
			return &desk.ValidationError{Fields: map[string]string{"offer_id": "That offer does not exist."}}
		} else if !o.ArchivedAt.IsZero() && r.Action == GrantOffer {
			return access.ErrArchived
		}
	}
	if r.CommunityID != "" {
		if c, err := s.store.CommunityByID(ctx, r.CommunityID); err != nil {
			return &desk.ValidationError{Fields: map[string]string{"community_id": "That community does not exist."}}
		} else if !c.ArchivedAt.IsZero() {
			return access.ErrArchived
		}
	}
	return nil
}

// selection resolves a request to contact ids.
func (s *Service) selection(ctx context.Context, r Request) ([]string, error) {
	if r.Filter == nil {
		return unique(r.ContactIDs), nil
	}
	f := *r.Filter
	f.After, f.Limit = nil, 0
	ids, err := s.store.SelectionIDs(ctx, f)
	if err == nil && len(ids) > MaxSelection {
		return nil, &desk.ValidationError{Fields: map[string]string{"filter": "The filter selects more than 200,000 contacts; narrow it."}}
	}
	return ids, err
}

// classOf is how much an action can do to an account, for the role rule.
func classOf(action string) access.Class {
	switch action {
	case ResendWelcome, SendResetLink, SignOut:
		return access.Credential
	}
	return access.Everyday
}

// classify says what the action would do for a contact, for an actor: access's rules, seen
// ahead of the run (the role rule; a disabled contact gets no email but can be granted or
// revoked an offer).
func classify(action string, a access.Actor, st store.Standing) string {
	switch {
	case access.MayActOn(a, st.Role, classOf(action)) != nil:
		return NotAllowed
	case st.Disabled && (action == ResendWelcome || action == SendResetLink):
		return Disabled
	}
	switch action {
	case ResendWelcome:
		switch {
		case !st.HoldsOffer:
			return Invalid
		case st.Suppressed:
			return Suppressed
		case st.SignedIn:
			return AlreadyActive
		}
	case SendResetLink:
		if st.Suppressed {
			return Suppressed
		}
	case GrantOffer:
		if st.HoldsOffer {
			return AlreadyActive
		}
	case RevokeOffer:
		if !st.HoldsOffer {
			return Invalid
		}
	case AddToCommunity:
		if st.InGroup {
			return AlreadyActive
		}
	case SignOut:
		if st.Sessions == 0 {
			return AlreadyActive
		}
	}
	return WillAct
}

// ErrNotRunning means the operation cannot be cancelled or resumed in its state.
var ErrNotRunning = errors.New("bulk: the operation is not in a state that allows this")

// ErrNotYours means only the operation's creator or a higher role may resume it: a run acts
// with its creator's authority.
var ErrNotYours = errors.New("bulk: only its creator or a higher role may resume this operation")

// unique keeps each ticked id once (in any case), in the order first given: a row ticked twice
// is one contact, acted on once.
func unique(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id = strings.ToLower(id); !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
