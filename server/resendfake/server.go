package resendfake

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// StatusClientClosed is recorded in Request.Status when the client went away
// (for example its timeout fired during Latency or a Fault delay) before the
// fake answered. It is nginx's convention; no response is written.
const StatusClientClosed = 499

// maxBodyBytes is Resend's documented 40MB limit on a send request
// (attachments included).
const maxBodyBytes = 40 << 20

// Options configures a Server. The zero value is usable.
type Options struct {
	// APIKey is the bearer token clients must present. A missing or
	// non-Bearer Authorization header gets 401 missing_api_key and a wrong
	// token 403 invalid_api_key. If empty, any non-empty bearer token is
	// accepted (the header is still required).
	APIKey string
	// RateLimit is the allowed requests per second across all endpoints,
	// with a burst of 1; 0 means unlimited. Excess requests get 429
	// rate_limit_exceeded with retry-after and ratelimit-* headers.
	RateLimit float64
	// Latency is added to every request before it is handled.
	Latency time.Duration
	// Now overrides the clock used for timestamps and idempotency-key expiry
	// (24h), so tests can exercise expiry without waiting. Defaults to
	// time.Now. Rate limiting and delays always use the real clock.
	Now func() time.Time
}

// Server is a fake Resend API listening on 127.0.0.1. All methods are safe
// for concurrent use.
type Server struct {
	opts      Options
	ts        *httptest.Server
	val       *validator
	done      chan struct{} // closed by Close to cut sleeps short
	closeOnce sync.Once

	mu       sync.Mutex
	messages []Message
	requests []Request
	emails   map[string]*storedEmail
	idem     map[string]*idemEntry
	faults   []*pendingFault
	limit    limiter
	changed  chan struct{} // closed and replaced whenever a message is added

	// deliverHook, if set by a test, runs just before emails are recorded,
	// i.e. while an idempotency key is in flight.
	deliverHook func()
}

// New starts a fake Resend server. Call Close when done.
func New(opts Options) *Server {
	s := NewHandler(opts)
	s.ts = httptest.NewServer(s)
	return s
}

// NewHandler returns the fake without a listener of its own, to be served by the caller (the
// gatehouse-fake-resend command); URL and Close are then not to be used.
func NewHandler(opts Options) *Server {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	val, err := newValidator(openAPISpec)
	if err != nil {
		panic("resendfake: loading embedded OpenAPI spec: " + err.Error())
	}
	s := &Server{opts: opts, val: val, done: make(chan struct{})}
	s.resetLocked()
	return s
}

// URL returns the base URL with a trailing slash, as resend.Client.BaseURL
// requires (the client resolves relative paths like "emails" against it).
func (s *Server) URL() string { return s.ts.URL + "/" }

// Close shuts the server down, interrupting any pending delays.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		s.ts.Close()
	})
}

// Reset forgets all messages, requests, stored emails, idempotency keys and
// pending faults, and refills the rate-limit bucket.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.resetLocked()
}

func (s *Server) resetLocked() {
	s.messages = nil
	s.requests = nil
	s.emails = make(map[string]*storedEmail)
	s.idem = make(map[string]*idemEntry)
	s.faults = nil
	s.limit = newLimiter(s.opts.RateLimit)
	if s.changed == nil {
		s.changed = make(chan struct{})
	}
}

// statusWriter remembers the status so the request log can record it.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// ServeHTTP implements http.Handler, so the fake can also be mounted in a
// caller's own server.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	received := s.opts.Now()
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	sw := &statusWriter{ResponseWriter: w}
	defer func() {
		if sw.status == 0 {
			sw.status = StatusClientClosed
		}
		s.mu.Lock()
		s.requests = append(s.requests, Request{
			Method: r.Method, Path: r.URL.Path, Status: sw.status,
			IdempotencyKey: r.Header.Get("Idempotency-Key"),
			Header:         r.Header.Clone(), Body: body, ReceivedAt: received,
		})
		s.mu.Unlock()
	}()
	if err != nil {
		return // the client hung up mid-body; nothing sensible to answer
	}
	if !s.sleep(r.Context(), s.opts.Latency) {
		return
	}
	if f, ok := s.takeFault(r.URL.Path, body); ok && s.applyFault(sw, r, f) {
		return
	}
	if e := s.authenticate(r); e != nil {
		writeError(sw, e)
		return
	}
	if !s.admit(sw) {
		return
	}
	if len(body) > maxBodyBytes {
		writeError(sw, errValidation("The request body exceeds the 40MB limit."))
		return
	}
	s.route(sw, r, body)
}

func (s *Server) authenticate(r *http.Request) *apiError {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return errMissingAPIKey()
	}
	if s.opts.APIKey != "" && token != s.opts.APIKey {
		return errInvalidAPIKey()
	}
	return nil
}

// admit applies the rate limit and sets the ratelimit-* headers Resend sends
// on every response. It answers 429 itself and returns false when refused.
func (s *Server) admit(w http.ResponseWriter) bool {
	s.mu.Lock()
	ok, wait := s.limit.take(time.Now())
	s.limit.setHeaders(w.Header())
	rate := s.limit.rate
	s.mu.Unlock()
	if ok {
		return true
	}
	w.Header().Set("retry-after", ceilSeconds(wait))
	writeError(w, newError(http.StatusTooManyRequests, "rate_limit_exceeded",
		"Too many requests. You can only make %g requests per second. See rate limit response headers for more information. Or contact support to increase rate limit.", rate))
	return false
}

func (s *Server) route(w http.ResponseWriter, r *http.Request, body []byte) {
	p := r.URL.Path
	switch {
	case p == "/emails":
		if r.Method != http.MethodPost {
			writeError(w, errMethodNotAllowed())
			return
		}
		s.handleSend(w, r, body)
	case p == "/emails/batch":
		if r.Method != http.MethodPost {
			writeError(w, errMethodNotAllowed())
			return
		}
		s.handleBatch(w, r, body)
	case strings.HasPrefix(p, "/emails/") && !strings.Contains(p[len("/emails/"):], "/"):
		if r.Method != http.MethodGet {
			writeError(w, errMethodNotAllowed())
			return
		}
		s.handleGet(w, p[len("/emails/"):])
	default:
		writeError(w, errNotFound())
	}
}

// sleep waits for d, returning false if the client gave up or the server is
// closing, so that Close never has to wait out a long injected delay.
func (s *Server) sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.done:
		return false
	}
}
