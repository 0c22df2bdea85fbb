// Package desk holds the staff access desk: the actions staff take on contacts, offers and
// communities to get members in, each written to the audit log in the same transaction.
package desk

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"time"

	"gatehouse/server/auth"
	"gatehouse/server/events"
	"gatehouse/server/store"
	"gatehouse/server/workflows"
)

// Actor is the staff member acting, and from where.
type Actor struct {
	ID        string
	Email     string
	Role      string
	IP        string
	UserAgent string
}

// Errors the API maps to responses.
var (
	ErrForbidden      = errors.New("desk: not allowed on this account")
	ErrAlreadyGranted = errors.New("desk: contact already holds this offer")
	ErrArchived       = errors.New("desk: archived")
	ErrDisabled       = errors.New("desk: the contact is disabled")
	ErrNotRetryable   = errors.New("desk: only a failed, bounced or suppressed email can be retried")
	ErrNotSuppressed  = errors.New("desk: the address is not suppressed")
)

// ValidationError lists field problems in words staff can act on.
type ValidationError struct{ Fields map[string]string }

func (e *ValidationError) Error() string { return "desk: invalid input" }

// Service runs staff actions.
type Service struct {
	store     *store.Store
	auth      *auth.Service
	events    *events.Emitter
	workflows *workflows.Engine
	now       func() time.Time
}

// New returns the desk; em records the events workflows react to, wf runs test runs.
func New(st *store.Store, a *auth.Service, em *events.Emitter, wf *workflows.Engine, now func() time.Time) *Service {
	return &Service{store: st, auth: a, events: em, workflows: wf, now: now}
}

// audit appends an entry for an action in tx. Details never hold a secret.
func (d *Service) audit(ctx context.Context, tx *store.Store, a Actor, action, targetType, targetID, contactID string, detail map[string]any) error {
	return tx.AddAudit(ctx, &store.AuditEntry{
		ActorID: a.ID, ActorEmail: a.Email, Action: action, TargetType: targetType, TargetID: targetID,
		ContactID: contactID, Detail: detail, IP: a.IP, UserAgent: truncate(a.UserAgent, 400), CreatedAt: d.now(),
	})
}

// canActOn refuses actions on a staff account of a higher role than the actor's.
func canActOn(a Actor, target store.Contact) error {
	if auth.IsStaff(target.Role) && !auth.RoleAtLeast(a.Role, target.Role) {
		return ErrForbidden
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

func clean(s string) string { return strings.TrimSpace(s) }

func equalFold(a, b string) bool { return strings.EqualFold(a, b) }

func minutes(n int) time.Duration { return time.Duration(n) * time.Minute }

func containsAny(s, chars string) bool { return strings.ContainsAny(s, chars) }

func httpsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != ""
}
