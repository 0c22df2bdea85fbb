package resendfake

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"slices"
	"time"
)

// Request is one HTTP request as received by the fake.
type Request struct {
	Method string
	Path   string
	// Status is the status answered, or StatusClientClosed.
	Status         int
	IdempotencyKey string
	Header         http.Header
	Body           []byte
	ReceivedAt     time.Time
}

// Tag is a Resend email tag.
type Tag struct {
	Name  string
	Value string
}

// Message is one accepted email.
type Message struct {
	ID          string
	From        string
	To          []string
	Cc          []string
	Bcc         []string
	ReplyTo     []string
	Subject     string
	HTML        string
	Text        string
	Headers     map[string]string
	Tags        []Tag
	ScheduledAt string
	// IdempotencyKey is the request's key; for batches it covers the batch.
	IdempotencyKey string
	// BatchIndex is the position in the /emails/batch request, -1 for
	// POST /emails.
	BatchIndex int
	ReceivedAt time.Time
	// Raw is the email object as sent, for asserting on fields not
	// surfaced above (attachments, template, topic_id, ...).
	Raw []byte
}

func (m Message) clone() Message {
	m.To, m.Cc, m.Bcc, m.ReplyTo = slices.Clone(m.To), slices.Clone(m.Cc), slices.Clone(m.Bcc), slices.Clone(m.ReplyTo)
	m.Headers, m.Tags, m.Raw = maps.Clone(m.Headers), slices.Clone(m.Tags), slices.Clone(m.Raw)
	return m
}

// Messages returns a copy of every accepted email, in acceptance order. An
// idempotent replay does not add a message.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, len(s.messages))
	for i, m := range s.messages {
		out[i] = m.clone()
	}
	return out
}

// Requests returns a copy of every HTTP request received, including rejected
// ones, in the order they were answered.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		r.Header = r.Header.Clone()
		r.Body = slices.Clone(r.Body)
		out[i] = r
	}
	return out
}

// WaitForMessages blocks until at least n messages have been accepted, ctx is
// done, or the server is closed.
func (s *Server) WaitForMessages(ctx context.Context, n int) error {
	for {
		s.mu.Lock()
		have, changed := len(s.messages), s.changed
		s.mu.Unlock()
		if have >= n {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		case <-s.done:
			return errors.New("resendfake: server closed")
		}
	}
}
