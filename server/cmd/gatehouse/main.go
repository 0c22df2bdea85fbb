// Command gatehouse is the whole portal in one binary: `gatehouse serve` (the default) runs the
// web server and the background jobs; `migrate` and `admin create` are the operator's tools.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"gatehouse/server/config"
	"gatehouse/server/pglocal"
	"gatehouse/server/store"
)

const usage = `Usage:
  gatehouse [serve]                                   run the portal (the default)
  gatehouse migrate [status|up]                       show or apply database migrations
  gatehouse admin create --email E --role owner|admin|support [--password-stdin]
                                                      create a staff account
  gatehouse import FILE [--offer ID|NAME]... [--community NAME]... [--send-welcome]
                   [--dry-run] [--map field=Column,...] [--report out.csv]
                                                      import contacts from CSV

Configuration comes from the environment; see README.md ("Configuration").
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	if cmd == "help" || cmd == "-h" || cmd == "--help" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	cfg, err := config.LoadEnv(os.LookupEnv)
	if err != nil {
		var cerr *config.Error
		if errors.As(err, &cerr) {
			fmt.Fprintln(stderr, "gatehouse: the configuration has problems:")
			for _, p := range cerr.Problems {
				fmt.Fprintln(stderr, "  -", p)
			}
		}
		return 2
	}
	log := newLogger(cfg, stdout)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	switch cmd {
	case "serve":
		err = serve(ctx, cfg, log, stderr)
	case "migrate":
		err = migrate(ctx, cfg, log, args, stdout)
	case "admin":
		err = admin(ctx, cfg, log, args, stdin, stdout)
	case "import":
		err = importCmd(ctx, cfg, log, args, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "gatehouse: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "gatehouse:", err)
		if errors.Is(err, errUsage) {
			fmt.Fprint(stderr, "\n", usage)
			return 2
		}
		return 1
	}
	return 0
}

var errUsage = errors.New("wrong usage")

func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	log := slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level}))
	// The one library global we cannot avoid: zitadel/oidc logs only through slog's default
	// logger (refused OAuth requests, replayed codes). It writes our JSON lines too.
	slog.SetDefault(log)
	return log
}

// openDatabase connects to DATABASE_URL, or starts the embedded PostgreSQL in the data
// directory when there is none. The returned func closes (and stops) what was opened.
func openDatabase(ctx context.Context, cfg *config.Config, log *slog.Logger) (*store.Store, func(), error) {
	dsn := cfg.DatabaseURL
	var pg *pglocal.Server
	if dsn == "" {
		var err error
		pg, err = pglocal.Start(ctx, pglocal.Options{Dir: filepath.Join(cfg.DataDir, "postgres"), Logger: log})
		if err != nil {
			return nil, nil, err
		}
		dsn = pg.URL
	}
	st, err := store.Open(ctx, dsn, 20)
	if err != nil {
		if pg != nil {
			pg.Stop()
		}
		return nil, nil, err
	}
	return st, func() {
		st.Close()
		if pg != nil {
			if err := pg.Stop(); err != nil {
				log.Error("stopping embedded PostgreSQL", "error", err)
			}
		}
	}, nil
}
