// Package testdb gives each test its own PostgreSQL database, cloned from a migrated template,
// on one private PostgreSQL server started for the test binary (see pglocal). Tests get real
// SQL, real constraints and real transactions, and can run in parallel.
package testdb

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"gatehouse"
	"gatehouse/server/pglocal"
	"gatehouse/server/store"
)

const template = "gatehouse_template"

var (
	once    sync.Once
	server  *pglocal.Server
	baseDir string
	adminDB string // URL of the maintenance database
	initErr error
	counter atomic.Int64
)

// Main runs the package's tests and then stops the PostgreSQL server they shared. Call it from
// TestMain: func TestMain(m *testing.M) { os.Exit(testdb.Main(m)) }.
func Main(m *testing.M) int {
	code := m.Run()
	if server != nil {
		server.Stop()
	}
	if baseDir != "" {
		os.RemoveAll(baseDir)
	}
	return code
}

func start() {
	ctx := context.Background()
	baseDir, initErr = os.MkdirTemp("", "gatehouse-testdb-")
	if initErr != nil {
		return
	}
	// The directory must be reachable by the unprivileged user PostgreSQL runs as under root.
	if initErr = os.Chmod(baseDir, 0o755); initErr != nil {
		return
	}
	server, initErr = pglocal.Start(ctx, pglocal.Options{Dir: filepath.Join(baseDir, "pg"), Ephemeral: true, Database: "postgres"})
	if initErr != nil {
		return
	}
	adminDB = server.URL
	if initErr = exec(ctx, adminDB, "CREATE DATABASE "+template); initErr != nil {
		return
	}
	st, err := store.Open(ctx, withDB(adminDB, template), 4)
	if err != nil {
		initErr = err
		return
	}
	defer st.Close()
	_, initErr = st.Migrate(ctx, gatehouse.Migrations())
}

// URL returns the connection URL of a new, migrated, empty database that is dropped when the
// test ends.
func URL(t testing.TB) string {
	t.Helper()
	once.Do(start)
	if initErr != nil {
		t.Fatalf("testdb: %v", initErr)
	}
	name := fmt.Sprintf("t_%d_%d", os.Getpid(), counter.Add(1))
	ctx := context.Background()
	if err := exec(ctx, adminDB, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, template)); err != nil {
		t.Fatalf("testdb: clone: %v", err)
	}
	t.Cleanup(func() {
		_ = exec(context.Background(), adminDB, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name))
	})
	return withDB(adminDB, name)
}

// New returns a Store on a new database (see URL), closed when the test ends.
func New(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), URL(t), 8)
	if err != nil {
		t.Fatalf("testdb: open: %v", err)
	}
	t.Cleanup(st.Close)
	return st
}

func withDB(dsn, name string) string {
	u, _ := url.Parse(dsn)
	u.Path = "/" + name
	return u.String()
}

func exec(ctx context.Context, dsn, sql string) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}
