package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Workflow is "when this happens to a contact, do these things".
type Workflow struct {
	bun.BaseModel `bun:"table:workflows,alias:w"`

	ID        string          `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	Name      string          `bun:"name"`
	Enabled   bool            `bun:"enabled"`
	Trigger   json.RawMessage `bun:"trigger,type:jsonb"`
	Actions   json.RawMessage `bun:"actions,type:jsonb"`
	Version   int             `bun:"version"`
	Flagged   string          `bun:"flagged"`
	CreatedAt time.Time       `bun:"created_at,nullzero,notnull,default:now()"`
	UpdatedAt time.Time       `bun:"updated_at,nullzero,notnull,default:now()"`
}

// WorkflowEvent is something that happened to a contact that workflows may react to.
type WorkflowEvent struct {
	bun.BaseModel `bun:"table:workflow_events"`

	ID         string   `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	Type       string   `bun:"type"`
	ContactID  string   `bun:"contact_id,type:uuid"`
	OfferID    string   `bun:"offer_id,type:uuid,nullzero"`
	FirstGrant bool     `bun:"first_grant"`
	Chain      []string `bun:"chain,type:uuid[],array"`
	DedupeKey  string   `bun:"dedupe_key,nullzero"`
	// WelcomeEmailID is the welcome email queued with a grant, in its transaction.
	WelcomeEmailID string    `bun:"welcome_email_id,type:uuid,nullzero"`
	CreatedAt      time.Time `bun:"created_at,nullzero,notnull,default:now()"`
}

// WorkflowRun is one workflow running for one contact.
type WorkflowRun struct {
	bun.BaseModel `bun:"table:workflow_runs,alias:r"`

	ID              string          `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	WorkflowID      string          `bun:"workflow_id,type:uuid"`
	WorkflowVersion int             `bun:"workflow_version"`
	EventID         string          `bun:"event_id,type:uuid,nullzero"`
	ContactID       string          `bun:"contact_id,type:uuid"`
	Actions         json.RawMessage `bun:"actions,type:jsonb"`
	Step            int             `bun:"step"`
	Status          string          `bun:"status"`
	Test            bool            `bun:"test"`
	Steps           json.RawMessage `bun:"steps,type:jsonb"`
	WaitUntil       time.Time       `bun:"wait_until,nullzero"`
	StartedAt       time.Time       `bun:"started_at,nullzero,notnull,default:now()"`
	FinishedAt      time.Time       `bun:"finished_at,nullzero"`
}

// CreateWorkflow inserts a workflow.
func (s *Store) CreateWorkflow(ctx context.Context, w *Workflow) error {
	_, err := s.db.NewInsert().Model(w).Returning("*").Exec(ctx)
	return dbErr("create workflow", err)
}

// UpdateWorkflow saves a workflow's definition and bumps its version.
func (s *Store) UpdateWorkflow(ctx context.Context, w *Workflow) error {
	res, err := s.db.NewUpdate().Model(w).Column("name", "enabled", "trigger", "actions", "flagged").
		Set("version = version + 1").Set("updated_at = now()").WherePK().Returning("*").Exec(ctx)
	return affected("update workflow", res, err)
}

// DeleteWorkflow removes a workflow and its runs.
func (s *Store) DeleteWorkflow(ctx context.Context, id string) error {
	res, err := s.db.NewDelete().Model((*Workflow)(nil)).Where("id = ?", id).Exec(ctx)
	return affected("delete workflow", res, err)
}

// WorkflowByID returns one workflow.
func (s *Store) WorkflowByID(ctx context.Context, id string) (Workflow, error) {
	var w Workflow
	err := s.db.NewSelect().Model(&w).Where("id = ?", id).Scan(ctx)
	return w, dbErr("workflow", err)
}

// ListWorkflows returns every workflow by name.
func (s *Store) ListWorkflows(ctx context.Context) ([]Workflow, error) {
	out := []Workflow{}
	return out, dbErr("list workflows", s.db.NewSelect().Model(&out).Order("name", "id").Scan(ctx))
}

// EnabledWorkflows returns the enabled workflows with a trigger type.
func (s *Store) EnabledWorkflows(ctx context.Context, triggerType string) ([]Workflow, error) {
	out := []Workflow{}
	err := s.db.NewSelect().Model(&out).Where("enabled AND trigger->>'type' = ?", triggerType).Order("id").Scan(ctx)
	return out, dbErr("enabled workflows", err)
}

// FlagWorkflow disables a workflow and says why.
func (s *Store) FlagWorkflow(ctx context.Context, id, why string) error {
	_, err := s.db.NewUpdate().Model((*Workflow)(nil)).Where("id = ?", id).
		Set("enabled = false").Set("flagged = ?", why).Set("updated_at = now()").Exec(ctx)
	return dbErr("flag workflow", err)
}

// AddWorkflowEvent stores an event; with a dedupe key already used it stores nothing and
// returns "".
func (s *Store) AddWorkflowEvent(ctx context.Context, ev WorkflowEvent) (string, error) {
	if ev.Chain == nil {
		ev.Chain = []string{}
	}
	res, err := s.db.NewInsert().Model(&ev).On("CONFLICT (dedupe_key) DO NOTHING").Returning("id").Exec(ctx)
	if err != nil {
		return "", dbErr("add workflow event", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return "", nil
	}
	return ev.ID, nil
}

// WorkflowEventByID returns one event.
func (s *Store) WorkflowEventByID(ctx context.Context, id string) (WorkflowEvent, error) {
	var ev WorkflowEvent
	err := s.db.NewSelect().Model(&ev).Where("id = ?", id).Scan(ctx)
	return ev, dbErr("workflow event", err)
}

// CreateRun starts a run. A run for the same workflow and event already there (a repeated
// dispatch) is ErrConflict; the transaction stays usable.
func (s *Store) CreateRun(ctx context.Context, r *WorkflowRun) error {
	if r.Steps == nil {
		r.Steps = json.RawMessage("[]")
	}
	res, err := s.db.NewInsert().Model(r).On("CONFLICT (workflow_id, event_id) WHERE event_id IS NOT NULL DO NOTHING").Returning("*").Exec(ctx)
	if err != nil {
		return dbErr("create run", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: create run: %w", ErrConflict)
	}
	return nil
}

// RunForUpdate locks a run while a step executes.
func (s *Store) RunForUpdate(ctx context.Context, id string) (WorkflowRun, error) {
	var r WorkflowRun
	err := s.db.NewSelect().Model(&r).Where("id = ?", id).For("UPDATE").Scan(ctx)
	return r, dbErr("lock run", err)
}

// SaveRun stores a run's progress.
func (s *Store) SaveRun(ctx context.Context, r *WorkflowRun) error {
	res, err := s.db.NewUpdate().Model(r).Column("step", "status", "steps", "wait_until", "finished_at").WherePK().Exec(ctx)
	return affected("save run", res, err)
}

// RunFilter narrows ListRuns.
type RunFilter struct {
	WorkflowID string
	ContactID  string
	Page
}

// RunListing is a run with the names a table shows next to it.
type RunListing struct {
	WorkflowRun  `bun:",extend"`
	ContactEmail string `bun:"contact_email"`
	ContactName  string `bun:"contact_name"`
	WorkflowName string `bun:"workflow_name"`
	TotalSteps   int    `bun:"total_steps"`
}

// ListRuns returns runs newest first, with their contact's and workflow's names and how many
// actions their copy of the workflow holds.
func (s *Store) ListRuns(ctx context.Context, f RunFilter) ([]RunListing, error) {
	out := []RunListing{}
	q := s.db.NewSelect().Model(&out).ColumnExpr("r.*").
		ColumnExpr("coalesce(c.email, '') AS contact_email, coalesce(c.name, '') AS contact_name").
		ColumnExpr("coalesce(w.name, '') AS workflow_name, coalesce(jsonb_array_length(r.actions), 0) AS total_steps").
		Join("LEFT JOIN contacts AS c ON c.id = r.contact_id").
		Join("LEFT JOIN workflows AS w ON w.id = r.workflow_id")
	q = f.newestFirst(q, "r.started_at", "r.id")
	if f.WorkflowID != "" {
		q = q.Where("r.workflow_id = ?", f.WorkflowID)
	}
	if f.ContactID != "" {
		q = q.Where("r.contact_id = ?", f.ContactID)
	}
	return out, dbErr("list runs", q.Scan(ctx))
}

// NeverLoggedInSince returns members who have not signed in and were invited (their first
// grant, revoked or not, or their creation) before cutoff, not yet handled for key prefix, up to limit.
func (s *Store) NeverLoggedInSince(ctx context.Context, cutoff time.Time, keyPrefix string, limit int) ([]string, error) {
	ids := []string{}
	err := s.db.NewRaw(`
		SELECT c.id FROM contacts c
		WHERE c.last_login_at IS NULL AND c.disabled_at IS NULL AND c.role = 'member'
		  AND coalesce((SELECT min(g.granted_at) FROM offer_grants g WHERE g.contact_id = c.id), c.created_at) <= ?
		  AND NOT EXISTS (SELECT 1 FROM workflow_events e WHERE e.dedupe_key = ? || c.id::text)
		ORDER BY c.id LIMIT ?`, cutoff, keyPrefix, limit).Scan(ctx, &ids)
	return ids, dbErr("never logged in", err)
}

// WorkflowsListen reports whether an enabled workflow has this trigger type.
func (s *Store) WorkflowsListen(ctx context.Context, triggerType string) (bool, error) {
	n, err := s.db.NewSelect().Model((*Workflow)(nil)).Where("enabled AND trigger->>'type' = ?", triggerType).Limit(1).Count(ctx)
	return n > 0, dbErr("workflows listen", err)
}
