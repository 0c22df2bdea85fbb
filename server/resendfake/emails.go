package resendfake

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// maxBatch is Resend's documented limit of emails per /emails/batch call.
const maxBatch = 100

// storedEmail backs GET /emails/{id}.
type storedEmail struct {
	msg       Message
	lastEvent string
}

type idResponse struct {
	ID string `json:"id"`
}

type batchError struct {
	Index   int    `json:"index"`
	Message string `json:"message"`
}

// batchResponse is CreateBatchEmailsResponse. The spec only declares data;
// errors is what Resend adds (and resend-go decodes) in permissive mode, and
// is absent in strict mode.
type batchResponse struct {
	Data   []idResponse  `json:"data"`
	Errors *[]batchError `json:"errors,omitempty"`
}

// emailJSON is the spec's Email schema.
type emailJSON struct {
	Object    string   `json:"object"`
	ID        string   `json:"id"`
	To        []string `json:"to"`
	From      string   `json:"from"`
	CreatedAt string   `json:"created_at"`
	Subject   string   `json:"subject"`
	HTML      string   `json:"html,omitempty"`
	Text      string   `json:"text,omitempty"`
	Bcc       []string `json:"bcc"`
	Cc        []string `json:"cc"`
	ReplyTo   []string `json:"reply_to"`
	LastEvent string   `json:"last_event"`
}

// decodeJSON keeps numbers as json.Number so the idempotency fingerprint is
// exact. An empty body is treated as {} so it reports the missing fields.
func decodeJSON(body []byte) (any, *apiError) {
	if len(bytes.TrimSpace(body)) == 0 {
		return map[string]any{}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, newError(http.StatusBadRequest, "validation_error", "Invalid JSON body: %v.", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, newError(http.StatusBadRequest, "validation_error", "Invalid JSON body: unexpected data after the top-level value.")
	}
	return v, nil
}

func (s *Server) handleSend(w http.ResponseWriter, r *http.Request, body []byte) {
	key, e := idempotencyKey(r)
	if e == nil {
		var doc any
		if doc, e = decodeJSON(body); e == nil {
			s.idempotent(w, r.URL.Path, key, doc, func() (int, any) {
				m, e := s.val.validateEmail(doc, false)
				if e != nil {
					return e.StatusCode, e
				}
				ids := s.deliver([]map[string]any{m}, []int{-1}, key)
				return http.StatusOK, idResponse{ID: ids[0]}
			})
			return
		}
	}
	writeError(w, e)
}

func (s *Server) handleBatch(w http.ResponseWriter, r *http.Request, body []byte) {
	mode := strings.ToLower(r.Header.Get("x-batch-validation"))
	if mode == "" {
		mode = "strict"
	}
	if mode != "strict" && mode != "permissive" {
		writeError(w, errValidation("Invalid `x-batch-validation` header: must be `strict` or `permissive`."))
		return
	}
	key, e := idempotencyKey(r)
	if e != nil {
		writeError(w, e)
		return
	}
	doc, e := decodeJSON(body)
	if e != nil {
		writeError(w, e)
		return
	}
	items, ok := doc.([]any)
	switch {
	case !ok:
		writeError(w, errValidation("The request body must be an array of emails."))
		return
	case len(items) == 0:
		writeError(w, errValidation("The batch must contain at least one email."))
		return
	case len(items) > maxBatch:
		writeError(w, errValidation("Too many emails in the batch: %d given, the maximum is %d.", len(items), maxBatch))
		return
	}
	// The key covers the whole batch: replay returns all ids at once.
	s.idempotent(w, r.URL.Path, key, doc, func() (int, any) {
		var valid []map[string]any
		var indexes []int
		errs := []batchError{}
		for i, item := range items {
			m, e := s.val.validateEmail(item, true)
			if e != nil {
				if mode == "strict" {
					// Strict is atomic: one bad email rejects the batch.
					e.Message = fmt.Sprintf("%s (batch index %d)", e.Message, i)
					return e.StatusCode, e
				}
				errs = append(errs, batchError{Index: i, Message: e.Message})
				continue
			}
			valid, indexes = append(valid, m), append(indexes, i)
		}
		resp := batchResponse{Data: []idResponse{}}
		for _, id := range s.deliver(valid, indexes, key) {
			resp.Data = append(resp.Data, idResponse{ID: id})
		}
		if mode == "permissive" {
			resp.Errors = &errs
		}
		return http.StatusOK, resp
	})
}

// deliver records validated emails atomically, so a concurrent Messages call
// never sees half a batch, and wakes WaitForMessages.
func (s *Server) deliver(items []map[string]any, batchIndex []int, key string) []string {
	if s.deliverHook != nil {
		s.deliverHook()
	}
	ids := make([]string, len(items))
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opts.Now()
	for i, m := range items {
		msg := messageFrom(m)
		msg.ID, msg.IdempotencyKey, msg.BatchIndex, msg.ReceivedAt = newID(), key, batchIndex[i], now
		ids[i] = msg.ID
		s.messages = append(s.messages, msg)
		last := "sent"
		if msg.ScheduledAt != "" {
			last = "scheduled"
		}
		s.emails[msg.ID] = &storedEmail{msg: msg, lastEvent: last}
	}
	if len(items) > 0 {
		close(s.changed)
		s.changed = make(chan struct{})
	}
	return ids
}

func messageFrom(m map[string]any) Message {
	str := func(k string) string { s, _ := m[k].(string); return s }
	msg := Message{
		From: str("from"), To: stringList(m["to"]), Cc: stringList(m["cc"]),
		Bcc: stringList(m["bcc"]), ReplyTo: stringList(m["reply_to"]),
		Subject: str("subject"), HTML: str("html"), Text: str("text"),
		ScheduledAt: str("scheduled_at"),
	}
	if h, ok := m["headers"].(map[string]any); ok {
		msg.Headers = make(map[string]string, len(h))
		for k, v := range h {
			if sv, ok := v.(string); ok {
				msg.Headers[k] = sv
			} else {
				b, _ := json.Marshal(v)
				msg.Headers[k] = string(b)
			}
		}
	}
	tags, _ := m["tags"].([]any)
	for _, t := range tags {
		tm, _ := t.(map[string]any)
		name, _ := tm["name"].(string)
		value, _ := tm["value"].(string)
		msg.Tags = append(msg.Tags, Tag{Name: name, Value: value})
	}
	msg.Raw, _ = json.Marshal(m)
	return msg
}

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func (s *Server) handleGet(w http.ResponseWriter, id string) {
	if !uuidPattern.MatchString(id) {
		writeError(w, newError(http.StatusUnprocessableEntity, "invalid_parameter", "The parameter must be a valid UUID."))
		return
	}
	s.mu.Lock()
	se, ok := s.emails[id]
	var out emailJSON
	if ok {
		m := se.msg
		out = emailJSON{
			Object: "email", ID: m.ID, To: nonNil(m.To), From: m.From,
			CreatedAt: m.ReceivedAt.UTC().Format("2006-01-02 15:04:05.000000+00"),
			Subject:   m.Subject, HTML: m.HTML, Text: m.Text,
			Bcc: nonNil(m.Bcc), Cc: nonNil(m.Cc), ReplyTo: nonNil(m.ReplyTo), LastEvent: se.lastEvent,
		}
	}
	s.mu.Unlock()
	if !ok {
		writeError(w, newError(http.StatusNotFound, "not_found", "Email not found"))
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// newID returns a random RFC 4122 version 4 UUID, the format of Resend ids.
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// emailCreatedAt is the timestamp format used in webhook payloads.
func emailCreatedAt(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
