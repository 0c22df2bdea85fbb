package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"gatehouse"
	"gatehouse/server/access"
	"gatehouse/server/auth"
	"gatehouse/server/events"
	"gatehouse/server/jobs"
	"gatehouse/server/mail"
	"gatehouse/server/outbox"
	"gatehouse/server/pglocal"
	"gatehouse/server/resendfake"
	"gatehouse/server/serverkey"
	"gatehouse/server/store"
	"gatehouse/server/workflows"
)

// rig is the delivery side of `gatehouse serve` on a fresh embedded database, sending to a fake
// Resend limited (like Resend) to rate requests per second.
type rig struct {
	st      *store.Store
	fake    *resendfake.Server
	rc      *river.Client[*sql.Tx]
	auth    *auth.Service
	access  *access.Service
	events  *events.Emitter
	workers *river.Workers
	close   func()
}

func newRig(ctx context.Context, rate float64) (*rig, error) {
	base, err := os.MkdirTemp("", "gatehouse-email-bench-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(base, 0o755); err != nil {
		return nil, err
	}
	pg, err := pglocal.Start(ctx, pglocal.Options{Dir: filepath.Join(base, "pg"), Ephemeral: true})
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, pg.URL, 20)
	if err != nil {
		return nil, err
	}
	if _, err := st.Migrate(ctx, gatehouse.Migrations()); err != nil {
		return nil, err
	}
	fake := resendfake.New(resendfake.Options{APIKey: "re_bench", RateLimit: rate})
	log := slog.New(slog.DiscardHandler)
	sender, _ := mail.NewResend("re_bench", fake.URL(), 15*time.Second)
	templates, _ := mail.LoadTemplates()
	workers := river.NewWorkers()
	rc, err := jobs.NewClient(st, workers, jobs.Options{Work: true, CredentialWorkers: 8, BulkWorkers: 1, PollInterval: time.Second, Logger: log})
	if err != nil {
		return nil, err
	}
	public, _ := url.Parse("https://portal.example.com")
	em := events.New(rc, time.Now)
	ob := outbox.New(rc, templates, public, 8, time.Now)
	a := auth.New(st, ob, rc, auth.NewHasher(auth.DefaultHashParams, 2, 2*time.Second), em, benchServerKey(), time.Now, log)
	deliver := jobs.NewDeliver(st, ob, sender, jobs.NewPacer(st, rate), em, "Bench <bench@example.com>", time.Now, log)
	river.AddWorker(workers, deliver)
	river.AddWorker(workers, jobs.NewDeliverBatch(deliver))
	river.AddWorker(workers, jobs.NewAssembleBatches(st, rc, 8, time.Now))
	river.AddWorker(workers, jobs.NewAccessRequests(a))
	ac := access.New(a, em, time.Now)
	jobs.AddWorkflowWorkers(workers, workflows.New(st, ac, a, em, rc, time.Now, log))
	r := &rig{st: st, fake: fake, rc: rc, auth: a, access: ac, events: em, workers: workers}
	r.close = func() {
		_ = rc.Stop(context.Background())
		fake.Close()
		st.Close()
		pg.Stop()
		os.RemoveAll(base)
	}
	return r, nil
}

// benchEmail queues n welcome emails in the bulk lane and drains them into the fake Resend.
// Halfway through, a member asks for a password reset: how long that email waits is the
// measure of "credential email never queues behind bulk".
func benchEmail(n int, rate float64) error {
	ctx := context.Background()
	r, err := newRig(ctx, rate)
	if err != nil {
		return err
	}
	defer r.close()
	// Queue everything first, then start the workers: the drain is what is measured.
	t0 := time.Now()
	if err := queueBulkWelcomes(ctx, r.st, r.access, r.auth, n); err != nil {
		return err
	}
	queued := time.Since(t0)
	member := store.Contact{Email: "urgent@example.com", Role: auth.RoleMember}
	if err := r.st.CreateContact(ctx, &member); err != nil {
		return err
	}
	if err := r.rc.Start(ctx); err != nil {
		return err
	}
	start := time.Now()
	if err := r.fake.WaitForMessages(ctx, n/2); err != nil {
		return err
	}
	asked := time.Now()
	if err := r.auth.RequestAccess(ctx, auth.RequestForgotPassword, member.Email, auth.Meta{IP: "203.0.113.1"}); err != nil {
		return err
	}
	resetWait := waitFor(r.fake, member.Email).Sub(asked)
	if err := r.fake.WaitForMessages(ctx, n+1); err != nil {
		return err
	}
	drain := time.Since(start)
	fmt.Printf("queued %d bulk welcome emails in %s (%.0f/s)\n", n, queued.Round(time.Millisecond), float64(n)/queued.Seconds())
	printDrain(r.fake, n, drain, rate)
	fmt.Printf("forgot-password email injected at %d/%d: reached Resend %s after the request\n", n/2, n, resetWait.Round(time.Millisecond))
	return nil
}

func waitFor(fake *resendfake.Server, to string) time.Time {
	for {
		for _, m := range fake.Messages() {
			if len(m.To) > 0 && m.To[0] == to {
				return m.ReceivedAt
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func printDrain(fake *resendfake.Server, n int, drain time.Duration, rate float64) {
	rateLimited := 0
	for _, r := range fake.Requests() {
		if r.Status == 429 {
			rateLimited++
		}
	}
	ceiling := rate * mail.MaxBatch
	perSecond := float64(n) / drain.Seconds()
	fmt.Printf("drained into the fake Resend (%.0f requests/s, batches of %d) in %s\n", rate, mail.MaxBatch, drain.Round(time.Millisecond))
	fmt.Printf("achieved %.1f emails/s = %.3f of the %.0f/s ceiling; %d answers were 429\n", perSecond, perSecond/ceiling, ceiling, rateLimited)
}

// queueBulkWelcomes grants n members one offer with its welcome email in the bulk lane, as an
// import does, 1,000 per transaction.
func queueBulkWelcomes(ctx context.Context, st *store.Store, ac *access.Service, a *auth.Service, n int) error {
	o := store.Offer{Name: "Bench course"}
	if err := st.CreateOffer(ctx, &o); err != nil {
		return err
	}
	if err := st.Exec(ctx, `INSERT INTO contacts (email, name) SELECT 'bulk' || i || '@example.com', 'Member ' || i FROM generate_series(1, ?::int) i`, n); err != nil {
		return err
	}
	list, err := st.ListContacts(ctx, store.ContactFilter{Q: "bulk", Sort: store.SortName, Limit: n})
	if err != nil {
		return err
	}
	for from := 0; from < len(list); from += 1000 {
		err := st.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
			importer := access.Actor{Kind: access.KindImport, Label: "bench", Lane: outbox.LaneBulk}
			for _, c := range list[from:min(from+1000, len(list))] {
				if _, err := ac.Grant(ctx, tx, importer, c.ID, o.ID, true); err != nil {
					return err
				}
			}
			return a.WakeBatcher(ctx, tx)
		})
		if err != nil {
			return err
		}
	}
	if len(list) != n || !strings.HasPrefix(list[0].Email, "bulk") {
		return fmt.Errorf("seeded %d contacts, want %d", len(list), n)
	}
	return nil
}

// benchServerKey keys the short codes of the emails the benchmark queues.
func benchServerKey() *serverkey.Ring {
	r, err := serverkey.Parse(benchKey)
	if err != nil {
		panic(err)
	}
	return r
}
