package main

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var binary string

// TestMain builds the real binary once; these tests run it as an operator would.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gatehouse-bin-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "gatehouse")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		panic(string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestConfigProblemsAreListedTogether(t *testing.T) {
	cmd := exec.Command(binary, "serve")
	cmd.Env = append(os.Environ(), "GATEHOUSE_ADDR=nonsense", "GATEHOUSE_PUBLIC_URL=ftp://x", "GATEHOUSE_MAIL_FROM=nope")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errorsAs(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("want exit 2, got %v: %s", err, out)
	}
	for _, name := range []string{"GATEHOUSE_ADDR", "GATEHOUSE_PUBLIC_URL", "GATEHOUSE_MAIL_FROM"} {
		if !bytes.Contains(out, []byte(name)) {
			t.Errorf("%s not reported:\n%s", name, out)
		}
	}
}

// process is a running `gatehouse serve` with its output captured.
type process struct {
	cmd            *exec.Cmd
	url            string
	stdout, stderr *lockedBuffer
}

func start(t *testing.T, dataDir string, env ...string) *process {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	p := &process{url: "http://" + addr, stdout: &lockedBuffer{}, stderr: &lockedBuffer{}}
	p.cmd = exec.Command(binary)
	p.cmd.Env = append(os.Environ(), append([]string{"GATEHOUSE_ADDR=" + addr, "GATEHOUSE_DATA_DIR=" + dataDir,
		"GATEHOUSE_OWNER_EMAIL=boss@example.com", "DATABASE_URL=", "GATEHOUSE_RESEND_API_KEY=",
		"GATEHOUSE_METRICS_ADDR="}, env...)...) // metrics off unless a test asks: tests run side by side
	p.cmd.Stdout, p.cmd.Stderr = p.stdout, p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.cmd.Process.Kill(); _ = p.cmd.Wait() })
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(p.url + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return p
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("not ready: %s %s", p.stdout, p.stderr)
	return nil
}

// stop sends SIGTERM and expects a clean exit.
func (p *process) stop(t *testing.T) {
	t.Helper()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	if err := p.cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v\n%s", err, p.stderr)
	}
}

var ownerLink = regexp.MustCompile(`http://\S+/set-password#token=[A-Za-z0-9_-]+`)

// The zero-config path: first start creates the database and the owner and prints how to sign
// in; a restart keeps the data; SIGTERM lets an in-flight request finish; logs hold no secret.
func TestFirstStartRestartAndGracefulShutdown(t *testing.T) {
	base, err := os.MkdirTemp("", "gatehouse-cmd-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(base, "data")

	p := start(t, data)
	link := ownerLink.FindString(p.stderr.String())
	if link == "" || !strings.Contains(p.stderr.String(), "/admin/mailbox") {
		t.Fatalf("banner lacks the owner link or the mailbox:\n%s", p.stderr)
	}
	token := link[strings.Index(link, "#token=")+7:]
	res := post(t, p.url+"/api/auth/reset-password", `{"token":"`+token+`","password":"owner passphrase that is long"}`)
	if res.StatusCode != 200 {
		t.Fatalf("setting the owner password: %d", res.StatusCode)
	}
	post(t, p.url+"/api/auth/forgot-password", `{"email":"boss@example.com"}`)

	// SIGTERM while a request is in flight: the request completes, then the process exits 0.
	var wg sync.WaitGroup
	var inflight int
	wg.Add(1)
	go func() {
		defer wg.Done()
		r := post(t, p.url+"/api/auth/login", `{"email":"boss@example.com","password":"owner passphrase that is long"}`)
		inflight = r.StatusCode
	}()
	time.Sleep(5 * time.Millisecond)
	p.stop(t)
	wg.Wait()
	if inflight != 200 {
		t.Fatalf("in-flight login answered %d", inflight)
	}
	if _, err := os.Stat(filepath.Join(data, "postgres", "data", "postmaster.pid")); !os.IsNotExist(err) {
		t.Fatal("the embedded PostgreSQL was left running")
	}
	logs := p.stdout.String()
	for _, secret := range []string{token, "owner passphrase", "#token="} {
		if strings.Contains(logs, secret) {
			t.Fatalf("logs contain a secret (%q)", secret)
		}
	}
	if !strings.Contains(logs, `"request_id"`) {
		t.Fatal("logs lack request ids")
	}

	// Restart: same data, no new owner link (the password is set), the password still works.
	// Metrics are on their own listener this time, never on the public one.
	metricsAddr := freeAddr(t)
	p = start(t, data, "GATEHOUSE_METRICS_ADDR="+metricsAddr)
	if ownerLink.MatchString(p.stderr.String()) {
		t.Fatal("an owner link was printed although the owner has a password")
	}
	if r := post(t, p.url+"/api/auth/login", `{"email":"boss@example.com","password":"owner passphrase that is long"}`); r.StatusCode != 200 {
		t.Fatalf("login after restart: %d", r.StatusCode)
	}
	if status, _ := get(t, p.url+"/metrics"); status != 404 {
		t.Fatalf("public /metrics: %d", status)
	}
	if status, body := get(t, "http://"+metricsAddr+"/metrics"); status != 200 || !strings.Contains(body, "gatehouse_emails{") {
		t.Fatalf("metrics listener: %d %.200s", status, body)
	}
	p.stop(t)
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestAdminCreateAndMigrate(t *testing.T) {
	base, err := os.MkdirTemp("", "gatehouse-cmd-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	os.Chmod(base, 0o755)
	env := append(os.Environ(), "GATEHOUSE_DATA_DIR="+filepath.Join(base, "data"), "DATABASE_URL=")
	runCmd := func(stdin string, args ...string) (string, int) {
		cmd := exec.Command(binary, args...)
		cmd.Env = env
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if errorsAs(err, &exit) {
			return string(out), exit.ExitCode()
		}
		return string(out), 0
	}
	out, code := runCmd("", "migrate", "up")
	if code != 0 || !strings.Contains(out, "applied") {
		t.Fatalf("migrate up: %d %s", code, out)
	}
	out, _ = runCmd("", "migrate", "status")
	if strings.Contains(out, "\npending ") || strings.HasPrefix(out, "pending ") || !strings.Contains(out, "applied ") {
		t.Fatalf("migrate status: %s", out)
	}
	out, code = runCmd("", "admin", "create", "--email", "sam@example.com", "--role", "support")
	if code != 0 || !strings.Contains(out, "/set-password#token=") {
		t.Fatalf("admin create with a link: %d %s", code, out)
	}
	out, code = runCmd("short\n", "admin", "create", "--email", "al@example.com", "--role", "admin", "--password-stdin")
	if code != 1 || !strings.Contains(out, "password refused") {
		t.Fatalf("weak password: %d %s", code, out)
	}
	out, code = runCmd("a perfectly long admin passphrase\n", "admin", "create", "--email", "al@example.com", "--role", "admin", "--password-stdin")
	if code != 0 || strings.Contains(out, "#token=") {
		t.Fatalf("admin create with a password: %d %s", code, out)
	}
	if out, code = runCmd("", "admin", "create", "--email", "AL@example.com", "--role", "owner"); code != 1 || !strings.Contains(out, "already exists") {
		t.Fatalf("duplicate: %d %s", code, out)
	}
	if out, code = runCmd("", "admin", "create", "--email", "x@example.com", "--role", "member"); code != 2 {
		t.Fatalf("member role: %d %s", code, out)
	}
}

func post(t *testing.T, url, body string) *http.Response {
	t.Helper()
	res, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res
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

func errorsAs(err error, target **exec.ExitError) bool {
	e, ok := err.(*exec.ExitError)
	if ok {
		*target = e
	}
	return ok
}

func TestImportCommand(t *testing.T) {
	base, err := os.MkdirTemp("", "gatehouse-cmd-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	os.Chmod(base, 0o755)
	file := filepath.Join(base, "contacts.csv")
	os.WriteFile(file, []byte("Email;First name;Last name\nann@example.com;Ann;Lee\nnope;No;Email\nbo@example.com;Bo;Berg\n"), 0o644)
	report := filepath.Join(base, "report.csv")
	env := append(os.Environ(), "GATEHOUSE_DATA_DIR="+filepath.Join(base, "data"), "DATABASE_URL=")
	run := func(args ...string) string {
		cmd := exec.Command(binary, args...)
		cmd.Env = env
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%v: %v %s", args, err, out)
		}
		return string(out)
	}
	out := run("import", file, "--dry-run")
	if !strings.Contains(out, "dry run") || !strings.Contains(out, "new        2") || !strings.Contains(out, "invalid    1") {
		t.Fatalf("dry run:\n%s", out)
	}
	out = run("import", "--report", report, file)
	if !strings.Contains(out, "created    2") {
		t.Fatalf("import:\n%s", out)
	}
	b, _ := os.ReadFile(report)
	if !strings.Contains(string(b), "3,nope,invalid,invalid email address") {
		t.Fatalf("report:\n%s", b)
	}
	if out = run("import", file); !strings.Contains(out, "updated    2") {
		t.Fatalf("second import:\n%s", out)
	}
}
