package importer

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"

	"github.com/riverqueue/river"

	"gatehouse/server/access"
	"gatehouse/server/outbox"
	"gatehouse/server/store"
)

// Import statuses.
const (
	StatusDryRunning = "dry_running"
	StatusDryRunDone = "dry_run_done"
	StatusRunning    = "running"
	StatusDone       = "done"
	StatusCancelled  = "cancelled"
	StatusFailed     = "failed"
)

// ProcessArgs is the job that dry-runs or runs an uploaded import.
type ProcessArgs struct {
	ImportID string `json:"import_id"`
}

// Kind is River's name for the job.
func (ProcessArgs) Kind() string { return "import_contacts" }

// ErrState means the import is not in a state that allows the request.
var ErrState = errors.New("importer: the import cannot do that now")

// Upload stores a file and its options and queues its dry run (or run). The file is checked
// first: readable, mapped (email at least), at most 100,000 rows; offers and communities must
// exist. It is read twice (checked, then stored in chunks), never held whole in memory.
func (im *Importer) Upload(ctx context.Context, rc *river.Client[*sql.Tx], a access.Actor, filename string, file io.ReadSeeker, opt Options, dryRun bool) (store.Import, error) {
	size, err := file.Seek(0, io.SeekEnd)
	if err != nil {
		return store.Import{}, err
	}
	if size > MaxFileSize {
		return store.Import{}, &FileError{Message: "the file is larger than 20 MiB; split it"}
	}
	if _, err := file.Seek(0, io.SeekStart); err != nil {
		return store.Import{}, err
	}
	total, err := check(file, opt)
	if err != nil {
		return store.Import{}, err
	}
	if _, err := file.Seek(0, io.SeekStart); err != nil {
		return store.Import{}, err
	}
	for _, id := range opt.OfferIDs {
		if o, err := im.store.OfferByID(ctx, id); err != nil || !o.ArchivedAt.IsZero() {
			return store.Import{}, &FileError{Message: "one of the chosen offers does not exist or is archived"}
		}
	}
	for _, id := range opt.CommunityIDs {
		if _, err := im.store.CommunityByID(ctx, id); err != nil {
			return store.Import{}, &FileError{Message: "one of the chosen communities does not exist"}
		}
	}
	options, _ := json.Marshal(opt)
	rec := store.Import{Filename: filename, Options: options, Status: StatusDryRunning, DryRun: dryRun, Total: total, CreatedBy: a.ID, CreatedAt: im.now()}
	if !dryRun {
		rec.Status = StatusRunning
	}
	err = im.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.CreateImport(ctx, &rec, file); err != nil {
			return err
		}
		if err := im.access.Audit(ctx, tx, a, "import.upload", access.Target{Type: "import", ID: rec.ID, Label: filename},
			map[string]any{"filename": filename, "rows": total, "dry_run": dryRun}); err != nil {
			return err
		}
		return enqueue(ctx, rc, tx, rec.ID)
	})
	return rec, err
}

// check reads the file once: the header maps, and it counts the rows.
func check(r io.Reader, opt Options) (int, error) {
	rd, err := NewReader(r)
	if err != nil {
		return 0, &FileError{Message: err.Error()}
	}
	if _, err := opt.Mapping.index(rd.Header); err != nil {
		return 0, &FileError{Message: err.Error()}
	}
	n := 0
	for {
		_, _, err := rd.Read()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		var re *RowError
		if err != nil && !errors.As(err, &re) {
			return n, &FileError{Message: err.Error()}
		}
		if n++; n > MaxRows {
			return n, &FileError{Message: "the file has more than 100,000 rows; split it"}
		}
	}
}

func enqueue(ctx context.Context, rc *river.Client[*sql.Tx], tx *store.Store, id string) error {
	_, err := rc.InsertTx(ctx, tx.SQLTx(), ProcessArgs{ImportID: id}, &river.InsertOpts{Queue: river.QueueDefault, MaxAttempts: 10})
	return err
}

// StartRun turns a finished dry run into the real import of the same file and options.
func (im *Importer) StartRun(ctx context.Context, rc *river.Client[*sql.Tx], a access.Actor, id string) error {
	return im.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		rec, err := tx.ImportByID(ctx, id, true)
		if err != nil {
			return err
		}
		if rec.Status != StatusDryRunDone {
			return ErrState
		}
		rec.Status, rec.DryRun, rec.Done, rec.Counts = StatusRunning, false, 0, json.RawMessage("{}")
		if err := tx.SaveImportState(ctx, &rec); err != nil {
			return err
		}
		if err := tx.ClearImportRows(ctx, id); err != nil { // the dry run's; the run writes its own
			return err
		}
		if err := im.access.Audit(ctx, tx, a, "import.run", access.Target{Type: "import", ID: id, Label: rec.Filename}, nil); err != nil {
			return err
		}
		return enqueue(ctx, rc, tx, id)
	})
}

// Cancel stops a dry run or run after the chunk in progress.
func (im *Importer) Cancel(ctx context.Context, a access.Actor, id string) error {
	return im.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		rec, err := tx.ImportByID(ctx, id, true)
		if err != nil {
			return err
		}
		if rec.Status != StatusRunning && rec.Status != StatusDryRunning {
			return ErrState
		}
		rec.Status, rec.FinishedAt = StatusCancelled, im.now()
		if err := tx.SaveImportState(ctx, &rec); err != nil {
			return err
		}
		return im.access.Audit(ctx, tx, a, "import.cancel", access.Target{Type: "import", ID: id, Label: rec.Filename}, nil)
	})
}

// Process is the job: it streams the stored file through Run, saving progress after each
// chunk, and resumes after the last recorded row if it ran before (a restart).
func (im *Importer) Process(ctx context.Context, id string) error {
	rec, err := im.store.ImportByID(ctx, id, false)
	if err != nil || (rec.Status != StatusRunning && rec.Status != StatusDryRunning) {
		return err
	}
	var opt Options
	if err := json.Unmarshal(rec.Options, &opt); err != nil {
		return err
	}
	hooks := Hooks{
		Record: func(ctx context.Context, tx *store.Store, out []Outcome) error {
			return tx.AddImportRows(ctx, rows(id, out))
		},
		Cancelled: func(ctx context.Context) bool {
			r, err := im.store.ImportByID(ctx, id, false)
			return err == nil && r.Status == StatusCancelled
		},
		Progress: func(done int, counts map[string]int) {
			rec.Done = done
			rec.Counts, _ = json.Marshal(counts)
			_ = im.store.SaveRunningImport(ctx, &rec, "done", "counts") // never the status: a cancel may have come
		},
	}
	if !rec.DryRun {
		if hooks.ResumeAfter, err = im.store.LastImportedLine(ctx, id); err != nil {
			return err
		}
	}
	a, err := im.actor(ctx, rec)
	if err != nil {
		return err
	}
	counts, err := im.Run(ctx, im.store.ImportFile(ctx, id), opt, rec.DryRun, a, hooks)
	var fe *FileError
	switch {
	case errors.Is(err, ErrCancelled):
		return nil
	case errors.As(err, &fe):
		rec.Status, rec.Error = StatusFailed, fe.Message
	case err != nil:
		return err // retried: the rows already recorded are skipped
	case rec.DryRun:
		rec.Status = StatusDryRunDone
	default:
		rec.Status = StatusDone
	}
	if !rec.DryRun && err == nil {
		// Counts of a resumed run: from the report, which holds every row once.
		if counts, err = im.reportCounts(ctx, id); err != nil {
			return err
		}
	}
	rec.Counts, _ = json.Marshal(counts)
	rec.Done, rec.FinishedAt = rec.Total, im.now()
	return im.store.SaveRunningImport(ctx, &rec, "status", "done", "counts", "finished_at", "error")
}

// actor is who an import acts as: the import itself, on behalf of who uploaded it. Its email
// goes in the bulk lane, behind the credential emails members wait for.
func (im *Importer) actor(ctx context.Context, rec store.Import) (access.Actor, error) {
	a := access.Actor{Kind: access.KindImport, ID: rec.CreatedBy, Ref: rec.ID, Label: rec.Filename, Lane: outbox.LaneBulk}
	if rec.CreatedBy == "" {
		return a, nil
	}
	c, err := im.store.ContactByID(ctx, rec.CreatedBy)
	if errors.Is(err, store.ErrNotFound) {
		a.ID = ""
		return a, nil
	}
	a.Email, a.Role = c.Email, c.Role
	return a, err
}

func (im *Importer) reportCounts(ctx context.Context, id string) (map[string]int, error) {
	counts := map[string]int{}
	for after := 0; ; {
		page, err := im.store.ImportReport(ctx, id, after, 5000)
		if err != nil {
			return nil, err
		}
		for _, r := range page {
			counts[r.Outcome]++
			after = r.Line
		}
		if len(page) < 5000 {
			return counts, nil
		}
	}
}

func rows(id string, out []Outcome) []store.ImportRow {
	rs := make([]store.ImportRow, 0, len(out))
	for _, o := range out {
		if o.Line > 0 {
			rs = append(rs, store.ImportRow{ImportID: id, Line: o.Line, Email: o.Email, Outcome: o.Outcome, Detail: o.Detail, ContactID: o.ContactID})
		}
	}
	return rs
}
