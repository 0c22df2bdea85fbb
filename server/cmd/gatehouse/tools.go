package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"gatehouse"
	"gatehouse/server/auth"
	"gatehouse/server/config"
	"gatehouse/server/jobs"
	"gatehouse/server/mail"
	"gatehouse/server/outbox"
	"gatehouse/server/store"
)

// migrate shows or applies migrations.
func migrate(ctx context.Context, cfg *config.Config, log *slog.Logger, args []string, out io.Writer) error {
	sub := "status"
	if len(args) > 0 {
		sub = args[0]
	}
	st, closeDB, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()
	switch sub {
	case "up":
		applied, err := st.Migrate(ctx, gatehouse.Migrations())
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "applied %d migration(s)\n", len(applied))
		for _, name := range applied {
			fmt.Fprintln(out, "  +", name)
		}
		return nil
	case "status":
		list, err := st.MigrationStatuses(ctx, gatehouse.Migrations())
		if err != nil {
			return err
		}
		for _, m := range list {
			mark := "pending"
			if m.Applied {
				mark = "applied"
			}
			fmt.Fprintf(out, "%-8s %s\n", mark, m.Name)
		}
		return nil
	}
	return fmt.Errorf("%w: migrate %q", errUsage, sub)
}

// admin creates a staff account: with --password-stdin the password is read from standard
// input (never from the command line, where it would sit in shell history and ps); without
// it, a one-time set-password link is printed.
func admin(ctx context.Context, cfg *config.Config, log *slog.Logger, args []string, in io.Reader, out io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return fmt.Errorf("%w: admin needs the subcommand create", errUsage)
	}
	fs := flag.NewFlagSet("admin create", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	email := fs.String("email", "", "")
	role := fs.String("role", "", "")
	fromStdin := fs.Bool("password-stdin", false, "")
	if err := fs.Parse(args[1:]); err != nil || *email == "" || !auth.IsStaff(*role) {
		return fmt.Errorf("%w: admin create needs --email and --role owner|admin|support", errUsage)
	}
	var password string
	if *fromStdin {
		line, err := bufio.NewReader(in).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		password = strings.TrimRight(line, "\r\n")
		if password == "" {
			return errors.New("no password on standard input")
		}
	}
	st, closeDB, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()
	if _, err := st.Migrate(ctx, gatehouse.Migrations()); err != nil {
		return err
	}
	templates, err := mail.LoadTemplates()
	if err != nil {
		return err
	}
	rc, err := jobs.NewClient(st, river.NewWorkers(), jobs.Options{Logger: log})
	if err != nil {
		return err
	}
	keys, err := cfg.ServerKey()
	if err != nil {
		return err
	}
	svc := auth.New(st, outbox.New(rc, templates, cfg.PublicURL, 8, time.Now), rc, auth.NewHasher(auth.DefaultHashParams, 1, time.Minute), nil, keys, time.Now, log)
	settings, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	c, link, err := svc.CreateStaff(ctx, *email, *role, password, settings.PortalName)
	var policy *auth.PolicyError
	switch {
	case errors.As(err, &policy):
		return fmt.Errorf("password refused: %s", policy.Message)
	case errors.Is(err, auth.ErrInvalidEmail):
		return fmt.Errorf("%q is not a valid email address", *email)
	case errors.Is(err, store.ErrConflict):
		return fmt.Errorf("an account with the address %s already exists", *email)
	case err != nil:
		return err
	}
	fmt.Fprintf(out, "created %s account %s\n", c.Role, c.Email)
	if link != "" {
		fmt.Fprintf(out, "one-time link to choose the password (valid %s):\n  %s\n", "72 hours", link)
	}
	return nil
}
