package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"gatehouse/server/access"
	"gatehouse/server/auth"
	"gatehouse/server/events"
	"gatehouse/server/mail"
	"gatehouse/server/outbox"
	"gatehouse/server/resendfake"
	"gatehouse/server/serverkey"
	"gatehouse/server/store"
	"gatehouse/server/testdb"
	"gatehouse/server/workflows"
)

func TestMain(m *testing.M) {
	// The crash test re-runs this binary as a worker process that it then kills.
	if dsn := os.Getenv("GATEHOUSE_CRASH_WORKER_DSN"); dsn != "" {
		os.Exit(crashWorker(dsn, os.Getenv("GATEHOUSE_CRASH_WORKER_RESEND")))
	}
	os.Exit(testdb.Main(m))
}

// instance is one gatehouse process's job side: a River client with the delivery workers.
type instance struct {
	client *river.Client[*sql.Tx]
	auth   *auth.Service
	engine *workflows.Engine
	events *events.Emitter
	stop   func()
}

type instanceOptions struct {
	rate        float64       // provider requests per second (0: unpaced)
	rescueAfter time.Duration // 0: the default
	insertOnly  bool          // queue jobs but do not work them
}

// startInstance runs the delivery workers against st and the fake Resend at resendURL.
func startInstance(t testing.TB, st *store.Store, resendURL string, o instanceOptions) *instance {
	t.Helper()
	in, err := newInstance(st, resendURL, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(in.stop)
	return in
}

func newInstance(st *store.Store, resendURL string, o instanceOptions) (*instance, error) {
	sender, err := mail.NewResend("re_jobs", resendURL, 5*time.Second)
	if err != nil {
		return nil, err
	}
	templates, err := mail.LoadTemplates()
	if err != nil {
		return nil, err
	}
	log := slog.New(slog.DiscardHandler)
	workers := river.NewWorkers()
	client, err := NewClient(st, workers, Options{Work: true, CredentialWorkers: 4, BulkWorkers: 1, PollInterval: 100 * time.Millisecond,
		RetryBase: 50 * time.Millisecond, RetryMax: 500 * time.Millisecond, RescueAfter: o.rescueAfter, AssembleEvery: 500 * time.Millisecond, Logger: log})
	if err != nil {
		return nil, err
	}
	u, _ := url.Parse("https://portal.example.test")
	ob := outbox.New(client, templates, u, 8, time.Now)
	em := events.New(client, time.Now)
	a := auth.New(st, ob, client, auth.NewHasher(auth.TestHashParams, 2, time.Second), em, testKeys(), time.Now, log)
	deliver := NewDeliver(st, ob, sender, NewPacer(st, o.rate), em, "Gatehouse <no-reply@example.test>", time.Now, log)
	river.AddWorker(workers, deliver)
	river.AddWorker(workers, NewDeliverBatch(deliver))
	river.AddWorker(workers, NewAssembleBatches(st, client, 8, time.Now))
	river.AddWorker(workers, NewAccessRequests(a))
	river.AddWorker(workers, NewWebhooks(st, client, em, time.Now))
	engine := workflows.New(st, access.New(a, em, time.Now), a, em, client, time.Now, log)
	AddWorkflowWorkers(workers, engine)
	ctx, cancel := context.WithCancel(context.Background())
	if !o.insertOnly {
		if err := client.Start(ctx); err != nil {
			cancel()
			return nil, err
		}
	}
	in := &instance{client: client, auth: a, engine: engine, events: em}
	in.stop = func() {
		stopCtx, done := context.WithTimeout(context.Background(), 10*time.Second)
		defer done()
		if !o.insertOnly {
			_ = client.Stop(stopCtx)
		}
		cancel()
	}
	return in, nil
}

// queueWelcomes creates n members holding one offer and queues their welcome emails in lane,
// in chunks of 500 per transaction (as a bulk resend would). It returns the email ids.
func queueWelcomes(t testing.TB, st *store.Store, a *auth.Service, n int, lane, prefix string) []string {
	t.Helper()
	ctx := context.Background()
	o := store.Offer{Name: "Course"}
	if err := st.CreateOffer(ctx, &o); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for from := 0; from < n; from += 500 {
		err := st.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
			for i := from; i < min(from+500, n); i++ {
				c := store.Contact{Email: fmt.Sprintf("%s%d@example.com", prefix, i), Role: auth.RoleMember}
				if err := tx.CreateContact(ctx, &c); err != nil {
					return err
				}
				e, err := a.QueueWelcome(ctx, tx, c, o, auth.Via{Lane: lane})
				if err != nil {
					return err
				}
				ids = append(ids, e.ID)
			}
			if lane == outbox.LaneBulk {
				return a.WakeBatcher(ctx, tx)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return ids
}

// waitSent waits until every email in ids has left the queue (sent or final).
func waitSent(t testing.TB, st *store.Store, ids []string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		var pending int
		if err := st.SQLDB().QueryRow(`SELECT count(*) FROM emails WHERE status IN ('queued','sending')`).Scan(&pending); err != nil {
			t.Fatal(err)
		}
		if pending == 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("emails still queued after %s", within)
}

func newFake(t testing.TB, o resendfake.Options) *resendfake.Server {
	o.APIKey = "re_jobs"
	f := resendfake.New(o)
	t.Cleanup(f.Close)
	return f
}

func testKeys() *serverkey.Ring {
	r, err := serverkey.Parse(serverkey.New())
	if err != nil {
		panic(err)
	}
	return r
}
