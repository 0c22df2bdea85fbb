package resendfake

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"net/http"
	"time"
)

// idempotencyTTL is how long Resend remembers an Idempotency-Key.
const idempotencyTTL = 24 * time.Hour

// idemEntry is the state of one Idempotency-Key. Keys are global (not per
// endpoint), so reusing a /emails key for a batch is a payload mismatch.
type idemEntry struct {
	fingerprint [32]byte
	inFlight    bool
	status      int
	response    []byte
	storedAt    time.Time
}

// idempotencyKey reads and checks the Idempotency-Key header ("" if absent).
func idempotencyKey(r *http.Request) (string, *apiError) {
	key := r.Header.Get("Idempotency-Key")
	if len(key) > 256 {
		return "", errInvalidIdempotencyKey()
	}
	return key, nil
}

// fingerprint identifies a payload independently of whitespace and key order
// (json.Marshal sorts map keys); the path is included so the same body sent
// to another endpoint counts as a different request.
func fingerprint(path string, doc any) [32]byte {
	canon, _ := json.Marshal(doc)
	return sha256.Sum256(append([]byte(path+"\n"), canon...))
}

// idempotent runs handle at most once per key and payload. Only successful
// (2xx) answers are remembered: after a validation error or an injected fault
// the key is released so the client can fix the request and retry, and
// nothing was delivered. handle returns the status and JSON value to answer.
func (s *Server) idempotent(w http.ResponseWriter, path, key string, doc any, handle func() (int, any)) {
	if key == "" {
		status, v := handle()
		writeJSON(w, status, v)
		return
	}
	fp := fingerprint(path, doc)
	s.mu.Lock()
	e, ok := s.idem[key]
	if ok && !e.inFlight && s.opts.Now().Sub(e.storedAt) >= idempotencyTTL {
		ok = false // expired: the key may be reused for anything
	}
	switch {
	case ok && e.inFlight:
		s.mu.Unlock()
		writeError(w, errIdempotencyInFlight())
		return
	case ok && e.fingerprint != fp:
		s.mu.Unlock()
		writeError(w, errIdempotencyMismatch())
		return
	case ok:
		status, resp := e.status, e.response
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write(resp)
		return
	}
	owned := &idemEntry{fingerprint: fp, inFlight: true}
	s.idem[key] = owned
	s.mu.Unlock()

	status, v := handle()
	var buf bytes.Buffer
	_ = json.NewEncoder(&buf).Encode(v)

	s.mu.Lock()
	// Compare pointers: Reset may have dropped or replaced the entry.
	if s.idem[key] == owned {
		if status >= 200 && status < 300 {
			owned.inFlight, owned.status, owned.response = false, status, buf.Bytes()
			owned.storedAt = s.opts.Now()
		} else {
			delete(s.idem, key)
		}
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
