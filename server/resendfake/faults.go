package resendfake

import (
	"bytes"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Fault is a scripted misbehaviour. Faults are queued by Fail and consumed in
// FIFO order, each by the next matching request, before authentication, rate
// limiting and normal handling, so nothing is delivered for a faulted request.
type Fault struct {
	// Status to answer with, e.g. 429, 500 or 503, using Resend's error body
	// for that status. 0 (or any status below 400) means "no error": only
	// Delay applies and the request is then handled normally.
	Status int
	// RetryAfter sets the retry-after header (whole seconds, at least 1) on a
	// 429. A 429 always carries the header, as Resend's do.
	RetryAfter time.Duration
	// Delay is slept before answering. If the client gives up meanwhile
	// (e.g. its timeout fires) nothing is written or delivered and the request
	// is recorded with StatusClientClosed.
	Delay time.Duration
	// Path, if set, restricts the fault to requests for that path, e.g.
	// "/emails/batch" (a leading slash is optional). Non-matching requests
	// skip the fault without consuming it.
	Path string
	// To, if set, restricts the fault to requests whose body names that
	// recipient (any case), so tests running side by side each fail only
	// their own email.
	To string
	// Times is how many requests the fault applies to; 0 means 1.
	Times int
	// Name and Message optionally override the error body, e.g.
	// Name "daily_quota_exceeded" with Status 429.
	Name    string
	Message string
}

type pendingFault struct {
	Fault
	remaining int
}

// Fail queues a fault.
func (s *Server) Fail(f Fault) {
	if f.Path != "" && !strings.HasPrefix(f.Path, "/") {
		f.Path = "/" + f.Path
	}
	n := f.Times
	if n <= 0 {
		n = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &pendingFault{Fault: f, remaining: n})
}

// takeFault consumes one use of the first queued fault matching the request.
func (s *Server) takeFault(path string, body []byte) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, pf := range s.faults {
		if pf.Path != "" && pf.Path != path {
			continue
		}
		if pf.To != "" && !bytes.Contains(bytes.ToLower(body), []byte(strings.ToLower(pf.To))) {
			continue
		}
		pf.remaining--
		if pf.remaining <= 0 {
			s.faults = slices.Delete(s.faults, i, i+1)
		}
		return pf.Fault, true
	}
	return Fault{}, false
}

// applyFault reports whether the request has been dealt with; false means
// normal handling should continue (a delay-only fault).
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, f Fault) bool {
	if !s.sleep(r.Context(), f.Delay) {
		return true
	}
	if f.Status < 400 {
		return false
	}
	e := errorForStatus(f.Status)
	if f.Name != "" {
		e.Name = f.Name
	}
	if f.Message != "" {
		e.Message = f.Message
	}
	if f.Status == http.StatusTooManyRequests {
		secs := ceilSeconds(f.RetryAfter)
		h := w.Header()
		h.Set("retry-after", secs)
		h.Set("ratelimit-remaining", "0")
		h.Set("ratelimit-reset", secs)
		if s.opts.RateLimit > 0 {
			h.Set("ratelimit-limit", strconv.FormatFloat(s.opts.RateLimit, 'f', -1, 64))
		}
	}
	writeError(w, e)
	return true
}
