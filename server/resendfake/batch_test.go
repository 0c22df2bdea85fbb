package resendfake

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/resend/resend-go/v2"
)

func batchOf(n int) []*resend.SendEmailRequest {
	out := make([]*resend.SendEmailRequest, n)
	for i := range out {
		out[i] = validEmail(fmt.Sprintf("m%d@example.com", i))
	}
	return out
}

func TestBatchStrictRejectsWholeBatch(t *testing.T) {
	s := newServer(t, Options{})
	c := newClient(t, s, 5*time.Second)
	emails := batchOf(3)
	emails[1].To = nil // sent as "to":null
	_, err := c.Batch.SendWithOptions(context.Background(), emails, &resend.BatchSendEmailOptions{})
	if err == nil || !strings.Contains(err.Error(), "`to`") || !strings.Contains(err.Error(), "index 1") {
		t.Fatalf("want strict rejection naming index 1, got %v", err)
	}
	if len(s.Messages()) != 0 || s.Requests()[0].Status != 422 {
		t.Fatalf("strict batch delivered: %d messages, status %d", len(s.Messages()), s.Requests()[0].Status)
	}

	ok, err := c.Batch.SendWithOptions(context.Background(), batchOf(3),
		&resend.BatchSendEmailOptions{BatchValidation: resend.BatchValidationStrict})
	if err != nil || len(ok.Data) != 3 || ok.Errors != nil {
		t.Fatalf("valid strict batch: %+v %v", ok, err)
	}
	for i, m := range s.Messages() {
		if m.BatchIndex != i || m.ID != ok.Data[i].Id || m.To[0] != fmt.Sprintf("m%d@example.com", i) {
			t.Fatalf("message %d: %+v", i, m)
		}
	}
	// Strict responses carry no errors key at all.
	raw := do(t, s, "POST", "emails/batch", `[{"from":"a@example.com","to":"x@example.com","subject":"s","text":"t"}]`, nil)
	if _, has := raw.Body["errors"]; has || raw.Status != 200 {
		t.Fatalf("strict body: %v", raw.Body)
	}
}

func TestBatchPermissiveAcceptsValidOnes(t *testing.T) {
	s := newServer(t, Options{})
	c := newClient(t, s, 5*time.Second)
	emails := batchOf(4)
	emails[0].From = ""
	emails[2].To = []string{"not an address"}
	resp, err := c.Batch.SendWithOptions(context.Background(), emails,
		&resend.BatchSendEmailOptions{BatchValidation: resend.BatchValidationPermissive, IdempotencyKey: "batch-1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Data) != 2 || len(resp.Errors) != 2 || resp.Errors[0].Index != 0 || resp.Errors[1].Index != 2 {
		t.Fatalf("unexpected permissive response %+v", resp)
	}
	msgs := s.Messages()
	if len(msgs) != 2 || msgs[0].BatchIndex != 1 || msgs[1].BatchIndex != 3 || msgs[0].IdempotencyKey != "batch-1" {
		t.Fatalf("unexpected messages %+v", msgs)
	}
	// The key covers the whole batch: a replay returns the same ids and errors.
	again, err := c.Batch.SendWithOptions(context.Background(), emails,
		&resend.BatchSendEmailOptions{BatchValidation: resend.BatchValidationPermissive, IdempotencyKey: "batch-1"})
	if err != nil || again.Data[0].Id != resp.Data[0].Id || again.Data[1].Id != resp.Data[1].Id || len(again.Errors) != 2 {
		t.Fatalf("replay: %+v %v", again, err)
	}
	if len(s.Messages()) != 2 {
		t.Fatal("replay delivered again")
	}
	// Same key, one email changed: conflict.
	emails[3].Subject = "changed"
	if _, err := c.Batch.SendWithOptions(context.Background(), emails,
		&resend.BatchSendEmailOptions{BatchValidation: resend.BatchValidationPermissive, IdempotencyKey: "batch-1"}); err == nil {
		t.Fatal("want 409")
	}
	if st := statuses(s); st[len(st)-1] != 409 {
		t.Fatalf("statuses %v", st)
	}
}

func TestBatchLimits(t *testing.T) {
	s := newServer(t, Options{})
	c := newClient(t, s, 5*time.Second)
	if _, err := c.Batch.SendWithOptions(context.Background(), batchOf(101), &resend.BatchSendEmailOptions{}); err == nil {
		t.Fatal("101 emails accepted")
	}
	if resp, err := c.Batch.SendWithOptions(context.Background(), batchOf(100), &resend.BatchSendEmailOptions{}); err != nil || len(resp.Data) != 100 {
		t.Fatalf("100 emails: %v", err)
	}
	wantError(t, do(t, s, "POST", "emails/batch", `[]`, nil), 422, "validation_error")
	wantError(t, do(t, s, "POST", "emails/batch", `{"from":"a@example.com"}`, nil), 422, "validation_error")
	wantError(t, do(t, s, "POST", "emails/batch", `[{"from":"a@example.com","to":"x@example.com","subject":"s","text":"t","scheduled_at":"in 1 min"}]`, nil), 422, "validation_error")
	wantError(t, do(t, s, "POST", "emails/batch", `[{"from":"a@example.com","to":"x@example.com","subject":"s","text":"t"}]`,
		map[string]string{"x-batch-validation": "lenient"}), 422, "validation_error")
	if n := len(s.Messages()); n != 100 {
		t.Fatalf("want 100 messages, got %d", n)
	}
}
