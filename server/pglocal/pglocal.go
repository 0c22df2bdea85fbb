// Package pglocal runs a private PostgreSQL server for zero-configuration use (no DATABASE_URL)
// and for tests. It runs initdb and postgres as child processes; when the current process is
// root it runs them as an unprivileged user, because initdb refuses to run as root.
package pglocal

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// Options configure Start.
type Options struct {
	// Dir holds everything: data/, the generated password and postgres.log. Created if missing.
	Dir string
	// BinDir is the directory with initdb and postgres. Empty means FindBinaries.
	BinDir string
	// Database is created on first start. Default "gatehouse".
	Database string
	// Ephemeral trades durability for speed (fsync off): for tests only.
	Ephemeral bool
	// Port to listen on; 0 picks a free one. A restart on the same port lets clients
	// reconnect to the same URL (the fault tests restart the database under load).
	Port   int
	Logger *slog.Logger
}

// Server is a running PostgreSQL.
type Server struct {
	// URL connects to Options.Database as the superuser.
	URL  string
	Port int

	cmd  *exec.Cmd
	done chan error
	once sync.Once
	err  error
	log  *slog.Logger
}

const superuser = "gatehouse"

// Start initialises Dir on first use and starts PostgreSQL on a free loopback port.
func Start(ctx context.Context, opts Options) (*Server, error) {
	if opts.Database == "" {
		opts.Database = "gatehouse"
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("pglocal: %w", err)
	}
	binDir := opts.BinDir
	if binDir == "" {
		if binDir, err = FindBinaries(); err != nil {
			return nil, err
		}
	}
	runAs, err := unprivilegedUser()
	if err != nil {
		return nil, err
	}
	if binDir, err = reachableBinaries(binDir, runAs); err != nil {
		return nil, err
	}
	if err := prepareDir(dir, runAs); err != nil {
		return nil, err
	}
	password, err := ensurePassword(dir, runAs)
	if err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data")
	if _, err := os.Stat(filepath.Join(data, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		opts.Logger.Info("initialising embedded PostgreSQL", "dir", data)
		if err := initdb(ctx, binDir, dir, runAs, opts.Ephemeral); err != nil {
			return nil, err
		}
	}
	s, err := attach(dir, opts.Logger)
	if s == nil && err == nil {
		s, err = startPostgres(ctx, binDir, dir, runAs, opts)
	}
	if err != nil {
		return nil, err
	}
	s.URL = (&url.URL{
		Scheme:   "postgres",
		User:     url.UserPassword(superuser, password),
		Host:     net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Port)),
		Path:     "/" + opts.Database,
		RawQuery: "sslmode=disable",
	}).String()
	if err := createDatabase(ctx, s.URL, opts.Database); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func initdb(ctx context.Context, binDir, dir string, runAs *credential, ephemeral bool) error {
	args := []string{
		"-D", filepath.Join(dir, "data"), "-U", superuser,
		"--pwfile", filepath.Join(dir, "password"), "-A", "scram-sha-256",
		"-E", "UTF8", "--locale=C",
	}
	if ephemeral {
		args = append(args, "--no-sync")
	}
	cmd := exec.CommandContext(ctx, filepath.Join(binDir, "initdb"), args...)
	cmd.SysProcAttr = runAs.sysProcAttr()
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("pglocal: initdb: %w: %s", err, strings.TrimSpace(string(out)))
	}
	return nil
}

func startPostgres(ctx context.Context, binDir, dir string, runAs *credential, opts Options) (*Server, error) {
	port := opts.Port
	if port == 0 {
		var err error
		if port, err = freePort(); err != nil {
			return nil, err
		}
	}
	logFile, err := os.OpenFile(filepath.Join(dir, "postgres.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("pglocal: %w", err)
	}
	defer logFile.Close() // the child keeps its own descriptor
	args := []string{
		"-D", filepath.Join(dir, "data"), "-p", strconv.Itoa(port), "-k", dir,
		"-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200",
	}
	if opts.Ephemeral {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	cmd := exec.Command(filepath.Join(binDir, "postgres"), args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = runAs.sysProcAttr()
	// If this process dies without stopping PostgreSQL, the kernel asks it to shut down (SIGINT
	// is PostgreSQL's fast shutdown), so no orphan server keeps the data directory locked.
	cmd.SysProcAttr.Pdeathsig = syscall.SIGINT
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("pglocal: start postgres: %w", err)
	}
	s := &Server{Port: port, cmd: cmd, done: make(chan error, 1), log: opts.Logger}
	go func() { s.done <- cmd.Wait() }()
	if err := s.waitReady(ctx, filepath.Join(dir, "postgres.log")); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// waitReady polls until the server accepts connections, the process exits or 60 s pass.
func (s *Server) waitReady(ctx context.Context, logPath string) error {
	deadline := time.Now().Add(60 * time.Second)
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Port))
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			s.done <- err
			return fmt.Errorf("pglocal: postgres exited during start (%v); see %s: %s", err, logPath, tail(logPath))
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(30 * time.Millisecond):
		}
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			continue
		}
		conn.Close()
		if pingStartupOK(ctx, s.Port) {
			return nil
		}
	}
	return fmt.Errorf("pglocal: postgres not ready after 60 s; see %s", logPath)
}

// pingStartupOK reports whether the server has left its startup phase: a connection attempt
// with a wrong password then fails with an authentication error instead of "starting up".
func pingStartupOK(ctx context.Context, port int) bool {
	cfg, err := pgx.ParseConfig(fmt.Sprintf("postgres://probe:probe@127.0.0.1:%d/postgres?sslmode=disable&connect_timeout=2", port))
	if err != nil {
		return false
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err == nil {
		conn.Close(ctx)
		return true
	}
	msg := err.Error()
	return !strings.Contains(msg, "starting up") && !strings.Contains(msg, "connection refused")
}

func createDatabase(ctx context.Context, dsn, name string) error {
	u, _ := url.Parse(dsn)
	u.Path = "/postgres"
	conn, err := pgx.Connect(ctx, u.String())
	if err != nil {
		return fmt.Errorf("pglocal: connect: %w", err)
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return fmt.Errorf("pglocal: %w", err)
	}
	if exists {
		return nil
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return fmt.Errorf("pglocal: create database: %w", err)
	}
	return nil
}

// Stop shuts PostgreSQL down (fast shutdown: open transactions roll back) and waits for it.
// A server this process attached to (started by another process) is left running.
func (s *Server) Stop() error {
	if s.cmd == nil {
		return nil
	}
	s.once.Do(func() {
		_ = s.cmd.Process.Signal(syscall.SIGINT)
		select {
		case err := <-s.done:
			var exit *exec.ExitError
			if err != nil && !errors.As(err, &exit) {
				s.err = err
			}
		case <-time.After(30 * time.Second):
			_ = s.cmd.Process.Kill()
			s.err = errors.New("pglocal: postgres did not stop within 30 s; killed")
		}
	})
	return s.err
}

// attach finds a PostgreSQL already running on dir (say, `gatehouse serve` while an operator
// runs `gatehouse admin create`) and returns a Server for it, or nil if none runs.
func attach(dir string, log *slog.Logger) (*Server, error) {
	b, err := os.ReadFile(filepath.Join(dir, "data", "postmaster.pid"))
	if err != nil {
		return nil, nil
	}
	lines := strings.Split(string(b), "\n")
	if len(lines) < 4 {
		return nil, nil
	}
	pid, err1 := strconv.Atoi(strings.TrimSpace(lines[0]))
	port, err2 := strconv.Atoi(strings.TrimSpace(lines[3]))
	if err1 != nil || err2 != nil || pid <= 0 {
		return nil, nil
	}
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return nil, nil // stale lock file: PostgreSQL will clean it up when it starts
	}
	log.Info("using the embedded PostgreSQL already running", "pid", pid, "port", port)
	return &Server{Port: port, log: log}, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pglocal: free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func ensurePassword(dir string, runAs *credential) (string, error) {
	path := filepath.Join(dir, "password")
	if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
		return strings.TrimSpace(string(b)), nil
	}
	buf := make([]byte, 24)
	if _, err := rand.Read(buf); err != nil {
		return "", err
	}
	pw := hex.EncodeToString(buf)
	if err := os.WriteFile(path, []byte(pw), 0o600); err != nil {
		return "", fmt.Errorf("pglocal: %w", err)
	}
	return pw, runAs.chown(path)
}

func tail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	if len(b) > 800 {
		b = b[len(b)-800:]
	}
	return strings.TrimSpace(string(b))
}
