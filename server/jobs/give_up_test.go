package jobs

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"gatehouse/server/mail"
	"gatehouse/server/outbox"
	"gatehouse/server/store"
	"gatehouse/server/testdb"
)

// brokenSender fails the way our own code can (a bug: a panic), not the way a provider
// answers.
type brokenSender struct{}

func (brokenSender) Send(context.Context, mail.Envelope, string) (string, error) {
	panic("a bug in the sending path")
}
func (brokenSender) SendBatch(context.Context, []mail.Envelope, string) ([]mail.BatchResult, error) {
	panic("a bug in the sending path")
}
func (brokenSender) Name() string { return "broken" }

// A delivery whose last attempt ends in an error of our own marks the email failed with the
// reason and drops its link, instead of leaving it "sending" with a live link; earlier
// attempts only retry.
func TestLastAttemptFailsTheEmailWhateverStoppedIt(t *testing.T) {
	st := testdb.New(t)
	ctx := context.Background()
	c := &store.Contact{Email: "stuck@example.com"}
	if err := st.CreateContact(ctx, c); err != nil {
		t.Fatal(err)
	}
	e := store.Email{ContactID: c.ID, ToAddress: c.Email, Kind: "welcome", Subject: "Welcome", TextBody: mail.LinkPlaceholder, LinkSecret: "https://portal.example.test/set-password#token=abc"}
	if err := st.CreateEmail(ctx, &e); err != nil {
		t.Fatal(err)
	}
	d := NewDeliver(st, outbox.New(nil, nil, nil, 3, time.Now), brokenSender{}, NewPacer(st, 0), nil, "Gatehouse <no-reply@example.test>", time.Now, slog.New(slog.DiscardHandler))
	job := func(attempt int) *river.Job[outbox.DeliverArgs] {
		return &river.Job[outbox.DeliverArgs]{JobRow: &rivertype.JobRow{Attempt: attempt, MaxAttempts: 3}, Args: outbox.DeliverArgs{EmailID: e.ID}}
	}
	if err := d.Work(ctx, job(1)); err == nil || !strings.Contains(err.Error(), "panicked") {
		t.Fatalf("a panic on an early attempt is an error to retry: %v", err)
	}
	if got, _ := st.EmailByID(ctx, e.ID); got.Status != store.EmailSending || got.LinkSecret == "" {
		t.Fatalf("after an early attempt: %s %q", got.Status, got.LinkSecret)
	}
	if err := d.Work(ctx, job(3)); err == nil {
		t.Fatal("the last attempt still reports its error (River records it)")
	}
	got, _ := st.EmailByID(ctx, e.ID)
	if got.Status != store.EmailFailed || got.LinkSecret != "" || !strings.Contains(got.StatusReason, "gave up after 3 attempts") {
		t.Fatalf("after the last attempt: %s %q %q", got.Status, got.StatusReason, got.LinkSecret)
	}
}
