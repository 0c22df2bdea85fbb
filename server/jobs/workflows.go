package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"gatehouse/server/events"
	"gatehouse/server/workflows"
)

// DispatchEvents starts the workflow runs an event triggers.
type DispatchEvents struct {
	river.WorkerDefaults[events.DispatchArgs]
	engine *workflows.Engine
}

// WorkflowSteps runs workflow steps.
type WorkflowSteps struct {
	river.WorkerDefaults[workflows.StepArgs]
	engine *workflows.Engine
}

// ScanInactiveArgs is the periodic job that finds members who never signed in.
type ScanInactiveArgs struct{}

// Kind is River's name for the job.
func (ScanInactiveArgs) Kind() string { return "workflow_scan_inactive" }

// ScanInactive emits "not logged in N days" events.
type ScanInactive struct {
	river.WorkerDefaults[ScanInactiveArgs]
	engine *workflows.Engine
}

// AddWorkflowWorkers registers the workflow workers.
func AddWorkflowWorkers(workers *river.Workers, e *workflows.Engine) {
	river.AddWorker(workers, &DispatchEvents{engine: e})
	river.AddWorker(workers, &WorkflowSteps{engine: e})
	river.AddWorker(workers, &ScanInactive{engine: e})
}

// Work dispatches one event.
func (w *DispatchEvents) Work(ctx context.Context, job *river.Job[events.DispatchArgs]) error {
	return w.engine.Dispatch(ctx, job.Args.EventID)
}

// Work runs one step.
func (w *WorkflowSteps) Work(ctx context.Context, job *river.Job[workflows.StepArgs]) error {
	return w.engine.Step(ctx, job.Args.RunID, job.Args.Step)
}

// Work scans for inactive members.
func (w *ScanInactive) Work(ctx context.Context, job *river.Job[ScanInactiveArgs]) error {
	_, err := w.engine.ScanInactive(ctx)
	return err
}
