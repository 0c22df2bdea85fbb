package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"time"

	"github.com/riverqueue/river"

	"gatehouse"
	"gatehouse/server/access"
	"gatehouse/server/api"
	"gatehouse/server/apikeys"
	"gatehouse/server/apps"
	"gatehouse/server/auth"
	"gatehouse/server/bulk"
	"gatehouse/server/config"
	"gatehouse/server/desk"
	"gatehouse/server/events"
	"gatehouse/server/importer"
	"gatehouse/server/jobs"
	"gatehouse/server/mail"
	"gatehouse/server/metrics"
	"gatehouse/server/oauth"
	"gatehouse/server/oidcprovider"
	"gatehouse/server/outbox"
	"gatehouse/server/serverkey"
	"gatehouse/server/webhooks"
	"gatehouse/server/workflows"
)

// serve wires everything explicitly and runs until ctx ends (SIGINT/SIGTERM), then drains:
// in-flight requests finish, running jobs finish, and the database stops last.
func serve(ctx context.Context, cfg *config.Config, log *slog.Logger, banner io.Writer) error {
	started := time.Now()
	st, closeDB, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()
	applied, err := st.Migrate(ctx, gatehouse.Migrations())
	if err != nil {
		return err
	}
	if len(applied) > 0 {
		log.Info("applied migrations", "count", len(applied))
	}
	keys, err := cfg.ServerKey()
	if err != nil {
		return err
	}
	if err := serverkey.Check(ctx, st, keys); err != nil {
		return err
	}
	go st.WatchSettings(ctx, log) // the settings row cached in the process, kept current across instances
	templates, err := mail.LoadTemplates()
	if err != nil {
		return err
	}
	var sender mail.Sender = mail.NewCapture(st)
	pacer := jobs.NewPacer(st, 0) // the local mailbox has no rate limit
	if cfg.ResendAPIKey != "" {
		if sender, err = mail.NewResend(cfg.ResendAPIKey, cfg.ResendBaseURL, 15*time.Second); err != nil {
			return err
		}
		pacer = jobs.NewPacer(st, cfg.ResendRate)
	}
	signing := oidcprovider.NewKeys(st, keys, time.Now, log)
	if err := signing.Rotate(ctx); err != nil { // a key signs before the first request
		return err
	}
	gate := apps.NewGate(st, time.Now)
	go st.WatchAccess(ctx, gate, log) // forward-auth answers cached, dropped on any access change anywhere
	workers := river.NewWorkers()
	// One bulk worker: a batch holds at most one provider slot ahead of a credential email.
	rc, err := jobs.NewClient(st, workers, jobs.Options{Work: true, CredentialWorkers: 8, BulkWorkers: 1, PollInterval: time.Second,
		RescueAfter: cfg.JobRescueAfter, SigningKeys: signing, Logger: log})
	if err != nil {
		return err
	}
	ob := outbox.New(rc, templates, cfg.PublicURL, cfg.EmailMaxAttempts, time.Now)
	hasher := auth.NewHasher(auth.DefaultHashParams, runtime.NumCPU(), 2*time.Second)
	em := events.New(rc, time.Now)
	authSvc := auth.New(st, ob, rc, hasher, em, keys, time.Now, log)
	deliver := jobs.NewDeliver(st, ob, sender, pacer, em, cfg.MailFrom, time.Now, log)
	river.AddWorker(workers, deliver)
	river.AddWorker(workers, jobs.NewDeliverBatch(deliver))
	river.AddWorker(workers, jobs.NewAssembleBatches(st, rc, cfg.EmailMaxAttempts, time.Now))
	inbound := jobs.NewWebhooks(st, rc, em, time.Now) // Resend's delivery events
	river.AddWorker(workers, inbound)
	actions := access.New(authSvc, em, time.Now) // every change to a contact's access, for every caller
	engine := workflows.New(st, actions, authSvc, em, rc, time.Now, log)
	jobs.AddWorkflowWorkers(workers, engine)
	bulkSvc := bulk.New(st, actions, authSvc, rc, time.Now)
	river.AddWorker(workers, jobs.NewBulkOperations(bulkSvc))
	imp := importer.New(st, actions, authSvc, time.Now)
	river.AddWorker(workers, jobs.NewImports(imp))
	river.AddWorker(workers, jobs.NewAccessRequests(authSvc))
	// Outbound webhooks: endpoints and their logs, and the delivery worker.
	hooks := webhooks.New(st, keys, em, cfg.WebhooksAllowPrivate, time.Now)
	river.AddWorker(workers, webhooks.NewWorker(st, keys, ob, webhooks.Options{AllowPrivate: cfg.WebhooksAllowPrivate}, time.Now, log))
	provider, err := oidcprovider.New(oidcprovider.Options{Issuer: cfg.PublicURL, Store: st, Keys: signing, Ring: keys, Now: time.Now, Log: log})
	if err != nil {
		return err
	}
	m := metrics.New(st)
	m.WatchJobs(ctx, rc)
	jobs.ReportFailures(ctx, rc, log)
	app := api.New(api.Deps{
		Config: cfg, Store: st, Auth: authSvc, Desk: desk.New(st, authSvc, actions, engine, time.Now), Webhooks: inbound, Workflows: engine, Bulk: bulkSvc, Importer: imp, River: rc, Metrics: m, Keys: keys,
		APIKeys: apikeys.New(st, time.Now), Hooks: hooks,
		OAuth: oauth.New(cfg.OAuth, st, oauth.Options{PublicURL: cfg.PublicURL}),
		Apps:  apps.New(st, actions, time.Now), Gate: gate, OIDC: provider,
		Frontend: gatehouse.Frontend(), Migrations: gatehouse.Migrations(), Log: log, Now: time.Now,
	})
	ln, err := listenPublic(cfg)
	if err != nil {
		return err
	}
	stopMetrics, err := serveMetrics(cfg, m, log)
	if err != nil {
		ln.Close()
		return err
	}
	if err := rc.Start(ctx); err != nil {
		return err
	}
	link, err := authSvc.BootstrapOwner(ctx, cfg.OwnerEmail)
	if err != nil {
		return err
	}
	listenErr := make(chan error, 1)
	go func() { listenErr <- app.Listener(ln) }()
	log.Info("gatehouse ready", "addr", cfg.Addr, "metrics_addr", cfg.MetricsAddr, "public_url", cfg.PublicURL.String(), "mail", sender.Name(),
		"oauth_providers", len(cfg.OAuth), "startup_ms", time.Since(started).Milliseconds())
	printBanner(banner, cfg, sender.Name(), link)

	select {
	case err = <-listenErr:
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests and jobs")
	grace, cancel := context.WithTimeout(context.Background(), cfg.ShutdownGrace)
	defer cancel()
	if serr := app.ShutdownWithContext(grace); serr != nil {
		log.Error("http shutdown", "error", serr)
	}
	stopMetrics(grace)
	if serr := rc.Stop(grace); serr != nil {
		log.Error("jobs shutdown", "error", serr)
	}
	return err
}

// printBanner tells the person who ran the server how to get in. It goes to the terminal,
// not to the logs: the link is a secret.
func printBanner(w io.Writer, cfg *config.Config, mailer, ownerLink string) {
	fmt.Fprintf(w, "\n  Gatehouse is running at %s\n", cfg.PublicURL)
	if ownerLink != "" {
		fmt.Fprintf(w, "\n  First sign-in: open this one-time link to choose the password of the owner account\n  %s:\n\n    %s\n\n  (valid 72 hours; a fresh link is printed at every start until the password is set)\n", cfg.OwnerEmail, ownerLink)
	}
	if mailer == "capture" {
		fmt.Fprintf(w, "\n  Email is captured locally (no GATEHOUSE_RESEND_API_KEY): the owner reads it at %s/admin/mailbox\n", cfg.PublicURL)
	}
	fmt.Fprintln(w)
}
