package api

import (
	"encoding/json"
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/desk"
	"gatehouse/server/store"
	"gatehouse/server/workflows"
)

type workflowJSON struct {
	ID        string             `json:"id"`
	Name      string             `json:"name"`
	Enabled   bool               `json:"enabled"`
	Trigger   workflows.Trigger  `json:"trigger"`
	Actions   []workflows.Action `json:"actions"`
	Version   int                `json:"version"`
	Flagged   string             `json:"flagged"`
	CreatedAt time.Time          `json:"created_at"`
	UpdatedAt time.Time          `json:"updated_at"`
}

func toWorkflowJSON(w store.Workflow) workflowJSON {
	out := workflowJSON{ID: w.ID, Name: w.Name, Enabled: w.Enabled, Version: w.Version, Flagged: w.Flagged, CreatedAt: w.CreatedAt, UpdatedAt: w.UpdatedAt, Actions: []workflows.Action{}}
	_ = json.Unmarshal(w.Trigger, &out.Trigger)
	_ = json.Unmarshal(w.Actions, &out.Actions)
	return out
}

func (s *Server) listWorkflows(c *fiber.Ctx) error {
	list, err := s.Store.ListWorkflows(c.UserContext())
	if err != nil {
		return err
	}
	items := make([]workflowJSON, 0, len(list))
	for _, w := range list {
		items = append(items, toWorkflowJSON(w))
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": ""})
}

func (s *Server) getWorkflow(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	w, err := s.Store.WorkflowByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(toWorkflowJSON(w))
}

type workflowRequest struct {
	Name    string             `json:"name"`
	Enabled bool               `json:"enabled"`
	Trigger workflows.Trigger  `json:"trigger"`
	Actions []workflows.Action `json:"actions"`
}

func (s *Server) createWorkflow(c *fiber.Ctx) error {
	var req workflowRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	w, err := s.Desk.SaveWorkflow(c.UserContext(), actor(c), "", workflows.Definition(req))
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toWorkflowJSON(w))
}

// updateWorkflow changes the fields given (PATCH); the result is validated as a whole.
func (s *Server) updateWorkflow(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	current, err := s.Store.WorkflowByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	cur := toWorkflowJSON(current)
	req := workflowRequest{Name: cur.Name, Enabled: cur.Enabled, Trigger: cur.Trigger, Actions: cur.Actions}
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	w, err := s.Desk.SaveWorkflow(c.UserContext(), actor(c), id, workflows.Definition(req))
	if err != nil {
		return err
	}
	return c.JSON(toWorkflowJSON(w))
}

func (s *Server) deleteWorkflow(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.Desk.DeleteWorkflow(c.UserContext(), actor(c), id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

type recipeRequest struct {
	OfferID string `json:"offer_id"`
}

// createRecipe creates the built-in "welcome now, nudge after 3 days" workflow in one click.
func (s *Server) createRecipe(c *fiber.Ctx) error {
	var req recipeRequest
	if err := decodeOptionalJSON(c, &req); err != nil {
		return err
	}
	w, err := s.Desk.SaveWorkflow(c.UserContext(), actor(c), "", desk.WelcomeNudgeRecipe(req.OfferID))
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toWorkflowJSON(w))
}

type testRunRequest struct {
	ContactID string `json:"contact_id"`
}

// testWorkflow runs a workflow for one contact now (waits skipped).
func (s *Server) testWorkflow(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req testRunRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if !uuidPattern.MatchString(req.ContactID) {
		return validation(map[string]string{"contact_id": "Choose a contact."})
	}
	run, err := s.Desk.TestWorkflow(c.UserContext(), actor(c), id, req.ContactID)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(fiber.Map{"run_id": run.ID})
}

type runJSON struct {
	ID              string          `json:"id"`
	WorkflowID      string          `json:"workflow_id"`
	WorkflowVersion int             `json:"workflow_version"`
	ContactID       string          `json:"contact_id"`
	ContactEmail    string          `json:"contact_email"`
	ContactName     string          `json:"contact_name"`
	WorkflowName    string          `json:"workflow_name"`
	TotalSteps      int             `json:"total_steps"` // actions in the run's copy of the workflow
	Status          string          `json:"status"`
	Step            int             `json:"step"`
	Test            bool            `json:"test"`
	Steps           json.RawMessage `json:"steps"`
	WaitUntil       *time.Time      `json:"wait_until"`
	StartedAt       time.Time       `json:"started_at"`
	FinishedAt      *time.Time      `json:"finished_at"`
}

func (s *Server) runsPage(c *fiber.Ctx, f store.RunFilter) error {
	var err error
	if f.Page, err = newestPage(c, 50, 200); err != nil {
		return err
	}
	runs, err := s.Store.ListRuns(c.UserContext(), f)
	if err != nil {
		return err
	}
	runs, next := pageOf(runs, f.Page, func(r store.RunListing) (time.Time, string) { return r.StartedAt, r.ID })
	items := make([]runJSON, 0, len(runs))
	for _, r := range runs {
		items = append(items, runJSON{ID: r.ID, WorkflowID: r.WorkflowID, WorkflowVersion: r.WorkflowVersion, ContactID: r.ContactID,
			ContactEmail: r.ContactEmail, ContactName: r.ContactName, WorkflowName: r.WorkflowName, TotalSteps: r.TotalSteps, Status: r.Status,
			Step: r.Step, Test: r.Test, Steps: r.Steps, WaitUntil: timePtr(r.WaitUntil), StartedAt: r.StartedAt, FinishedAt: timePtr(r.FinishedAt)})
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": next})
}

func (s *Server) workflowRuns(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return s.runsPage(c, store.RunFilter{WorkflowID: id})
}

func (s *Server) contactRuns(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return s.runsPage(c, store.RunFilter{ContactID: id})
}
