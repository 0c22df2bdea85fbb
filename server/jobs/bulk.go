package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"gatehouse/server/bulk"
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
