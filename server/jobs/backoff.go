package jobs

import (
	"math/rand/v2"
	"time"

	"github.com/riverqueue/river/rivertype"
)

// backoff retries a failed job after base·2^(attempt-1), capped at max, with "equal jitter"
// (half fixed, half random) so that many emails failing together during a provider outage do
// not all come back at the same instant.
type backoff struct {
	base, max time.Duration
}

// NextRetry implements river.ClientRetryPolicy.
func (b backoff) NextRetry(job *rivertype.JobRow) time.Time {
	d := b.base
	for i := 1; i < job.Attempt && d < b.max; i++ {
		d *= 2
	}
	d = min(d, b.max)
	half := d / 2
	return time.Now().Add(half + rand.N(half+1))
}
