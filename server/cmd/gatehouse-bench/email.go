package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"gatehouse"
	"gatehouse/server/auth"
	"gatehouse/server/jobs"
	"gatehouse/server/mail"
	"gatehouse/server/outbox"
	"gatehouse/server/pglocal"
	"gatehouse/server/resendfake"
	"gatehouse/server/store"
)

// benchEmail queues n welcome emails in the bulk lane and drains them into the fake Resend,
// limited (like Resend) to `rate` requests per second, with the same wiring as `gatehouse
// serve`. Halfway through, a member asks for a password reset: how long that email waits is
// the measure of "credential email never queues behind bulk".
func benchEmail(n int, rate float64) error {
	ctx := context.Background()
	base, err := os.MkdirTemp("", "gatehouse-email-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(base)
	if err := os.Chmod(base, 0o755); err != nil {
		return err
	}
	pg, err := pglocal.Start(ctx, pglocal.Options{Dir: filepath.Join(base, "pg"), Ephemeral: true})
	if err != nil {
		return err
	}
	defer pg.Stop()
	st, err := store.Open(ctx, pg.URL, 20)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Migrate(ctx, gatehouse.Migrations()); err != nil {
		return err
	}
	fake := resendfake.New(resendfake.Options{APIKey: "re_bench", RateLimit: rate})
	defer fake.Close()

	log := slog.New(slog.DiscardHandler)
	sender, _ := mail.NewResend("re_bench", fake.URL(), 15*time.Second)
	templates, _ := mail.LoadTemplates()
	workers := river.NewWorkers()
	rc, err := jobs.NewClient(st, workers, jobs.Options{Work: true, CredentialWorkers: 8, BulkWorkers: 1, PollInterval: time.Second, Logger: log})
	if err != nil {
		return err
	}
	public, _ := url.Parse("https://portal.example.com")
	a := auth.New(st, outbox.New(rc, templates, public, 8, time.Now), rc, auth.NewHasher(auth.DefaultHashParams, 2, 2*time.Second), nil, time.Now, log)
	deliver := jobs.NewDeliver(st, sender, jobs.NewPacer(st, rate), "Bench <bench@example.com>", time.Now, log)
	river.AddWorker(workers, deliver)
	river.AddWorker(workers, jobs.NewDeliverBatch(deliver))
	river.AddWorker(workers, jobs.NewAssembleBatches(st, rc, 8, time.Now))
	river.AddWorker(workers, jobs.NewAccessRequests(a))

	// Queue everything first, then start the workers: the drain is what is measured.
	t0 := time.Now()
	if err := queueBulkWelcomes(ctx, st, a, n); err != nil {
		return err
	}
	queued := time.Since(t0)
	member := store.Contact{Email: "urgent@example.com", Role: auth.RoleMember}
	if err := st.CreateContact(ctx, &member); err != nil {
		return err
	}
	if err := rc.Start(ctx); err != nil {
		return err
	}
	defer rc.Stop(context.Background())
	start := time.Now()

	// Halfway: the forgot-password request.
	if err := fake.WaitForMessages(ctx, n/2); err != nil {
		return err
	}
	asked := time.Now()
	if err := a.RequestAccess(ctx, auth.RequestForgotPassword, member.Email, auth.Meta{IP: "203.0.113.1"}); err != nil {
		return err
	}
	var resetWait time.Duration
	for resetWait == 0 {
		for _, m := range fake.Messages() {
			if len(m.To) > 0 && m.To[0] == member.Email {
				resetWait = m.ReceivedAt.Sub(asked)
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := fake.WaitForMessages(ctx, n+1); err != nil {
		return err
	}
	drain := time.Since(start)
	rateLimited := 0
	for _, r := range fake.Requests() {
		if r.Status == 429 {
			rateLimited++
		}
	}
	ceiling := rate * mail.MaxBatch
	perSecond := float64(n) / drain.Seconds()
	fmt.Printf("queued %d bulk welcome emails in %s (%.0f/s)\n", n, queued.Round(time.Millisecond), float64(n)/queued.Seconds())
	fmt.Printf("drained into the fake Resend (%.0f requests/s, batches of %d) in %s\n", rate, mail.MaxBatch, drain.Round(time.Millisecond))
	fmt.Printf("achieved %.1f emails/s = %.3f of the %.0f/s ceiling; %d answers were 429\n", perSecond, perSecond/ceiling, ceiling, rateLimited)
	fmt.Printf("forgot-password email injected at %d/%d: reached Resend %s after the request\n", n/2, n, resetWait.Round(time.Millisecond))
	return nil
}

// queueBulkWelcomes creates n members of one offer and queues their welcome emails in the bulk
// lane, 1,000 per transaction.
func queueBulkWelcomes(ctx context.Context, st *store.Store, a *auth.Service, n int) error {
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
			for _, c := range list[from:min(from+1000, len(list))] {
				if _, err := a.QueueWelcome(ctx, tx, c, o, auth.Via{Lane: outbox.LaneBulk}); err != nil {
					return err
				}
			}
			return nil
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
