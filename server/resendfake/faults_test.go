package resendfake

import (
	"context"
	"errors"
	"math"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/resend/resend-go/v2"
)

func TestInjected429SurfacesAsRateLimitError(t *testing.T) {
	s := newServer(t, Options{})
	c := newClient(t, s, 5*time.Second)
	s.Fail(Fault{Status: 429, RetryAfter: 3 * time.Second})
	_, err := send(t, c, validEmail(), "")
	var rl *resend.RateLimitError
	if !errors.As(err, &rl) || !errors.Is(err, resend.ErrRateLimit) {
		t.Fatalf("want *resend.RateLimitError, got %T %v", err, err)
	}
	if rl.RetryAfter != "3" || rl.Remaining != "0" || rl.Message == "" {
		t.Fatalf("unexpected rate limit error %+v", rl)
	}
	if _, err := send(t, c, validEmail(), ""); err != nil {
		t.Fatal(err)
	}
	if st := statuses(s); len(st) != 2 || st[0] != 429 || st[1] != 200 || len(s.Messages()) != 1 {
		t.Fatalf("statuses %v, %d messages", st, len(s.Messages()))
	}
}

func Test500ThenSuccess(t *testing.T) {
	s := newServer(t, Options{})
	c := newClient(t, s, 5*time.Second)
	s.Fail(Fault{Status: 500, Times: 2})
	raw := do(t, s, "POST", "emails", `{"from":"a@example.com","to":"x@example.com","subject":"s","text":"t"}`, nil)
	wantError(t, raw, 500, "internal_server_error")
	if _, err := send(t, c, validEmail(), "retry-key"); err == nil {
		t.Fatal("second 500 not applied")
	}
	if len(s.Messages()) != 0 {
		t.Fatal("500 delivered")
	}
	// The key was not burnt by the failure, so the retry goes through.
	if _, err := send(t, c, validEmail(), "retry-key"); err != nil {
		t.Fatal(err)
	}
	if st := statuses(s); len(st) != 3 || st[2] != 200 || len(s.Messages()) != 1 {
		t.Fatalf("statuses %v", st)
	}
}

func TestDelayFaultTimesOutClient(t *testing.T) {
	s := newServer(t, Options{})
	c := newClient(t, s, 50*time.Millisecond)
	s.Fail(Fault{Delay: 2 * time.Second, Path: "emails"})
	start := time.Now()
	_, err := send(t, c, validEmail(), "")
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("want timeout, got %v", err)
	}
	if time.Since(start) > time.Second {
		t.Fatal("client did not time out early")
	}
	// The fault is consumed; the next request is served normally.
	if _, err := send(t, c, validEmail(), ""); err != nil {
		t.Fatal(err)
	}
	if n := len(s.Messages()); n != 1 {
		t.Fatalf("want 1 message, got %d", n)
	}
}

func TestFaultPathOnlyMatchesThatPath(t *testing.T) {
	s := newServer(t, Options{})
	c := newClient(t, s, 5*time.Second)
	s.Fail(Fault{Status: 503, Path: "/emails/batch"})
	if _, err := send(t, c, validEmail(), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Batch.SendWithOptions(context.Background(), batchOf(1), &resend.BatchSendEmailOptions{}); err == nil {
		t.Fatal("batch fault not applied")
	}
	if st := statuses(s); st[0] != 200 || st[1] != 503 {
		t.Fatalf("statuses %v", st)
	}
}

func TestRateLimitWhenHammered(t *testing.T) {
	s := newServer(t, Options{RateLimit: 2})
	c := newClient(t, s, 5*time.Second)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var ok, limited int
	var retryAfter string
	start := time.Now()
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := send(t, c, validEmail(), "")
			mu.Lock()
			defer mu.Unlock()
			var rl *resend.RateLimitError
			switch {
			case err == nil:
				ok++
			case errors.As(err, &rl):
				limited++
				retryAfter = rl.RetryAfter
				if rl.Limit != "2" {
					t.Errorf("ratelimit-limit %q", rl.Limit)
				}
			default:
				t.Errorf("unexpected error %v", err)
			}
		}()
	}
	wg.Wait()
	// Burst 1 plus 2 tokens per elapsed second bounds the admitted requests,
	// however slow the machine.
	maxOK := 1 + int(math.Ceil(time.Since(start).Seconds()*2))
	if ok < 1 || ok > maxOK || limited < 1 || ok+limited != 10 {
		t.Fatalf("ok=%d limited=%d", ok, limited)
	}
	if n, err := strconv.Atoi(retryAfter); err != nil || n < 1 {
		t.Fatalf("retry-after %q", retryAfter)
	}
	if len(s.Messages()) != ok {
		t.Fatal("rate-limited request delivered")
	}
	// Refused requests don't consume tokens: after 1/rate a request passes.
	time.Sleep(600 * time.Millisecond)
	if _, err := send(t, c, validEmail(), ""); err != nil {
		t.Fatalf("after waiting: %v", err)
	}
}

func TestLatencyAndCloseInterruptDelay(t *testing.T) {
	s := New(Options{APIKey: testKey, Latency: 30 * time.Millisecond})
	c := newClient(t, s, 5*time.Second)
	start := time.Now()
	if _, err := send(t, c, validEmail(), ""); err != nil {
		t.Fatal(err)
	}
	if time.Since(start) < 30*time.Millisecond {
		t.Fatal("latency not applied")
	}
	s.Fail(Fault{Delay: time.Hour})
	sent := make(chan error)
	go func() { _, err := send(t, c, validEmail(), ""); sent <- err }()
	for len(s.faultsSnapshot()) != 0 {
		time.Sleep(time.Millisecond)
	}
	closed := make(chan struct{})
	go func() { s.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close waited for the injected delay")
	}
	if err := <-sent; err == nil {
		t.Fatal("interrupted request succeeded")
	}
}

func (s *Server) faultsSnapshot() []*pendingFault {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*pendingFault(nil), s.faults...)
}

func TestFaultForOneRecipientLeavesOthersAlone(t *testing.T) {
	s := newServer(t, Options{})
	s.Fail(Fault{Status: 422, To: "Victim@Example.com"})
	raw := do(t, s, "POST", "emails", `{"from":"a@example.com","to":"bystander@example.com","subject":"s","text":"t"}`, nil)
	if raw.Status != 200 {
		t.Fatalf("a bystander's email got %d", raw.Status)
	}
	raw = do(t, s, "POST", "emails", `{"from":"a@example.com","to":["victim@example.com"],"subject":"s","text":"t"}`, nil)
	wantError(t, raw, 422, "validation_error")
	if raw := do(t, s, "POST", "emails", `{"from":"a@example.com","to":"victim@example.com","subject":"s","text":"t"}`, nil); raw.Status != 200 {
		t.Fatalf("the fault applied twice: %d", raw.Status)
	}
}
