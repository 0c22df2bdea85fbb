package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"gatehouse/server/store"
)

// HousekeepingArgs is the hourly clean-up.
type HousekeepingArgs struct{}

// Kind is River's name for the job.
func (HousekeepingArgs) Kind() string { return "housekeeping" }

// Housekeeping deletes rate-limit counters whose windows ended long ago: every login,
// self-service request and OAuth start leaves one per IP and account, and the longest window
// is a day.
type Housekeeping struct {
	river.WorkerDefaults[HousekeepingArgs]
	store *store.Store
	now   func() time.Time
}

// Work prunes.
func (w *Housekeeping) Work(ctx context.Context, job *river.Job[HousekeepingArgs]) error {
	return w.store.PruneRateLimits(ctx, w.now().Add(-48*time.Hour))
}
