// Package events records what happens to contacts that workflows may react to (an offer
// granted, a bounce, a reset requested …) and what outside systems subscribed to with a
// webhook endpoint (outbound.go): each event is a row plus a job, written in the transaction
// of the change that caused it.
package events

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"gatehouse/server/store"
)

// Event types (the workflow trigger types of PRODUCT.md).
const (
	OfferGranted   = "offer_granted"
	OfferRevoked   = "offer_revoked"
	ContactCreated = "contact_created"
	NotLoggedIn    = "not_logged_in"
	EmailBounced   = "email_bounced" // a bounce or a spam complaint
	ResetRequested = "reset_requested"
)

// Event is one occurrence. Chain lists the workflows whose actions caused it.
type Event struct {
	Type       string
	ContactID  string
	OfferID    string
	FirstGrant bool
	Chain      []string
	DedupeKey  string
	// WelcomeEmailID is the welcome email queued with a grant in its transaction, if any.
	WelcomeEmailID string
}

// DispatchArgs is the job that starts the runs of the workflows an event triggers.
type DispatchArgs struct {
	EventID string `json:"event_id"`
}

// Kind is River's name for the job.
func (DispatchArgs) Kind() string { return "dispatch_workflow_event" }

// Emitter writes events.
type Emitter struct {
	river *river.Client[*sql.Tx]
	now   func() time.Time
}

// New returns an Emitter.
func New(client *river.Client[*sql.Tx], now func() time.Time) *Emitter {
	return &Emitter{river: client, now: now}
}

// Emit records ev and queues its dispatch in tx. An event with a dedupe key already seen is
// dropped (it reports false).
func (e *Emitter) Emit(ctx context.Context, tx *store.Store, ev Event) (bool, error) {
	if e == nil { // command-line tools run without workflows
		return false, nil
	}
	if tx.SQLTx() == nil {
		return false, fmt.Errorf("events: emit must run inside a transaction")
	}
	// Most events concern no workflow: one cheap read instead of an event row and a job (an
	// import of 100,000 contacts would otherwise queue 100,000 dispatches for nothing).
	if listened, err := tx.WorkflowsListen(ctx, ev.Type); err != nil || !listened {
		return false, err
	}
	id, err := tx.AddWorkflowEvent(ctx, store.WorkflowEvent{Type: ev.Type, ContactID: ev.ContactID, OfferID: ev.OfferID,
		FirstGrant: ev.FirstGrant, Chain: ev.Chain, DedupeKey: ev.DedupeKey, WelcomeEmailID: ev.WelcomeEmailID, CreatedAt: e.now()})
	if err != nil || id == "" {
		return false, err
	}
	_, err = e.river.InsertTx(ctx, tx.SQLTx(), DispatchArgs{EventID: id}, &river.InsertOpts{Queue: river.QueueDefault})
	return err == nil, err
}
