// Package jobs runs Gatehouse's background work on River, in PostgreSQL: email delivery and
// the decisions behind self-service requests. Queues separate credential email from bulk
// work so a member's reset link never waits behind a mass mailing.
package jobs

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"

	"gatehouse/server/events"
	"gatehouse/server/oidcprovider"
	"gatehouse/server/outbox"
	"gatehouse/server/store"
)

// Options tune the job client.
type Options struct {
	// Work makes the client run jobs; without it the client only inserts (command line tools).
	Work bool
	// CredentialWorkers and BulkWorkers size the two lanes.
	CredentialWorkers int
	BulkWorkers       int
	// WebhookWorkers deliver outbound webhooks (default 4): a receiver that hangs for its
	// 10 s holds one of them, never an email worker.
	WebhookWorkers int
	// PollInterval is the fallback when LISTEN/NOTIFY wake-ups are missed.
	PollInterval time.Duration
	// RetryBase and RetryMax shape the exponential backoff between attempts of a failed job
	// (defaults 2 s and 10 min).
	RetryBase time.Duration
	RetryMax  time.Duration
	// RescueAfter is how long a job may look running before it is run again (its worker
	// died); default 5 min. Jobs time out after half of it (at most 2 min): River requires the
	// timeout below it, and a job still working must never be rescued.
	RescueAfter time.Duration
	// AssembleEvery is how often waiting bulk email is batched even if nothing woke the
	// assembler; default 2 s.
	AssembleEvery time.Duration
	// SigningKeys, when set, rotates the OpenID provider's signing keys every hour (and at
	// start): a new key is published ahead of its turn, retired ones after their tokens expire.
	SigningKeys *oidcprovider.Keys
	Logger      *slog.Logger
}

// NewClient returns a River client on the store's pool. Workers may be added to workers until
// the client starts (River captures the registry at Start).
func NewClient(st *store.Store, workers *river.Workers, o Options) (*river.Client[*sql.Tx], error) {
	driver := riverdatabasesql.NewWithPgxListener(st.SQLDB(), st.Pool())
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg := &river.Config{Logger: slog.New(quiet{log.Handler(), slog.LevelWarn}), Workers: workers, ID: clientID()}
	if o.Work {
		cfg.Queues = map[string]river.QueueConfig{
			outbox.LaneCredential: {MaxWorkers: max(o.CredentialWorkers, 1)},
			outbox.LaneBulk:       {MaxWorkers: max(o.BulkWorkers, 1)},
			river.QueueDefault:    {MaxWorkers: 2},
			events.HookQueue:      {MaxWorkers: cmp.Or(o.WebhookWorkers, 4)},
		}
		cfg.FetchPollInterval = o.PollInterval
		cfg.JobTimeout = min(2*time.Minute, cmp.Or(o.RescueAfter, 5*time.Minute)/2)
		// A job whose worker died (crash, kill -9) is run again after this; the email row's
		// idempotency key makes the second run safe.
		cfg.RescueStuckJobsAfter = cmp.Or(o.RescueAfter, 5*time.Minute)
		cfg.PeriodicJobs = []*river.PeriodicJob{
			river.NewPeriodicJob(
				river.PeriodicInterval(cmp.Or(o.AssembleEvery, 2*time.Second)),
				func() (river.JobArgs, *river.InsertOpts) { return outbox.AssembleBatchesArgs{}, outbox.AssembleOpts() },
				&river.PeriodicJobOpts{RunOnStart: true},
			),
			river.NewPeriodicJob(
				river.PeriodicInterval(10*time.Minute),
				func() (river.JobArgs, *river.InsertOpts) { return ScanInactiveArgs{}, nil },
				&river.PeriodicJobOpts{RunOnStart: true},
			),
			river.NewPeriodicJob(
				river.PeriodicInterval(time.Hour),
				func() (river.JobArgs, *river.InsertOpts) { return HousekeepingArgs{}, nil },
				nil,
			),
		}
		// Safely: a client restarted on the same registry (tests do) has it already.
		_ = river.AddWorkerSafely(workers, &Housekeeping{store: st, now: time.Now})
		if o.SigningKeys != nil {
			cfg.PeriodicJobs = append(cfg.PeriodicJobs, river.NewPeriodicJob(
				river.PeriodicInterval(time.Hour),
				func() (river.JobArgs, *river.InsertOpts) { return RotateSigningKeysArgs{}, nil },
				&river.PeriodicJobOpts{RunOnStart: true},
			))
			_ = river.AddWorkerSafely(workers, &RotateSigningKeys{keys: o.SigningKeys})
		}
		cfg.RetryPolicy = backoff{base: cmp.Or(o.RetryBase, 2*time.Second), max: cmp.Or(o.RetryMax, 10*time.Minute)}
	} else {
		cfg.Workers = nil
	}
	c, err := river.NewClient(driver, cfg)
	if err != nil {
		return nil, fmt.Errorf("jobs: river client: %w", err)
	}
	return c, nil
}

// clientID names this process in River's tables (a job's attempted_by, the leader): host,
// process id and start time, so an operator can tell which instance ran or holds a job.
func clientID() string {
	host, _ := os.Hostname()
	host = strings.NewReplacer(".", "_", "-", "_").Replace(cmp.Or(host, "host"))
	if len(host) > 40 {
		host = host[:40]
	}
	stamp := strings.ReplaceAll(time.Now().UTC().Format("20060102T150405.000000"), ".", "_")
	return fmt.Sprintf("%s_pid%d_%s_%d", host, os.Getpid(), stamp, clients.Add(1)) // tests run several per process
}

var clients atomic.Int64

// quiet passes on only records at or above min: River reports routine producer statistics at
// info level, which would drown the request log.
type quiet struct {
	slog.Handler
	min slog.Level
}

func (q quiet) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= q.min && q.Handler.Enabled(ctx, l)
}

func (q quiet) WithAttrs(attrs []slog.Attr) slog.Handler {
	return quiet{q.Handler.WithAttrs(attrs), q.min}
}

func (q quiet) WithGroup(name string) slog.Handler { return quiet{q.Handler.WithGroup(name), q.min} }

// ReportFailures logs each failed job attempt with its error until ctx ends: River reports
// them below the level we keep, and a job that keeps failing must be visible to operators.
func ReportFailures(ctx context.Context, c *river.Client[*sql.Tx], log *slog.Logger) {
	events, cancel := c.Subscribe(river.EventKindJobFailed)
	go func() {
		defer cancel()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-events:
				if !ok {
					return
				}
				msg := ""
				if n := len(ev.Job.Errors); n > 0 {
					msg = ev.Job.Errors[n-1].Error
				}
				log.Warn("job failed", "kind", ev.Job.Kind, "job_id", ev.Job.ID, "attempt", ev.Job.Attempt, "state", string(ev.Job.State), "error", msg)
			}
		}
	}()
}
