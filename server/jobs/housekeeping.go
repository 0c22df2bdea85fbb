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

// Housekeeping deletes rate-limit counters whose windows ended long ago (every login,
// self-service request and OAuth start leaves one per IP and account, and the longest window
// is a day), the machine API's idempotent answers after their 24 hours, outbound webhook
// events (with their delivery logs) after 30 days, and what apps were issued that expired a
// day ago: authorization requests (kept until then so a replayed code is recognised), tokens,
// forward-auth codes and site cookies.
type Housekeeping struct {
	river.WorkerDefaults[HousekeepingArgs]
	store *store.Store
	now   func() time.Time
}

// Work prunes.
func (w *Housekeeping) Work(ctx context.Context, job *river.Job[HousekeepingArgs]) error {
	now := w.now()
	if err := w.store.PruneRateLimits(ctx, now.Add(-48*time.Hour)); err != nil {
		return err
	}
	if err := w.store.PruneIdempotencyKeys(ctx, now.Add(-25*time.Hour)); err != nil {
		return err
	}
	if err := w.store.PruneOutboundEvents(ctx, now.AddDate(0, 0, -30)); err != nil {
		return err
	}
	day := now.Add(-24 * time.Hour)
	if err := w.store.PruneAuthRequests(ctx, day); err != nil {
		return err
	}
	if err := w.store.PruneTokens(ctx, day); err != nil {
		return err
	}
	return w.store.PruneForwardAuth(ctx, day)
}
