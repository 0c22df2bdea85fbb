package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"github.com/schollz/progressbar/v3"

	"gatehouse"
	"gatehouse/server/access"
	"gatehouse/server/auth"
	"gatehouse/server/config"
	"gatehouse/server/events"
	"gatehouse/server/importer"
	"gatehouse/server/jobs"
	"gatehouse/server/mail"
	"gatehouse/server/outbox"
	"gatehouse/server/store"
)

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// importCmd is `gatehouse import FILE`: the admin area's CSV import from the command line,
// streaming the file with a progress bar. Welcome emails and workflows are queued for the
// running server to send.
func importCmd(ctx context.Context, cfg *config.Config, log *slog.Logger, args []string, out, progress io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var offers, communities listFlag
	fs.Var(&offers, "offer", "")
	fs.Var(&communities, "community", "")
	welcome := fs.Bool("send-welcome", false, "")
	dry := fs.Bool("dry-run", false, "")
	mapping := fs.String("map", "", "")
	reportPath := fs.String("report", "", "")
	if err := fs.Parse(reorder(args)); err != nil || fs.NArg() != 1 {
		return fmt.Errorf("%w: import FILE [--offer ID|NAME]... [--community NAME]... [--send-welcome] [--dry-run] [--map field=Column,...] [--report out.csv]", errUsage)
	}
	path := fs.Arg(0)
	st, closeDB, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()
	if _, err := st.Migrate(ctx, gatehouse.Migrations()); err != nil {
		return err
	}
	opt := importer.Options{SendWelcome: *welcome}
	if opt.OfferIDs, err = resolve(ctx, offers, func(ctx context.Context) (map[string]string, error) { return offerIndex(ctx, st) }); err != nil {
		return err
	}
	if opt.CommunityIDs, err = resolve(ctx, communities, func(ctx context.Context) (map[string]string, error) { return communityIndex(ctx, st) }); err != nil {
		return err
	}
	total, header, err := count(path)
	if err != nil {
		return err
	}
	opt.Mapping = importer.Guess(header)
	for _, pair := range strings.Split(*mapping, ",") {
		if field, column, ok := strings.Cut(pair, "="); ok {
			opt.Mapping[strings.TrimSpace(field)] = strings.TrimSpace(column)
		}
	}
	rc, err := jobs.NewClient(st, river.NewWorkers(), jobs.Options{Logger: log})
	if err != nil {
		return err
	}
	templates, err := mail.LoadTemplates()
	if err != nil {
		return err
	}
	keys, err := cfg.ServerKey() // welcome emails carry a code beside their link
	if err != nil {
		return err
	}
	em := events.New(rc, time.Now)
	a := auth.New(st, outbox.New(rc, templates, cfg.PublicURL, cfg.EmailMaxAttempts, time.Now), rc, auth.NewHasher(auth.DefaultHashParams, 1, time.Minute), em, keys, time.Now, log)
	im := importer.New(st, access.New(a, em, time.Now), a, time.Now)

	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	bar := progressbar.NewOptions(total, progressbar.OptionSetWriter(progress), progressbar.OptionSetDescription("importing"),
		progressbar.OptionShowCount(), progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
	hooks := importer.Hooks{Progress: func(done int, _ map[string]int) { _ = bar.Set(done) }}
	if *reportPath != "" {
		rf, err := os.Create(*reportPath)
		if err != nil {
			return err
		}
		defer rf.Close()
		w := csv.NewWriter(rf)
		defer w.Flush()
		_ = w.Write([]string{"line", "email", "outcome", "detail"})
		hooks.Record = func(_ context.Context, _ *store.Store, rows []importer.Outcome) error {
			for _, r := range rows {
				if err := w.Write(importer.SafeCells(strconv.Itoa(r.Line), r.Email, r.Outcome, r.Detail)); err != nil {
					return err
				}
			}
			return nil
		}
	}
	// The audit log names the file and the command line: there is no staff session here.
	cli := access.Actor{Kind: access.KindImport, Label: "gatehouse import " + filepath.Base(path), Lane: outbox.LaneBulk}
	counts, err := im.Run(ctx, f, opt, *dry, cli, hooks)
	_ = bar.Finish()
	var fe *importer.FileError
	if errors.As(err, &fe) {
		return errors.New(fe.Message)
	}
	if err != nil {
		return err
	}
	mode := "imported"
	if *dry {
		mode = "dry run (nothing changed)"
	}
	fmt.Fprintf(out, "%s: %d rows from %s\n", mode, total, path)
	outcomes := make([]string, 0, len(counts))
	for k := range counts {
		outcomes = append(outcomes, k)
	}
	sort.Strings(outcomes)
	for _, k := range outcomes {
		fmt.Fprintf(out, "  %-10s %d\n", k, counts[k])
	}
	return nil
}

// count reads the file once for the progress bar's total and the header.
func count(path string) (int, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, nil, err
	}
	defer f.Close()
	r, err := importer.NewReader(f)
	if err != nil {
		return 0, nil, err
	}
	n := 0
	for {
		if _, _, err := r.Read(); errors.Is(err, io.EOF) {
			return n, r.Header, nil
		}
		n++
	}
}

// resolve turns names or ids into ids.
func resolve(ctx context.Context, given []string, index func(context.Context) (map[string]string, error)) ([]string, error) {
	if len(given) == 0 {
		return nil, nil
	}
	idx, err := index(ctx)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, g := range given {
		id, ok := idx[strings.ToLower(g)]
		if !ok {
			return nil, fmt.Errorf("no offer or community %q", g)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func offerIndex(ctx context.Context, st *store.Store) (map[string]string, error) {
	list, err := st.ListOffers(ctx, false)
	idx := map[string]string{}
	for _, o := range list {
		idx[o.ID], idx[strings.ToLower(o.Name)] = o.ID, o.ID
	}
	return idx, err
}

func communityIndex(ctx context.Context, st *store.Store) (map[string]string, error) {
	list, err := st.ListCommunities(ctx, false)
	idx := map[string]string{}
	for _, c := range list {
		idx[c.ID], idx[strings.ToLower(c.Name)] = c.ID, c.ID
	}
	return idx, err
}

// reorder lets the file come before or after the flags.
func reorder(args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			flags = append(flags, a)
			if !strings.Contains(a, "=") && a != "--send-welcome" && a != "-send-welcome" && a != "--dry-run" && a != "-dry-run" && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		rest = append(rest, a)
	}
	return append(flags, rest...)
}
