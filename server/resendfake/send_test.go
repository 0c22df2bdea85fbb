package resendfake

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/resend/resend-go/v2"
)

func TestSendIsAcceptedRecordedAndRetrievable(t *testing.T) {
	s := newServer(t, Options{})
	c := newClient(t, s, 5*time.Second)
	resp, err := send(t, c, validEmail("a@example.com", "B <b@example.com>"), "")
	if err != nil {
		t.Fatal(err)
	}
	if !uuidPattern.MatchString(resp.Id) {
		t.Fatalf("id %q is not a UUID", resp.Id)
	}
	msgs := s.Messages()
	if len(msgs) != 1 {
		t.Fatalf("got %d messages", len(msgs))
	}
	m := msgs[0]
	if m.ID != resp.Id || m.From != "Gatehouse <noreply@gatehouse.test>" || m.Subject != "Welcome" ||
		m.HTML != "<p>Hello</p>" || m.Text != "Hello" || m.BatchIndex != -1 ||
		strings.Join(m.To, ",") != "a@example.com,B <b@example.com>" ||
		m.Headers["X-Entity-Ref-ID"] != "123" || len(m.Tags) != 1 || m.Tags[0] != (Tag{"category", "welcome"}) {
		t.Fatalf("unexpected message %+v", m)
	}
	got, err := c.Emails.Get(resp.Id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Id != resp.Id || got.Object != "email" || got.Subject != "Welcome" || got.LastEvent != "sent" || len(got.To) != 2 {
		t.Fatalf("unexpected GET %+v", got)
	}
	// The GET body must match the spec's Email schema.
	raw := do(t, s, "GET", "emails/"+resp.Id, "", nil)
	if ok, errs := s.val.schemas.ValidateSchemaObject(s.val.component("Email"), raw.Body); !ok {
		t.Fatalf("GET body does not match Email schema: %v", errs[0])
	}
	if s.Requests()[0].Status != 200 || s.Requests()[0].Method != "POST" || s.Requests()[0].Path != "/emails" {
		t.Fatalf("unexpected request log %+v", s.Requests()[0])
	}
}

func TestInvalidBodiesAreRejectedAndNotRecorded(t *testing.T) {
	s := newServer(t, Options{})
	many := make([]string, 51)
	for i := range many {
		many[i] = fmt.Sprintf("`m%d@example.com`", i)
	}
	tooMany := `{"from":"a@example.com","subject":"s","html":"h","to":[` +
		strings.ReplaceAll(strings.Join(many, ","), "`", `"`) + `]}`
	cases := []struct {
		name, body, wantName string
	}{
		{"missing from", `{"to":"x@example.com","subject":"s","html":"h"}`, "missing_required_field"},
		{"empty from (resend-go zero value)", `{"from":"","to":["x@example.com"],"subject":"s","html":"h"}`, "missing_required_field"},
		{"null to", `{"from":"a@example.com","to":null,"subject":"s","html":"h"}`, "missing_required_field"},
		{"to is a number", `{"from":"a@example.com","to":5,"subject":"s","html":"h"}`, "validation_error"},
		{"51 recipients", tooMany, "validation_error"},
		{"missing subject", `{"from":"a@example.com","to":"x@example.com","html":"h"}`, "missing_required_field"},
		{"no body", `{"from":"a@example.com","to":"x@example.com","subject":"s"}`, "missing_required_field"},
		{"tag name wrong type", `{"from":"a@example.com","to":"x@example.com","subject":"s","text":"t","tags":[{"name":1}]}`, "validation_error"},
		{"bad address", `{"from":"not an address","to":"x@example.com","subject":"s","text":"t"}`, "validation_error"},
		{"template and html", `{"from":"a@example.com","to":"x@example.com","subject":"s","html":"h","template":{"id":"t"}}`, "validation_error"},
		{"attachment without content", `{"from":"a@example.com","to":"x@example.com","subject":"s","text":"t","attachments":[{"filename":"a.txt"}]}`, "invalid_attachment"},
		{"body is an array", `[]`, "validation_error"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, do(t, s, "POST", "emails", tc.body, nil), 422, tc.wantName)
		})
	}
	wantError(t, do(t, s, "POST", "emails", `{"from":`, nil), 400, "validation_error")
	if n := len(s.Messages()); n != 0 {
		t.Fatalf("%d messages recorded for invalid requests", n)
	}

	// Through resend-go: missing From is sent as "from":"" and must fail.
	c := newClient(t, s, 5*time.Second)
	req := validEmail()
	req.From = ""
	if _, err := send(t, c, req, ""); err == nil || !strings.Contains(err.Error(), "from") {
		t.Fatalf("want missing from error, got %v", err)
	}
	// resend-go's attachment encoding (array of bytes) is accepted.
	ok := `{"from":"a@example.com","to":"x@example.com","subject":"s","text":"t","attachments":[{"filename":"a.txt","content":[104,105]}]}`
	if got := do(t, s, "POST", "emails", ok, nil); got.Status != 200 {
		t.Fatalf("attachment bytes rejected: %v", got.Body)
	}
}

func TestAuthAndRouting(t *testing.T) {
	s := newServer(t, Options{})
	body := `{"from":"a@example.com","to":"x@example.com","subject":"s","text":"t"}`
	wantError(t, do(t, s, "POST", "emails", body, map[string]string{"Authorization": ""}), 401, "missing_api_key")
	wantError(t, do(t, s, "POST", "emails", body, map[string]string{"Authorization": "Bearer nope"}), 403, "invalid_api_key")
	wantError(t, do(t, s, "GET", "domains", "", nil), 404, "not_found")
	wantError(t, do(t, s, "DELETE", "emails", "", nil), 405, "method_not_allowed")
	wantError(t, do(t, s, "GET", "emails/batch", "", nil), 405, "method_not_allowed")
	wantError(t, do(t, s, "GET", "emails/not-a-uuid", "", nil), 422, "invalid_parameter")
	wantError(t, do(t, s, "GET", "emails/4ef9a417-02e9-4d39-ad75-9611e0fcc33c", "", nil), 404, "not_found")
	if len(s.Messages()) != 0 {
		t.Fatal("unauthenticated request delivered")
	}
}

func TestIdempotency(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	var clockMu sync.Mutex
	s := newServer(t, Options{Now: func() time.Time { clockMu.Lock(); defer clockMu.Unlock(); return now }})
	c := newClient(t, s, 5*time.Second)

	first, err := send(t, c, validEmail(), "welcome-user/1")
	if err != nil {
		t.Fatal(err)
	}
	replay, err := send(t, c, validEmail(), "welcome-user/1")
	if err != nil {
		t.Fatal(err)
	}
	if replay.Id != first.Id || len(s.Messages()) != 1 {
		t.Fatalf("replay gave %s (first %s), %d messages", replay.Id, first.Id, len(s.Messages()))
	}
	// Same key, different payload.
	other := validEmail()
	other.Subject = "Different"
	if _, err := send(t, c, other, "welcome-user/1"); err == nil {
		t.Fatal("want 409")
	}
	body := `{"from":"a@example.com","to":"x@example.com","subject":"Different","text":"t"}`
	wantError(t, do(t, s, "POST", "emails", body, map[string]string{"Idempotency-Key": "welcome-user/1"}), 409, "invalid_idempotent_request")
	wantError(t, do(t, s, "POST", "emails", body, map[string]string{"Idempotency-Key": strings.Repeat("k", 257)}), 400, "invalid_idempotency_key")
	// A rejected request does not burn its key.
	bad := `{"from":"a@example.com","to":5,"subject":"s","text":"t"}`
	wantError(t, do(t, s, "POST", "emails", bad, map[string]string{"Idempotency-Key": "k2"}), 422, "validation_error")
	if got := do(t, s, "POST", "emails", body, map[string]string{"Idempotency-Key": "k2"}); got.Status != 200 {
		t.Fatalf("key not released after 422: %v", got.Body)
	}
	// After 24h the key is forgotten.
	clockMu.Lock()
	now = now.Add(24*time.Hour + time.Second)
	clockMu.Unlock()
	again, err := send(t, c, other, "welcome-user/1")
	if err != nil || again.Id == first.Id {
		t.Fatalf("expired key: %v %v", again, err)
	}
	if n := len(s.Messages()); n != 3 {
		t.Fatalf("want 3 messages, got %d", n)
	}
}

func TestConcurrentIdempotentRequests(t *testing.T) {
	s := newServer(t, Options{})
	inFlight, release := make(chan struct{}), make(chan struct{})
	s.deliverHook = func() { close(inFlight); <-release }
	body := `{"from":"a@example.com","to":"x@example.com","subject":"s","text":"t"}`
	hdr := map[string]string{"Idempotency-Key": "same"}
	done := make(chan rawResult)
	go func() { done <- do(t, s, "POST", "emails", body, hdr) }()
	<-inFlight
	wantError(t, do(t, s, "POST", "emails", body, hdr), 409, "concurrent_idempotent_requests")
	close(release)
	if got := <-done; got.Status != 200 {
		t.Fatalf("first request: %v", got)
	}
	if n := len(s.Messages()); n != 1 {
		t.Fatalf("want 1 message, got %d", n)
	}
}

func TestWaitForMessagesAndReset(t *testing.T) {
	s := newServer(t, Options{})
	c := newClient(t, s, 5*time.Second)
	go func() {
		time.Sleep(20 * time.Millisecond)
		_, _ = send(t, c, validEmail(), "")
		_, _ = send(t, c, validEmail(), "")
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.WaitForMessages(ctx, 2); err != nil {
		t.Fatal(err)
	}
	short, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel2()
	if err := s.WaitForMessages(short, 3); err == nil {
		t.Fatal("want timeout")
	}
	s.Reset()
	if len(s.Messages()) != 0 || len(s.Requests()) != 0 {
		t.Fatal("Reset kept state")
	}
}

// BenchmarkSend measures the fake's per-request overhead through resend-go.
func BenchmarkSend(b *testing.B) {
	s := New(Options{APIKey: testKey})
	defer s.Close()
	c := newClient(b, s, 5*time.Second)
	for b.Loop() {
		if _, err := c.Emails.SendWithOptions(context.Background(), validEmail(), &resend.SendEmailOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
