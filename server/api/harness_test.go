package api

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/riverqueue/river"

	"gatehouse"
	"gatehouse/server/access"
	"gatehouse/server/apikeys"
	"gatehouse/server/apps"
	"gatehouse/server/auth"
	"gatehouse/server/bulk"
	"gatehouse/server/config"
	"gatehouse/server/desk"
	"gatehouse/server/events"
	"gatehouse/server/importer"
	"gatehouse/server/jobs"
	"gatehouse/server/mail"
	"gatehouse/server/metrics"
	"gatehouse/server/oauth"
	"gatehouse/server/oidcprovider"
	"gatehouse/server/outbox"
	"gatehouse/server/resendfake"
	"gatehouse/server/serverkey"
	"gatehouse/server/store"
	"gatehouse/server/testdb"
	"gatehouse/server/webhooks"
	"gatehouse/server/workflows"
)

func TestMain(m *testing.M) {
	// zitadel/oidc logs every refused OAuth request through slog's default logger; the tests
	// provoke hundreds on purpose. The server's own log goes to each test (testLog).
	slog.SetDefault(slog.New(slog.DiscardHandler))
	os.Exit(testdb.Main(m))
}

const publicURL = "https://portal.example.test"

// webhookSecret signs the test webhooks ("whsec_" + base64 key, as Resend shows it).
const webhookSecret = "whsec_dGVzdC13ZWJob29rLXNpZ25pbmcta2V5LTAxMjM0NTY3"

// harness is the real app on a fresh database, real River workers, and the fake Resend (which
// checks every request against Resend's OpenAPI description). Its clock runs in real time but
// can be moved forward to test expiries.
type harness struct {
	t       *testing.T
	app     *fiber.App
	store   *store.Store
	auth    *auth.Service
	access  *access.Service
	desk    *desk.Service
	resend  *resendfake.Server
	engine  *workflows.Engine
	bulk    *bulk.Service
	metrics *metrics.Metrics
	keys    *serverkey.Ring
	signing *oidcprovider.Keys
	gate    *apps.Gate
	skew    atomic.Int64
	url     string // with harnessOptions.listen: the real server's address (the public URL)
}

// harnessOptions add to the standard harness: more environment, and OAuth endpoints.
type harnessOptions struct {
	env       map[string]string
	endpoints map[string]oauth.Endpoints
	hooks     webhooks.Options // outbound webhooks; zero: loopback allowed, fast retries, a 3-day window
	// listen serves the app on a real loopback port, which is also the public URL (and so the
	// OpenID issuer): for real HTTP clients (oauth2, go-oidc, a reverse proxy).
	listen bool
}

func newHarness(t *testing.T) *harness { return newHarnessWith(t, harnessOptions{}) }

func newHarnessWith(t *testing.T, opts harnessOptions) *harness {
	t.Helper()
	h := &harness{t: t}
	h.store = testdb.New(t)
	h.resend = resendfake.New(resendfake.Options{APIKey: "re_test_key"})
	t.Cleanup(h.resend.Close)
	var ln net.Listener
	if opts.listen {
		var err error
		if ln, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
			t.Fatal(err)
		}
		h.url = "http://" + ln.Addr().String()
		if opts.env == nil {
			opts.env = map[string]string{}
		}
		opts.env["GATEHOUSE_PUBLIC_URL"] = h.url
	}
	cfg, err := config.Load(func(k string) string {
		if v, ok := opts.env[k]; ok {
			return v
		}
		return map[string]string{
			"GATEHOUSE_PUBLIC_URL": publicURL, "GATEHOUSE_RESEND_API_KEY": "re_test_key",
			"GATEHOUSE_RESEND_BASE_URL": h.resend.URL(), "GATEHOUSE_MAIL_FROM": "Gatehouse <no-reply@example.test>",
			// app.Test connections come from 0.0.0.0: trusting it lets a test pose as any IP.
			"GATEHOUSE_TRUSTED_PROXIES":       "0.0.0.0",
			"GATEHOUSE_RESEND_WEBHOOK_SECRET": webhookSecret,
		}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	sender, err := mail.NewResend(cfg.ResendAPIKey, cfg.ResendBaseURL, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	templates, err := mail.LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	workers := river.NewWorkers()
	rc, err := jobs.NewClient(h.store, workers, jobs.Options{Work: true, CredentialWorkers: 4, BulkWorkers: 1,
		PollInterval: 100 * time.Millisecond, RetryBase: 50 * time.Millisecond, RetryMax: 200 * time.Millisecond, Logger: testLog(t)})
	if err != nil {
		t.Fatal(err)
	}
	ob := outbox.New(rc, templates, cfg.PublicURL, 5, h.now)
	em := events.New(rc, h.now)
	keys := testKeys(t)
	h.auth = auth.New(h.store, ob, rc, auth.NewHasher(auth.TestHashParams, 4, 2*time.Second), em, keys, h.now, discardLog())
	deliver := jobs.NewDeliver(h.store, ob, sender, jobs.NewPacer(h.store, 0), em, cfg.MailFrom, h.now, discardLog())
	river.AddWorker(workers, deliver)
	river.AddWorker(workers, jobs.NewDeliverBatch(deliver))
	river.AddWorker(workers, jobs.NewAssembleBatches(h.store, rc, 5, h.now))
	inbound := jobs.NewWebhooks(h.store, rc, em, h.now)
	h.access = access.New(h.auth, em, h.now)
	h.engine = workflows.New(h.store, h.access, h.auth, em, rc, h.now, discardLog())
	jobs.AddWorkflowWorkers(workers, h.engine)
	h.bulk = bulk.New(h.store, h.access, h.auth, rc, h.now)
	river.AddWorker(workers, jobs.NewBulkOperations(h.bulk))
	imp := importer.New(h.store, h.access, h.auth, h.now)
	river.AddWorker(workers, jobs.NewImports(imp))
	river.AddWorker(workers, inbound)
	h.keys = keys
	hookOpts := opts.hooks
	hookOpts.AllowPrivate = true // receivers in tests listen on loopback
	if hookOpts.RetryBase == 0 {
		hookOpts.RetryBase, hookOpts.RetryMax = 50*time.Millisecond, 200*time.Millisecond
	}
	river.AddWorker(workers, webhooks.NewWorker(h.store, h.keys, ob, hookOpts, h.now, testLog(t)))
	river.AddWorker(workers, jobs.NewAccessRequests(h.auth))
	h.desk = desk.New(h.store, h.auth, h.access, h.engine, h.now)
	h.signing = oidcprovider.NewKeys(h.store, keys, h.now, discardLog())
	if err := h.signing.Rotate(context.Background()); err != nil {
		t.Fatal(err)
	}
	provider, err := oidcprovider.New(oidcprovider.Options{Issuer: cfg.PublicURL, Store: h.store, Keys: h.signing, Ring: keys, Now: h.now, Log: discardLog()})
	if err != nil {
		t.Fatal(err)
	}
	h.gate = apps.NewGate(h.store, h.now)
	frontend := fstest.MapFS{
		"index.html":           {Data: []byte("<!doctype html><title>portal</title>")},
		"assets/app-abc123.js": {Data: []byte("console.log('app')")},
		"favicon.svg":          {Data: []byte("<svg/>")},
	}
	h.metrics = metrics.New(h.store)
	h.app = New(Deps{Config: cfg, Store: h.store, Auth: h.auth, Desk: h.desk, Webhooks: inbound, Workflows: h.engine, Bulk: h.bulk, Importer: imp, River: rc, Metrics: h.metrics, Keys: h.keys,
		APIKeys: apikeys.New(h.store, h.now), Hooks: webhooks.New(h.store, h.keys, em, true, h.now),
		Apps: apps.New(h.store, h.access, h.now), Gate: h.gate, OIDC: provider,
		OAuth:    oauth.New(cfg.OAuth, h.store, oauth.Options{PublicURL: cfg.PublicURL, Now: h.now, Endpoints: opts.endpoints}),
		Frontend: frontend, Migrations: gatehouse.Migrations(), Log: testLog(t), Now: h.now})
	ctx, cancel := context.WithCancel(context.Background())
	go h.store.WatchSettings(ctx, discardLog()) // as in production: settings cached, kept current
	go h.store.WatchAccess(ctx, h.gate, discardLog())
	jobs.ReportFailures(ctx, rc, testLog(t))
	if err := rc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stopCtx, done := context.WithTimeout(context.Background(), 5*time.Second)
		defer done()
		_ = rc.Stop(stopCtx)
		cancel()
	})
	if ln != nil {
		go func() { _ = h.app.Listener(ln) }()
		t.Cleanup(func() { _ = h.app.ShutdownWithTimeout(5 * time.Second) })
	}
	return h
}

func (h *harness) now() time.Time { return time.Now().Add(time.Duration(h.skew.Load())) }

// advance moves the app's clock forward.
func (h *harness) advance(d time.Duration) { h.skew.Add(int64(d)) }

// client is a browser-like caller: it keeps the session cookie and the CSRF token.
type client struct {
	h      *harness
	ip     string
	cookie string            // the session cookie
	jar    map[string]string // any other cookie (the OAuth browser key)
	csrf   string
	header map[string]string
}

func (h *harness) client(ip string) *client {
	return &client{h: h, ip: ip, header: map[string]string{}, jar: map[string]string{}}
}

type response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("response is not a JSON object: %s", r.Body)
	}
	return m
}

func (r response) code(t *testing.T) string {
	t.Helper()
	c, _ := r.json(t)["code"].(string)
	return c
}

func (c *client) do(method, path, body string) response {
	c.h.t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("X-Forwarded-For", c.ip)
	req.Header.Set("User-Agent", "gatehouse-test")
	cookies := []string{}
	if c.cookie != "" {
		cookies = append(cookies, c.cookie)
	}
	for k, v := range c.jar {
		cookies = append(cookies, k+"="+v)
	}
	if len(cookies) > 0 {
		req.Header.Set("Cookie", strings.Join(cookies, "; "))
	}
	if c.csrf != "" && method != http.MethodGet {
		req.Header.Set(csrfHeader, c.csrf)
	}
	for k, v := range c.header {
		if k == "Host" { // Go keeps the Host header out of Header
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	res, err := c.h.app.Test(req, -1)
	if err != nil {
		c.h.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	for _, sc := range res.Cookies() {
		gone := sc.Value == "" || sc.MaxAge < 0
		switch {
		case strings.HasSuffix(sc.Name, "gatehouse_session") && gone:
			c.cookie = ""
		case strings.HasSuffix(sc.Name, "gatehouse_session"):
			c.cookie = sc.Name + "=" + sc.Value
		case gone:
			delete(c.jar, sc.Name)
		default:
			c.jar[sc.Name] = sc.Value
		}
	}
	out := response{Status: res.StatusCode, Header: res.Header, Body: b}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") && res.StatusCode == 200 {
		var m map[string]any
		if json.Unmarshal(b, &m) == nil {
			if tok, ok := m["csrf_token"].(string); ok {
				c.csrf = tok
			}
		}
	}
	return out
}

// expect fails the test unless the response has the status (and the error code, if given).
func expect(t *testing.T, r response, status int, code string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	if code != "" && r.code(t) != code {
		t.Fatalf("code %q, want %q: %s", r.code(t), code, r.Body)
	}
}

// member creates a contact (role member unless given) with a password.
func (h *harness) member(email, password string, role ...string) store.Contact {
	h.t.Helper()
	c := store.Contact{Email: email, Role: auth.RoleMember}
	if len(role) > 0 {
		c.Role = role[0]
	}
	if password != "" {
		hash, err := auth.NewHasher(auth.TestHashParams, 1, time.Second).Hash(context.Background(), password)
		if err != nil {
			h.t.Fatal(err)
		}
		c.PasswordHash = hash
	}
	if err := h.store.CreateContact(context.Background(), &c); err != nil {
		h.t.Fatal(err)
	}
	return c
}

// signIn returns a client signed in as email.
func (h *harness) signIn(email, password string) *client {
	h.t.Helper()
	c := h.client("203.0.113.10")
	r := c.do("POST", "/api/auth/login", `{"email":"`+email+`","password":"`+password+`"}`)
	expect(h.t, r, 200, "")
	return c
}

// waitMessages waits until the fake Resend holds n messages (or fails after 10 s).
func (h *harness) waitMessages(n int) []resendfake.Message {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.resend.WaitForMessages(ctx, n); err != nil {
		h.t.Fatalf("waiting for %d emails, have %d: %v", n, len(h.resend.Messages()), err)
	}
	return h.resend.Messages()
}

// settle waits until no job is pending or running and no email waits for one (bulk email
// can wait up to 2 s for the periodic batcher), so "nothing was sent" can be asserted.
func (h *harness) settle() {
	h.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		var n int
		err := h.store.SQLDB().QueryRow(`SELECT (SELECT count(*) FROM river_job WHERE state IN ('available','running','scheduled','retryable','pending'))
			+ (SELECT count(*) FROM emails WHERE status IN ('queued', 'sending'))`).Scan(&n)
		if err != nil {
			h.t.Fatal(err)
		}
		if n == 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	h.t.Fatal("jobs did not settle within 10 s")
}

var linkPattern = regexp.MustCompile(`https://portal\.example\.test/(reset|set-password)#token=([A-Za-z0-9_-]+)`)

// linkIn returns the one-time token in an email's text.
func linkIn(t *testing.T, m resendfake.Message) string {
	t.Helper()
	match := linkPattern.FindStringSubmatch(m.Text)
	if match == nil {
		t.Fatalf("no one-time link in email %q:\n%s", m.Subject, m.Text)
	}
	if !strings.Contains(m.HTML, match[0]) {
		t.Fatalf("the HTML part lacks the link of the text part")
	}
	return match[2]
}

func discardLog() *slog.Logger { return slog.New(slog.DiscardHandler) }

// testLog writes warnings and errors to the test's log, so a 500 shows its cause. Writes after
// the test's cleanup (a background job finishing late) are dropped: t.Log would panic.
func testLog(t *testing.T) *slog.Logger {
	w := &testWriter{t: t}
	t.Cleanup(func() { w.done.Store(true) })
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type testWriter struct {
	t    *testing.T
	done atomic.Bool
}

func (w *testWriter) Write(p []byte) (int, error) {
	if !w.done.Load() {
		w.t.Log(strings.TrimSpace(string(p)))
	}
	return len(p), nil
}

func sha(raw string) []byte {
	sum := sha256.Sum256([]byte(raw))
	return sum[:]
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func hashFor(t *testing.T, password string) string {
	t.Helper()
	hash, err := auth.NewHasher(auth.TestHashParams, 1, time.Second).Hash(context.Background(), password)
	if err != nil {
		t.Fatal(err)
	}
	return hash
}

// testKeys is a server key for one test.
func testKeys(t *testing.T) *serverkey.Ring {
	t.Helper()
	r, err := serverkey.Parse(serverkey.New())
	if err != nil {
		t.Fatal(err)
	}
	return r
}
