package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"gatehouse/server/bulk"
	"gatehouse/server/importer"
)

// BulkOperations works through bulk operations.
type BulkOperations struct {
	river.WorkerDefaults[bulk.RunArgs]
	bulk *bulk.Service
}

// NewBulkOperations returns the worker.
func NewBulkOperations(b *bulk.Service) *BulkOperations { return &BulkOperations{bulk: b} }

// Work runs (or resumes) one operation.
func (w *BulkOperations) Work(ctx context.Context, job *river.Job[bulk.RunArgs]) error {
	return w.bulk.Run(ctx, job.Args.OperationID)
}

// Imports dry-runs and runs uploaded CSV imports.
type Imports struct {
	river.WorkerDefaults[importer.ProcessArgs]
	importer *importer.Importer
}

// NewImports returns the worker.
func NewImports(im *importer.Importer) *Imports { return &Imports{importer: im} }

// Work processes one import.
func (w *Imports) Work(ctx context.Context, job *river.Job[importer.ProcessArgs]) error {
	return w.importer.Process(ctx, job.Args.ImportID)
}
