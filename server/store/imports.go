package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"time"

	"github.com/uptrace/bun"
)

// Import is an uploaded CSV file and the state of its dry run or run.
type Import struct {
	bun.BaseModel `bun:"table:imports,alias:i"`

	ID         string          `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	Filename   string          `bun:"filename"`
	Options    json.RawMessage `bun:"options,type:jsonb"`
	Status     string          `bun:"status"`
	DryRun     bool            `bun:"dry_run"`
	Total      int             `bun:"total"`
	Done       int             `bun:"done"`
	Counts     json.RawMessage `bun:"counts,type:jsonb"`
	Error      string          `bun:"error"`
	CreatedBy  string          `bun:"created_by,type:uuid,nullzero"`
	CreatedAt  time.Time       `bun:"created_at,nullzero,notnull,default:now()"`
	FinishedAt time.Time       `bun:"finished_at,nullzero"`
}

// ImportChunkSize is how much of a file one row of import_chunks holds.
const ImportChunkSize = 1 << 20

// CreateImport stores an import and its file, read from r in 1 MiB chunks.
func (s *Store) CreateImport(ctx context.Context, im *Import, r io.Reader) error {
	if im.Counts == nil {
		im.Counts = json.RawMessage("{}")
	}
	if _, err := s.db.NewInsert().Model(im).Returning("*").Exec(ctx); err != nil {
		return dbErr("create import", err)
	}
	buf := make([]byte, ImportChunkSize)
	for seq := 0; ; seq++ {
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			if _, err := s.db.NewRaw(`INSERT INTO import_chunks (import_id, seq, data) VALUES (?, ?, ?)`, im.ID, seq, buf[:n]).Exec(ctx); err != nil {
				return dbErr("store import chunk", err)
			}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// ImportFile streams an import's file back, one chunk in memory at a time.
func (s *Store) ImportFile(ctx context.Context, id string) io.Reader {
	return &chunkReader{ctx: ctx, store: s, id: id}
}

type chunkReader struct {
	ctx   context.Context
	store *Store
	id    string
	seq   int
	buf   []byte
	eof   bool
}

func (c *chunkReader) Read(p []byte) (int, error) {
	for len(c.buf) == 0 {
		if c.eof {
			return 0, io.EOF
		}
		var data []byte
		err := c.store.db.NewRaw(`SELECT data FROM import_chunks WHERE import_id = ? AND seq = ?`, c.id, c.seq).Scan(c.ctx, &data)
		if errors.Is(err, sql.ErrNoRows) {
			c.eof = true
			continue
		}
		if err != nil {
			return 0, dbErr("read import chunk", err) // never a silently short file
		}
		c.buf, c.seq = data, c.seq+1
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	return n, nil
}

// ImportByID returns one import; forUpdate locks it.
func (s *Store) ImportByID(ctx context.Context, id string, forUpdate bool) (Import, error) {
	var im Import
	q := s.db.NewSelect().Model(&im).Where("id = ?", id)
	if forUpdate {
		q = q.For("UPDATE")
	}
	return im, dbErr("import", q.Scan(ctx))
}

// ListImports returns the latest imports.
func (s *Store) ListImports(ctx context.Context, p Page) ([]Import, error) {
	out := []Import{}
	err := p.newestFirst(s.db.NewSelect().Model(&out), "created_at", "id").Scan(ctx)
	return out, dbErr("list imports", err)
}

// SaveImportState stores an import's status, mode, progress and counts.
func (s *Store) SaveImportState(ctx context.Context, im *Import) error {
	res, err := s.db.NewUpdate().Model(im).Column("status", "dry_run", "done", "counts", "finished_at", "total", "error").WherePK().Exec(ctx)
	return affected("save import", res, err)
}

// SaveRunningImport stores columns of an import that is still running (or dry-running): its
// progress after a chunk, or its end. An import cancelled meanwhile keeps its cancellation:
// nothing is written then.
func (s *Store) SaveRunningImport(ctx context.Context, im *Import, columns ...string) error {
	_, err := s.db.NewUpdate().Model(im).Column(columns...).WherePK().
		Where("status IN ('running', 'dry_running')").Exec(ctx)
	return dbErr("save running import", err)
}

// ImportRow is one row's outcome in an import's report.
type ImportRow struct {
	bun.BaseModel `bun:"table:import_rows"`

	ImportID  string `bun:"import_id,pk,type:uuid"`
	Line      int    `bun:"line,pk"`
	Email     string `bun:"email"`
	Outcome   string `bun:"outcome"`
	Detail    string `bun:"detail"`
	ContactID string `bun:"contact_id,type:uuid,nullzero"`
}

// AddImportRows records outcomes (a row recorded before keeps its first outcome).
func (s *Store) AddImportRows(ctx context.Context, rows []ImportRow) error {
	if len(rows) == 0 {
		return nil
	}
	_, err := s.db.NewInsert().Model(&rows).On("CONFLICT (import_id, line) DO NOTHING").Exec(ctx)
	return dbErr("add import rows", err)
}

// LastImportedLine is the last line of the file an import recorded (to resume after it).
func (s *Store) LastImportedLine(ctx context.Context, id string) (int, error) {
	var n int
	err := s.db.NewRaw(`SELECT coalesce(max(line), 0) FROM import_rows WHERE import_id = ?`, id).Scan(ctx, &n)
	return n, dbErr("last imported line", err)
}

// ImportReport returns rows after line, in file order.
func (s *Store) ImportReport(ctx context.Context, id string, afterLine, limit int) ([]ImportRow, error) {
	out := []ImportRow{}
	err := s.db.NewSelect().Model(&out).Where("import_id = ? AND line > ?", id, afterLine).Order("line").Limit(int64(limit)).Scan(ctx)
	return out, dbErr("import report", err)
}

// ClearImportRows forgets an import's row outcomes (a dry run's, before the run).
func (s *Store) ClearImportRows(ctx context.Context, id string) error {
	_, err := s.db.NewRaw(`DELETE FROM import_rows WHERE import_id = ?`, id).Exec(ctx)
	return dbErr("clear import rows", err)
}

// ImportRowsWith returns an import's rows with one of the outcomes, in file order after
// afterLine (the page shows the invalid rows of a dry run with their reasons).
func (s *Store) ImportRowsWith(ctx context.Context, id string, outcomes []string, afterLine, limit int) ([]ImportRow, error) {
	out := []ImportRow{}
	err := s.db.NewSelect().Model(&out).Where("import_id = ? AND line > ? AND outcome IN (?)", id, afterLine, bun.List(outcomes)).
		Order("line").Limit(int64(limit)).Scan(ctx)
	return out, dbErr("import rows", err)
}
