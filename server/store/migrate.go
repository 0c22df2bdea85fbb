package store

import (
	"context"
	"fmt"
	"io/fs"
	"strings"

	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/uptrace/bun/migrate"
)

// migrationLockKey is the advisory lock every instance takes before migrating, so that several
// instances starting together apply each migration once.
const migrationLockKey = 7_411_853_201

// MigrationStatus describes one migration for `gatehouse migrate status`.
type MigrationStatus struct {
	Name    string
	Applied bool
}

// Migrate applies pending migrations (ours from fsys, then River's) under an advisory lock and
// returns the names it applied.
func (s *Store) Migrate(ctx context.Context, fsys fs.FS) ([]string, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", migrationLockKey); err != nil {
		return nil, fmt.Errorf("store: migrate lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLockKey)

	m, err := s.migrator(fsys)
	if err != nil {
		return nil, err
	}
	if err := m.Init(ctx); err != nil {
		return nil, fmt.Errorf("store: migrate init: %w", err)
	}
	group, err := m.Migrate(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: migrate: %w", err)
	}
	var applied []string
	for _, mig := range group.Migrations {
		applied = append(applied, mig.Name+"_"+mig.Comment)
	}
	rm, err := rivermigrate.New(riverdatabasesql.New(s.SQLDB()), nil)
	if err != nil {
		return nil, fmt.Errorf("store: river migrator: %w", err)
	}
	res, err := rm.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return nil, fmt.Errorf("store: river migrate: %w", err)
	}
	for _, v := range res.Versions {
		applied = append(applied, fmt.Sprintf("river_%03d_%s", v.Version, strings.ReplaceAll(v.Name, " ", "_")))
	}
	return applied, nil
}

// MigrationStatuses lists our migrations and River's with whether each is applied.
func (s *Store) MigrationStatuses(ctx context.Context, fsys fs.FS) ([]MigrationStatus, error) {
	m, err := s.migrator(fsys)
	if err != nil {
		return nil, err
	}
	if err := m.Init(ctx); err != nil {
		return nil, fmt.Errorf("store: migrate init: %w", err)
	}
	ms, err := m.MigrationsWithStatus(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: migration status: %w", err)
	}
	var out []MigrationStatus
	for _, mig := range ms {
		out = append(out, MigrationStatus{Name: mig.Name + "_" + mig.Comment, Applied: mig.IsApplied()})
	}
	rm, err := rivermigrate.New(riverdatabasesql.New(s.SQLDB()), nil)
	if err != nil {
		return nil, fmt.Errorf("store: river migrator: %w", err)
	}
	existing, err := rm.ExistingVersions(ctx)
	if err != nil && !strings.Contains(err.Error(), "does not exist") {
		return nil, fmt.Errorf("store: river status: %w", err)
	}
	have := map[int]bool{}
	for _, v := range existing {
		have[v.Version] = true
	}
	for _, v := range rm.AllVersions() {
		out = append(out, MigrationStatus{Name: fmt.Sprintf("river_%03d_%s", v.Version, strings.ReplaceAll(v.Name, " ", "_")), Applied: have[v.Version]})
	}
	return out, nil
}

// Pending counts migrations not yet applied (for /readyz).
func (s *Store) Pending(ctx context.Context, fsys fs.FS) (int, error) {
	st, err := s.MigrationStatuses(ctx, fsys)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, m := range st {
		if !m.Applied {
			n++
		}
	}
	return n, nil
}

func (s *Store) migrator(fsys fs.FS) (*migrate.Migrator, error) {
	ms := migrate.NewMigrations()
	if err := ms.Discover(fsys); err != nil {
		return nil, fmt.Errorf("store: discover migrations: %w", err)
	}
	return migrate.NewMigrator(s.bun, ms, migrate.WithMarkAppliedOnSuccess(true)), nil
}
