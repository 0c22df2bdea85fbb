// Package desk holds the staff access desk: what staff do to contacts, offers, communities,
// workflows and settings, each written to the audit log in the same transaction. The actions on
// a contact's access are access's (one path for every caller); the desk opens the transaction.
package desk

import (
	"context"
	"net/url"
	"strings"
	"time"

	"gatehouse/server/access"
	"gatehouse/server/auth"
	"gatehouse/server/store"
	"gatehouse/server/workflows"
)

// Actor is the staff member acting, and from where.
type Actor = access.Actor

// Errors the API maps to responses (the access errors are access's own).
var (
	ErrNotRetryable = access.ErrNotRetryable
)

// ValidationError lists field problems in words staff can act on.
type ValidationError struct{ Fields map[string]string }

func (e *ValidationError) Error() string { return "desk: invalid input" }

// Service runs staff actions.
type Service struct {
	store     *store.Store
	auth      *auth.Service
	access    *access.Service
	workflows *workflows.Engine
	now       func() time.Time
}

// New returns the desk; ac runs the actions on contacts, wf runs test runs.
func New(st *store.Store, a *auth.Service, ac *access.Service, wf *workflows.Engine, now func() time.Time) *Service {
	return &Service{store: st, auth: a, access: ac, workflows: wf, now: now}
}

// audit appends an entry for an action in tx. Details never hold a secret.
func (d *Service) audit(ctx context.Context, tx *store.Store, a Actor, action string, t access.Target, detail map[string]any) error {
	return d.access.Audit(ctx, tx, a, action, t, detail)
}

// inTx runs one access action in its own transaction.
func (d *Service) inTx(ctx context.Context, fn func(ctx context.Context, tx *store.Store) error) error {
	return d.store.InTx(ctx, fn)
}

func clean(s string) string { return strings.TrimSpace(s) }

func minutes(n int) time.Duration { return time.Duration(n) * time.Minute }

func containsAny(s, chars string) bool { return strings.ContainsAny(s, chars) }

func httpsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != ""
}

// ErrSelf refuses actions staff must not take on their own account (disable, demote).
var ErrSelf = access.ErrSelf
