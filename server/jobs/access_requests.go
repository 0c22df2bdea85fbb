package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"gatehouse/server/auth"
)

// AccessRequests decides self-service requests (forgot password, resend access, renew link).
type AccessRequests struct {
	river.WorkerDefaults[auth.AccessRequestArgs]
	auth *auth.Service
}

// NewAccessRequests returns the worker.
func NewAccessRequests(a *auth.Service) *AccessRequests { return &AccessRequests{auth: a} }

// Work decides one request; auth makes a second run a no-op.
func (w *AccessRequests) Work(ctx context.Context, job *river.Job[auth.AccessRequestArgs]) error {
	return w.auth.ProcessAccessRequest(ctx, job.Args.RequestID)
}
