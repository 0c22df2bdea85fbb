package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"gatehouse/server/clientip"
	"gatehouse/server/events"
	"gatehouse/server/store"
)

// Self-service request kinds.
const (
	RequestForgotPassword = "forgot_password"
	RequestResendAccess   = "resend_access"
	RequestRenewLink      = "renew_link"
)

// Outcomes a job records on a request (visible to staff).
const (
	OutcomeSent      = "sent"
	OutcomeUnknown   = "unknown_address"
	OutcomeDisabled  = "disabled"
	OutcomeThrottled = "throttled"
)

// Throttles (SECURITY.md): per IP on the endpoints, per account on the emails.
const (
	selfServicePerIP       = 10
	selfServiceIPWindow    = 15 * time.Minute
	accountEmailsPerWindow = 1
	accountWindow          = 2 * time.Minute
	accountEmailsPerDay    = 5
	// One IP may make at most this many of an account's daily emails, so an outsider cannot
	// spend the member's whole day.
	pairEmailsPerDay = 2
	badTokensPerIP   = 20
	badTokenWindow   = 15 * time.Minute
)

// AccessRequestArgs is the job that decides a self-service request.
type AccessRequestArgs struct {
	RequestID string `json:"request_id"`
}

// Kind is River's name for the job.
func (AccessRequestArgs) Kind() string { return "access_request" }

// RequestAccess records a forgot-password or resend-access request and queues the job that
// decides it. It does the same work for every address (known, unknown, disabled, throttled):
// the answer and its timing tell nothing; the job looks the address up.
func (s *Service) RequestAccess(ctx context.Context, kind, email string, meta Meta) error {
	if kind != RequestForgotPassword && kind != RequestResendAccess {
		return fmt.Errorf("auth: unknown request kind %q", kind)
	}
	if err := s.throttle(ctx, "selfservice:ip:"+clientip.Bucket(meta.IP), selfServicePerIP, selfServiceIPWindow); err != nil {
		return err
	}
	r := &store.AccessRequest{Kind: kind, Email: strings.TrimSpace(email), IP: meta.IP, UserAgent: truncate(meta.UserAgent, 400)}
	return s.enqueueRequest(ctx, r)
}

// RenewLink asks for a fresh link to replace an expired or used one: the link identifies the
// account, and the new link goes to its stored address. Unknown tokens are silently ignored
// (and count against the IP's bad-token budget).
func (s *Service) RenewLink(ctx context.Context, raw string, meta Meta) error {
	if err := s.throttle(ctx, "selfservice:ip:"+clientip.Bucket(meta.IP), selfServicePerIP, selfServiceIPWindow); err != nil {
		return err
	}
	t, err := s.store.TokenByHash(ctx, hashSecret(raw))
	if errors.Is(err, store.ErrNotFound) {
		return s.throttle(ctx, "badtoken:ip:"+clientip.Bucket(meta.IP), badTokensPerIP, badTokenWindow)
	}
	if err != nil {
		return err
	}
	c, err := s.store.ContactByID(ctx, t.ContactID)
	if err != nil {
		return err
	}
	r := &store.AccessRequest{Kind: RequestRenewLink, Email: c.Email, LinkPurpose: t.Purpose, LinkScope: t.Scope, IP: meta.IP, UserAgent: truncate(meta.UserAgent, 400)}
	return s.enqueueRequest(ctx, r)
}

func (s *Service) enqueueRequest(ctx context.Context, r *store.AccessRequest) error {
	return s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.CreateAccessRequest(ctx, r); err != nil {
			return err
		}
		_, err := s.river.InsertTx(ctx, tx.SQLTx(), AccessRequestArgs{RequestID: r.ID}, &river.InsertOpts{Queue: "credential"})
		return err
	})
}

// ProcessAccessRequest decides a request (run by its job): who it is for, whether they may
// get email now, and queues the emails. Running it twice does nothing more.
func (s *Service) ProcessAccessRequest(ctx context.Context, id string) error {
	return s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		r, err := tx.AccessRequestForUpdate(ctx, id)
		if err != nil || r.Outcome != "pending" {
			return err
		}
		c, outcome, err := s.decide(ctx, tx, r)
		if err != nil {
			return err
		}
		if err := tx.DecideAccessRequest(ctx, r.ID, c.ID, outcome, s.now()); err != nil {
			return err
		}
		return s.publishRequest(ctx, tx, r, c, outcome)
	})
}

// decide finds the request's contact (none for an unknown address), and sends what it asks
// for unless the account is disabled, refused or over its budget.
func (s *Service) decide(ctx context.Context, tx *store.Store, r store.AccessRequest) (store.Contact, string, error) {
	now := s.now()
	c, err := tx.ContactByEmail(ctx, r.Email)
	if errors.Is(err, store.ErrNotFound) {
		return store.Contact{}, OutcomeUnknown, nil
	}
	if err != nil {
		return c, "", err
	}
	// Lock the contact: two requests for one account are decided one after the other.
	if c, err = tx.ContactForUpdate(ctx, c.ID); err != nil {
		return c, "", err
	}
	if c.Disabled() {
		return c, OutcomeDisabled, nil
	}
	if refusal, err := s.refusal(ctx, tx, r, c); err != nil || refusal != "" {
		return c, refusal, err
	}
	budgets := selfServiceBudgets(c.ID, r.IP)
	if limited, err := overBudget(ctx, tx, budgets, now); err != nil || limited {
		return c, OutcomeThrottled, err
	}
	if err := s.sendFor(ctx, tx, r, c); err != nil {
		return c, "", err
	}
	if err := spend(ctx, tx, budgets, now); err != nil {
		return c, "", err
	}
	if r.Kind == RequestForgotPassword {
		if _, err := s.events.Emit(ctx, tx, events.Event{Type: events.ResetRequested, ContactID: c.ID}); err != nil {
			return c, "", err
		}
	}
	return c, OutcomeSent, nil
}

// publishRequest tells webhook subscribers about a decided request (access.requested). It is
// sent from this job, never from the request itself: the public answer stays the same for
// every address. An unknown address is reported too (a customer who bought with another
// address is a support case); a staff account is not.
func (s *Service) publishRequest(ctx context.Context, tx *store.Store, r store.AccessRequest, c store.Contact, outcome string) error {
	data := map[string]any{"request": map[string]any{"id": r.ID, "kind": r.Kind, "outcome": outcome}, "email": r.Email}
	if c.ID == "" {
		data["contact"] = nil
		return s.events.Publish(ctx, tx, events.HookAccessRequested, data)
	}
	return s.events.PublishContact(ctx, tx, events.HookAccessRequested, c, data)
}

// budget is a count of credential emails sent in a window.
type budget struct {
	key    string
	limit  int
	window time.Duration
}

// selfServiceBudgets are what a self-service request for an account may spend: at most one
// email per two minutes and five a day for the account, so nobody can flood a member's inbox
// through the public forms, and at most two a day asked from one IP, so an outsider cannot
// spend the member's day. Staff-sent links never come here.
func selfServiceBudgets(contactID, ip string) []budget {
	return []budget{
		{"selfservice:account:" + contactID, accountEmailsPerWindow, accountWindow},
		{"selfservice:account-day:" + contactID, accountEmailsPerDay, 24 * time.Hour},
		{"selfservice:ip-account:" + clientip.Bucket(ip) + ":" + contactID, pairEmailsPerDay, 24 * time.Hour},
	}
}

// overBudget reports whether any budget is spent. It counts nothing: a refused request costs
// the member nothing. The caller holds the contact's row lock, so check-then-spend is safe.
func overBudget(ctx context.Context, tx *store.Store, budgets []budget, now time.Time) (bool, error) {
	for _, b := range budgets {
		n, err := tx.Peek(ctx, b.key, b.window, now)
		if err != nil || n >= b.limit {
			return err == nil, err
		}
	}
	return false, nil
}

// spend counts an email that was sent against every budget.
func spend(ctx context.Context, tx *store.Store, budgets []budget, now time.Time) error {
	for _, b := range budgets {
		if _, _, err := tx.Hit(ctx, b.key, b.window, now); err != nil {
			return err
		}
	}
	return nil
}

// refusal says why a request gets no email although its account exists and is enabled ("" if
// it gets one): sign-in codes turned off (for staff, unless owners allowed them), or an
// address suppressed after a bounce or complaint. Only staff see it, in the request log.
func (s *Service) refusal(ctx context.Context, tx *store.Store, r store.AccessRequest, c store.Contact) (string, error) {
	if r.Kind == RequestSignInCode {
		set, err := tx.Settings(ctx)
		if err != nil {
			return "", err
		}
		if refusal := codeRefusal(set, c); refusal != "" {
			return refusal, nil
		}
	}
	_, err := tx.SuppressionFor(ctx, c.Email)
	switch {
	case err == nil:
		return OutcomeSuppressed, nil
	case errors.Is(err, store.ErrNotFound):
		return "", nil
	}
	return "", err
}

// sendFor queues what a request asks for.
func (s *Service) sendFor(ctx context.Context, tx *store.Store, r store.AccessRequest, c store.Contact) error {
	switch {
	case r.Kind == RequestSignInCode:
		return s.issueSignInCode(ctx, tx, r, c)
	case r.Kind == RequestForgotPassword || (r.Kind == RequestRenewLink && r.LinkPurpose == PurposeReset):
		_, err := s.QueueReset(ctx, tx, c, SelfServiceResetTTL, Via{})
		return err
	case r.Kind == RequestRenewLink && r.LinkPurpose == PurposeWelcome:
		return s.resendWelcomes(ctx, tx, c, r.LinkScope)
	case r.Kind == RequestRenewLink:
		_, err := s.QueueSetPassword(ctx, tx, c, Via{})
		return err
	default:
		return s.resendWelcomes(ctx, tx, c, "")
	}
}

// resendWelcomes queues the welcome email of each offer the contact holds (only offerID's if
// given), each with a fresh link; a contact without offers gets a set-password email instead.
func (s *Service) resendWelcomes(ctx context.Context, tx *store.Store, c store.Contact, offerID string) error {
	grants, err := tx.ActiveGrants(ctx, c.ID)
	if err != nil {
		return err
	}
	sent := 0
	for _, g := range grants {
		if g.Offer == nil || !g.Offer.ArchivedAt.IsZero() || (offerID != "" && g.OfferID != offerID) {
			continue
		}
		if _, err := s.QueueWelcome(ctx, tx, c, *g.Offer, Via{}); err != nil {
			return err
		}
		sent++
	}
	if sent == 0 {
		_, err = s.QueueSetPassword(ctx, tx, c, Via{})
	}
	return err
}
