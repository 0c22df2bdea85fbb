// Package store is Gatehouse's access to PostgreSQL: one Store type over Bun (on pgx), one file
// per table with its model and its queries. The same methods work inside a transaction (InTx).
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

var (
	// ErrNotFound means no row matched.
	ErrNotFound = errors.New("store: not found")
	// ErrConflict means a unique constraint refused the write.
	ErrConflict = errors.New("store: conflict")
)

// Store provides Gatehouse's data. Outside a transaction it uses the pool; inside InTx it is
// bound to that transaction.
type Store struct {
	db       bun.IDB
	bun      *bun.DB
	pool     *pgxpool.Pool
	tx       *bun.Tx
	settings *settingsCache
	access   *accessHook
	// Inside a transaction: what to do once it commits, and whether it changed the settings
	// (its own reads of them then skip the cache).
	afterCommit     *[]func()
	settingsChanged *bool
}

// Open connects one pgx pool, shared by Bun and River (STACK.md: Bun runs on pgx, not pgdriver).
func Open(ctx context.Context, dsn string, maxConns int32) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: parse database url: %w", err)
	}
	if maxConns > 0 {
		cfg.MaxConns = maxConns
	}
	// Bun writes its arguments into the SQL text, so almost every statement is new: caching
	// prepared statements (pgx's default) would cost an extra round trip and a server-side
	// statement per query, evicted soon after. Exec mode sends each in one round trip.
	cfg.ConnConfig.DefaultQueryExecMode = pgx.QueryExecModeExec
	// A request waits at most this long for a new connection: while the database restarts,
	// requests answer 503 at once instead of hanging (Unavailable).
	cfg.ConnConfig.ConnectTimeout = 5 * time.Second
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: connect: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: ping: %w", err)
	}
	db := bun.NewDB(stdlib.OpenDBFromPool(pool), pgdialect.New())
	return &Store{db: db, bun: db, pool: pool, settings: &settingsCache{}, access: &accessHook{}}, nil
}

// Close releases every connection.
func (s *Store) Close() {
	s.bun.Close()
	s.pool.Close()
}

// Pool is the pgx pool, for River's LISTEN/NOTIFY listener.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// SQLDB is the database/sql handle over the pool, for River's driver.
func (s *Store) SQLDB() *sql.DB { return s.bun.DB }

// SQLTx is the transaction this Store is bound to, so jobs can be enqueued in it (River
// InsertTx); it is nil outside InTx.
func (s *Store) SQLTx() *sql.Tx {
	if s.tx == nil {
		return nil
	}
	return s.tx.Tx
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.pool.Ping(ctx) }

// InTx runs fn with a Store bound to one transaction: everything fn does commits together or
// not at all. Nested calls join the outer transaction.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context, tx *Store) error) error {
	if s.tx != nil {
		return fn(ctx, s)
	}
	var after []func()
	changed := false
	err := s.bun.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		after, changed = nil, false // a retried body starts over
		return fn(ctx, &Store{db: tx, bun: s.bun, pool: s.pool, tx: &tx, settings: s.settings, access: s.access, afterCommit: &after, settingsChanged: &changed})
	})
	if err == nil {
		for _, f := range after {
			f()
		}
	}
	return err
}

// AfterCommit runs f once the transaction commits (at once outside a transaction), with a
// Store outside any transaction: work that must not hold the transaction's locks.
func (s *Store) AfterCommit(f func(base *Store)) {
	base := &Store{db: s.bun, bun: s.bun, pool: s.pool, settings: s.settings, access: s.access}
	s.onCommit(func() { f(base) })
}

// onCommit runs f once the transaction commits (at once outside a transaction).
func (s *Store) onCommit(f func()) {
	if s.afterCommit == nil {
		f()
		return
	}
	*s.afterCommit = append(*s.afterCommit, f)
}

// dbErr maps driver errors to the package's sentinels and adds context.
func dbErr(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: %s: %w", op, ErrNotFound)
	}
	if Unavailable(err) {
		return fmt.Errorf("store: %s: %w: %w", op, ErrUnavailable, err)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505": // unique_violation
			return fmt.Errorf("store: %s: %w (%s)", op, ErrConflict, pgErr.ConstraintName)
		case "22P02", "23503": // malformed uuid in a lookup; a reference to a row that does not exist
			return fmt.Errorf("store: %s: %w", op, ErrNotFound)
		}
	}
	return fmt.Errorf("store: %s: %w", op, err)
}

// affected turns "no row updated" into ErrNotFound.
func affected(op string, res sql.Result, err error) error {
	if err != nil {
		return dbErr(op, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: %s: %w", op, ErrNotFound)
	}
	return nil
}
