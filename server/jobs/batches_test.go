package jobs

import (
	"context"
	"strings"
	"testing"
	"time"

	"gatehouse/server/outbox"
	"gatehouse/server/resendfake"
	"gatehouse/server/store"
	"gatehouse/server/testdb"
)

// Bulk email goes out 100 at a time through /emails/batch, one idempotency key per batch.
func TestBulkEmailGoesInBatches(t *testing.T) {
	st := testdb.New(t)
	fake := newFake(t, resendfake.Options{})
	in := startInstance(t, st, fake.URL(), instanceOptions{})
	ids := queueWelcomes(t, st, in.auth, 250, outbox.LaneBulk, "bulk")
	waitSent(t, st, ids, 30*time.Second)

	if n := len(fake.Messages()); n != 250 {
		t.Fatalf("%d messages delivered, want 250", n)
	}
	keys := map[string]bool{}
	for _, r := range fake.Requests() {
		if r.Path != "/emails/batch" || r.Status != 200 || !strings.HasPrefix(r.IdempotencyKey, "gatehouse-batch-") {
			t.Fatalf("request %s %d key %q", r.Path, r.Status, r.IdempotencyKey)
		}
		keys[r.IdempotencyKey] = true
	}
	if len(keys) != 3 {
		t.Fatalf("%d batches, want 3 (100 + 100 + 50)", len(keys))
	}
	list, _ := st.ListEmails(context.Background(), store.EmailFilter{Status: store.EmailSent, Page: store.Page{Limit: 300}})
	if len(list) != 250 {
		t.Fatalf("%d emails marked sent", len(list))
	}
	for _, e := range list {
		if e.ProviderID == "" || e.BatchID == "" {
			t.Fatalf("email without provider id or batch: %+v", e)
		}
	}
}

// A batch that fails with 500s is retried with the same key and delivered once.
func TestBatchRetriedWithSameKey(t *testing.T) {
	st := testdb.New(t)
	fake := newFake(t, resendfake.Options{})
	fake.Fail(resendfake.Fault{Status: 500, Times: 2, Path: "/emails/batch"})
	in := startInstance(t, st, fake.URL(), instanceOptions{})
	ids := queueWelcomes(t, st, in.auth, 40, outbox.LaneBulk, "retry")
	waitSent(t, st, ids, 30*time.Second)
	reqs := fake.Requests()
	if len(reqs) != 3 || reqs[0].Status != 500 || reqs[2].Status != 200 || reqs[0].IdempotencyKey != reqs[2].IdempotencyKey {
		t.Fatalf("requests: %d", len(reqs))
	}
	if n := len(fake.Messages()); n != 40 {
		t.Fatalf("%d messages", n)
	}
}

// Suppressed addresses never join a batch; they are recorded as suppressed.
func TestSuppressedAddressesSkipTheBatch(t *testing.T) {
	st := testdb.New(t)
	fake := newFake(t, resendfake.Options{})
	ctx := context.Background()
	if err := st.Suppress(ctx, "skip3@example.com", "bounced: no such user", "", time.Now()); err != nil {
		t.Fatal(err)
	}
	in := startInstance(t, st, fake.URL(), instanceOptions{})
	ids := queueWelcomes(t, st, in.auth, 10, outbox.LaneBulk, "skip")
	waitSent(t, st, ids, 30*time.Second)
	if n := len(fake.Messages()); n != 9 {
		t.Fatalf("%d messages, want 9", n)
	}
	list, _ := st.ListEmails(ctx, store.EmailFilter{Status: store.EmailSuppressed, Page: store.Page{Limit: 5}})
	if len(list) != 1 || list[0].ToAddress != "skip3@example.com" {
		t.Fatalf("suppressed: %+v", list)
	}
}
