package jobs

import (
	"net/http"
	"sort"
	"testing"
	"time"

	"gatehouse/server/outbox"
	"gatehouse/server/resendfake"
	"gatehouse/server/testdb"
)

// Two instances sharing one database pace their requests together: the fake Resend, limited
// to 4 requests/s, never has to refuse one while both send at 3 requests/s each would allow.
func TestTwoInstancesSharePacing(t *testing.T) {
	st := testdb.New(t)
	fake := newFake(t, resendfake.Options{RateLimit: 4})
	a := startInstance(t, st, fake.URL(), instanceOptions{rate: 3})
	startInstance(t, st, fake.URL(), instanceOptions{rate: 3})
	ids := queueWelcomes(t, st, a.auth, 12, outbox.LaneCredential, "paced")
	waitSent(t, st, ids, 30*time.Second)

	var times []time.Time
	for _, r := range fake.Requests() {
		if r.Method != http.MethodPost {
			continue
		}
		if r.Status == http.StatusTooManyRequests {
			t.Fatal("the provider's rate limit was exceeded")
		}
		times = append(times, r.ReceivedAt)
	}
	if len(times) != 12 {
		t.Fatalf("%d requests, want 12", len(times))
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	// Slots are a third of a second apart; sleeping only ever adds to a gap.
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap < 250*time.Millisecond {
			t.Fatalf("requests %d and %d were %s apart", i-1, i, gap)
		}
	}
}

// A 429 holds every instance: the next request waits out retry-after.
func TestRateLimitAnswerHoldsAllSends(t *testing.T) {
	st := testdb.New(t)
	fake := newFake(t, resendfake.Options{})
	fake.Fail(resendfake.Fault{Status: 429, RetryAfter: 2 * time.Second})
	a := startInstance(t, st, fake.URL(), instanceOptions{rate: 10})
	startInstance(t, st, fake.URL(), instanceOptions{rate: 10})
	ids := queueWelcomes(t, st, a.auth, 3, outbox.LaneCredential, "held")
	waitSent(t, st, ids, 30*time.Second)
	reqs := fake.Requests()
	if reqs[0].Status != 429 {
		t.Fatalf("first answer %d", reqs[0].Status)
	}
	for _, r := range reqs[1:] {
		if gap := r.ReceivedAt.Sub(reqs[0].ReceivedAt); gap < 1900*time.Millisecond {
			t.Fatalf("a request went %s after the 429, before its retry-after", gap)
		}
	}
	if n := len(fake.Messages()); n != 3 {
		t.Fatalf("%d messages", n)
	}
}
