package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"gatehouse/server/oidcprovider"
)

// RotateSigningKeysArgs is the hourly look at the OpenID provider's signing keys.
type RotateSigningKeysArgs struct{}

// Kind is River's name for the job.
func (RotateSigningKeysArgs) Kind() string { return "rotate_signing_keys" }

// RotateSigningKeys publishes the next signing key ahead of its turn when the current one is
// due (every 30 days), retires the one it replaced, and forgets keys whose tokens have all
// expired. Concurrent runs (two instances) take turns on an advisory lock.
type RotateSigningKeys struct {
	river.WorkerDefaults[RotateSigningKeysArgs]
	keys *oidcprovider.Keys
}

// Work rotates.
func (w *RotateSigningKeys) Work(ctx context.Context, _ *river.Job[RotateSigningKeysArgs]) error {
	return w.keys.Rotate(ctx)
}
