//go:build faults

// Package faults runs the real binary as a self-hoster would run several instances: two on one
// PostgreSQL, one killed with -9 in the middle of a bulk run, the database restarted under
// load. `make test-faults` (and .ci/run) runs it; `make test` does not (it takes minutes).
package faults

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"gatehouse/server/pglocal"
	"gatehouse/server/resendfake"
	"gatehouse/server/serverkey"
)

var binary string

const (
	ownerEmail    = "owner@faults.example.com"
	ownerPassword = "tidal meadow lantern quartz sky cliff"
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gatehouse-faults-bin-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "gatehouse")
	if out, err := exec.Command("go", "build", "-o", binary, "../cmd/gatehouse").CombinedOutput(); err != nil {
		panic(string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// cluster is one PostgreSQL, a fake Resend, and the instances started on them.
type cluster struct {
	t      *testing.T
	dir    string
	pgOpts pglocal.Options
	pg     *pglocal.Server
	db     *sql.DB
	key    string
	resend *resendfake.Server
	rate   float64 // GATEHOUSE_RESEND_RATE of every instance
}

func newCluster(t *testing.T, providerLimit, rate float64) *cluster {
	t.Helper()
	dir, err := os.MkdirTemp("", "gatehouse-faults-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil { // PostgreSQL runs as its own user when we are root
		t.Fatal(err)
	}
	c := &cluster{t: t, dir: dir, key: serverkey.New(), rate: rate,
		pgOpts: pglocal.Options{Dir: filepath.Join(dir, "pg"), Port: freePort(t), Ephemeral: true}}
	c.startDatabase()
	t.Cleanup(func() { c.pg.Stop() })
	if c.db, err = sql.Open("pgx", c.pg.URL); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.db.Close() })
	c.resend = resendfake.New(resendfake.Options{APIKey: "re_faults", RateLimit: providerLimit})
	t.Cleanup(c.resend.Close)
	// The owner, made with the command line as an operator would (it migrates the database).
	cmd := exec.Command(binary, "admin", "create", "--email", ownerEmail, "--role", "owner", "--password-stdin")
	cmd.Env = c.env()
	cmd.Stdin = strings.NewReader(ownerPassword + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("admin create: %v\n%s", err, out)
	}
	return c
}

func (c *cluster) startDatabase() {
	c.t.Helper()
	pg, err := pglocal.Start(context.Background(), c.pgOpts)
	if err != nil {
		c.t.Fatal(err)
	}
	c.pg = pg
}

func (c *cluster) env(extra ...string) []string {
	return append(append(os.Environ(),
		"DATABASE_URL="+c.pg.URL, "GATEHOUSE_SECRET_KEY="+c.key, "GATEHOUSE_DATA_DIR="+filepath.Join(c.dir, "data"),
		"GATEHOUSE_RESEND_API_KEY=re_faults", "GATEHOUSE_RESEND_BASE_URL="+c.resend.URL(),
		fmt.Sprintf("GATEHOUSE_RESEND_RATE=%g", c.rate), "GATEHOUSE_JOB_RESCUE_AFTER=10",
		"GATEHOUSE_TRUSTED_PROXIES=127.0.0.1", "GATEHOUSE_METRICS_ADDR=", "GATEHOUSE_LOG_LEVEL=warn",
		"GATEHOUSE_OWNER_EMAIL="+ownerEmail), extra...)
}

// instance is one running `gatehouse serve`.
type instance struct {
	name   string
	cmd    *exec.Cmd
	url    string
	output *lockedBuffer
	done   chan struct{}
}

func (c *cluster) start(name string) *instance {
	c.t.Helper()
	addr := fmt.Sprintf("127.0.0.1:%d", freePort(c.t))
	in := &instance{name: name, url: "http://" + addr, output: &lockedBuffer{}, done: make(chan struct{})}
	in.cmd = exec.Command(binary, "serve")
	in.cmd.Env = c.env("GATEHOUSE_ADDR="+addr, "GATEHOUSE_PUBLIC_URL="+in.url)
	in.cmd.Stdout, in.cmd.Stderr = in.output, in.output
	if err := in.cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	go func() { _ = in.cmd.Wait(); close(in.done) }()
	c.t.Cleanup(func() { in.kill() })
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if res, err := http.Get(in.url + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return in
			}
		}
	}
	c.t.Fatalf("instance %s not ready:\n%s", name, in.output)
	return nil
}

// pid is the process id, as River records it in the client id of the jobs it runs.
func (in *instance) pid() int { return in.cmd.Process.Pid }

// kill is kill -9: no shutdown, no goodbye.
func (in *instance) kill() {
	_ = in.cmd.Process.Signal(syscall.SIGKILL)
	<-in.done
}

// stop is SIGTERM: in-flight requests and jobs finish.
func (in *instance) stop(t *testing.T) {
	t.Helper()
	_ = in.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-in.done:
	case <-time.After(60 * time.Second):
		t.Fatalf("instance %s did not stop", in.name)
	}
}

// browser is one person's cookies, across instances (cookies are per host, not per port: a
// load balancer in front of both would look the same to the browser).
type browser struct {
	t    *testing.T
	http *http.Client
	ip   string
	csrf string
}

func newBrowser(t *testing.T, ip string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, http: &http.Client{Jar: jar, Timeout: 30 * time.Second}, ip: ip}
}

type answer struct {
	status int
	header http.Header
	body   []byte
	took   time.Duration
}

func (a answer) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(a.body, &m); err != nil {
		t.Fatalf("not JSON (%d): %s", a.status, a.body)
	}
	return m
}

func (a answer) code() string {
	var m struct{ Code string }
	_ = json.Unmarshal(a.body, &m)
	return m.Code
}

func (b *browser) do(in *instance, method, path, body string) answer {
	req, _ := http.NewRequest(method, in.url+path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("X-Forwarded-For", b.ip)
	if b.csrf != "" {
		req.Header.Set("X-CSRF-Token", b.csrf)
	}
	start := time.Now()
	res, err := b.http.Do(req)
	if err != nil {
		return answer{status: 0, body: []byte(err.Error()), took: time.Since(start)}
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return answer{status: res.StatusCode, header: res.Header, body: out, took: time.Since(start)}
}

func (b *browser) signIn(in *instance, email, password string) {
	b.t.Helper()
	r := b.do(in, "POST", "/api/auth/login", fmt.Sprintf(`{"email":%q,"password":%q}`, email, password))
	if r.status != 200 {
		b.t.Fatalf("sign in on %s: %d %s", in.name, r.status, r.body)
	}
	b.refreshCSRF(in)
}

func (b *browser) refreshCSRF(in *instance) {
	b.t.Helper()
	r := b.do(in, "GET", "/api/auth/session", "")
	if tok, _ := r.json(b.t)["csrf_token"].(string); tok != "" {
		b.csrf = tok
	}
}

// must expects a status.
func (b *browser) must(in *instance, status int, method, path, body string) answer {
	b.t.Helper()
	r := b.do(in, method, path, body)
	if r.status != status {
		b.t.Fatalf("%s %s on %s: %d %s, want %d", method, path, in.name, r.status, r.body, status)
	}
	return r
}

// seedMembers creates n members holding a new offer, directly in the database (the fixture,
// not what is measured), and returns the offer's id.
func (c *cluster) seedMembers(owner *browser, in *instance, prefix string, n int) string {
	c.t.Helper()
	offer := owner.must(in, 201, "POST", "/api/admin/offers", `{"name":"`+prefix+` course"}`).json(c.t)["id"].(string)
	_, err := c.db.Exec(`INSERT INTO contacts (email, name) SELECT $1 || i || '@example.com', 'Member ' || i FROM generate_series(1, $2::int) i`, prefix, n)
	if err == nil {
		_, err = c.db.Exec(`INSERT INTO offer_grants (contact_id, offer_id) SELECT id, $1 FROM contacts WHERE email LIKE $2 || '%'`, offer, prefix)
	}
	if err != nil {
		c.t.Fatal(err)
	}
	return offer
}

// waitBulk waits for a bulk operation to finish and returns it.
func waitBulk(t *testing.T, b *browser, in *instance, id string, within time.Duration) map[string]any {
	t.Helper()
	var op map[string]any
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if r := b.do(in, "GET", "/api/admin/bulk/"+id, ""); r.status == 200 {
			if op = r.json(t); op["status"] == "done" {
				return op
			}
		}
	}
	t.Fatalf("bulk operation %s not done: %v", id, op)
	return nil
}

// delivered waits until the fake holds n messages to addresses starting with prefix, each
// exactly once, and returns the first and last arrival.
func (c *cluster) delivered(prefix string, n int, within time.Duration) (first, last time.Time) {
	c.t.Helper()
	var got map[string]int
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		got = map[string]int{}
		first, last = time.Time{}, time.Time{}
		for _, m := range c.resend.Messages() {
			if len(m.To) == 1 && strings.HasPrefix(m.To[0], prefix) {
				got[m.To[0]]++
				if first.IsZero() || m.ReceivedAt.Before(first) {
					first = m.ReceivedAt
				}
				if m.ReceivedAt.After(last) {
					last = m.ReceivedAt
				}
			}
		}
		if len(got) >= n {
			break
		}
	}
	twice := 0
	for _, k := range got {
		if k > 1 {
			twice++
		}
	}
	if len(got) != n || twice > 0 {
		c.t.Fatalf("%s: %d addresses got email (want %d), %d got it more than once", prefix, len(got), n, twice)
	}
	return first, last
}

// refusals counts the fake's 429 answers: the pacing ceiling is kept when there are none.
func (c *cluster) refusals() int {
	n := 0
	for _, r := range c.resend.Requests() {
		if r.Status == http.StatusTooManyRequests {
			n++
		}
	}
	return n
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
