// Package auth holds Gatehouse's security flows: password hashing and policy, sessions, login,
// one-time links, forgot password, resend access and set-password. It never imports Fiber, so
// the same flows serve the HTTP API, the command line and jobs.
package auth

import (
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"gatehouse/server/events"
	"gatehouse/server/outbox"
	"gatehouse/server/serverkey"
	"gatehouse/server/store"
)

// Roles, from least to most privileged. Members and staff are both contacts.
const (
	RoleMember  = "member"
	RoleSupport = "support"
	RoleAdmin   = "admin"
	RoleOwner   = "owner"
)

var roleRank = map[string]int{RoleMember: 0, RoleSupport: 1, RoleAdmin: 2, RoleOwner: 3}

// ValidRole reports whether r names a role.
func ValidRole(r string) bool { _, ok := roleRank[r]; return ok }

// IsStaff reports whether a role opens the admin area.
func IsStaff(role string) bool { return roleRank[role] >= roleRank[RoleSupport] }

// RoleAtLeast reports whether role has at least min's privileges.
func RoleAtLeast(role, min string) bool {
	r, ok := roleRank[role]
	return ok && r >= roleRank[min]
}

// RoleAbove reports whether role is strictly more privileged than other (credential actions
// on a staff account need it: a peer must not be able to take over a peer).
func RoleAbove(role, other string) bool {
	r, ok := roleRank[role]
	return ok && r > roleRank[other]
}

// Errors the API maps to responses (api/errors.go).
var (
	// ErrInvalidCredentials is the one answer for every failed login: unknown address, wrong
	// password, disabled account, backed-off account, expired temporary password.
	ErrInvalidCredentials = errors.New("auth: invalid credentials")
	ErrNoSession          = errors.New("auth: no valid session")
	ErrTokenInvalid       = errors.New("auth: link is not valid")
	ErrTokenExpired       = errors.New("auth: link has expired")
	ErrTokenUsed          = errors.New("auth: link was already used")
	ErrWrongPassword      = errors.New("auth: current password is wrong")
)

// DeadSetupLinkError is ErrTokenUsed or ErrTokenExpired for a staff account's set-up link (the
// owner's first-run link, a staff invitation): the page then says how staff get a new one
// (gatehouse prints one at every start, or whoever invited them), never "email me a new link",
// which on first run would go to a mailbox that needs the very password being set. Only the
// holder of the link learns it, and the link was made for that staff account.
type DeadSetupLinkError struct{ Err error }

func (e *DeadSetupLinkError) Error() string { return e.Err.Error() + " (a staff set-up link)" }
func (e *DeadSetupLinkError) Unwrap() error { return e.Err }

// RateLimitedError means a throttle refused the request; try again after RetryAfter.
type RateLimitedError struct{ RetryAfter time.Duration }

func (e *RateLimitedError) Error() string {
	return fmt.Sprintf("auth: rate limited for %s", e.RetryAfter)
}

// Meta is where a request came from, for throttles, sessions and the event log.
type Meta struct {
	IP        string
	UserAgent string
}

// Service runs the flows. It is safe for concurrent use.
type Service struct {
	store  *store.Store
	outbox *outbox.Outbox
	river  *river.Client[*sql.Tx]
	hasher *Hasher
	events *events.Emitter
	keys   *serverkey.Ring
	now    func() time.Time
	log    *slog.Logger
}

// New returns a Service. now is the clock (time.Now outside tests); em records the events
// workflows react to (nil: none, for command-line tools); keys keys the HMACs of short codes.
func New(st *store.Store, ob *outbox.Outbox, rc *river.Client[*sql.Tx], h *Hasher, em *events.Emitter, keys *serverkey.Ring, now func() time.Time, log *slog.Logger) *Service {
	return &Service{store: st, outbox: ob, river: rc, hasher: h, events: em, keys: keys, now: now, log: log}
}
