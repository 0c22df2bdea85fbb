package jobs

import (
	"context"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"gatehouse/server/outbox"
	"gatehouse/server/resendfake"
	"gatehouse/server/store"
	"gatehouse/server/testdb"
)

// crashWorker is the process the crash test kills: the delivery workers, running until killed.
func crashWorker(dsn, resendURL string) int {
	st, err := store.Open(context.Background(), dsn, 8)
	if err != nil {
		return 1
	}
	if _, err := newInstance(st, resendURL, instanceOptions{}); err != nil {
		return 1
	}
	select {}
}

// A worker process killed (SIGKILL) in the middle of sending batches loses nothing and
// duplicates nothing: after a new instance rescues the interrupted job, the fake Resend holds
// every email exactly once, because each retry repeats the batch's idempotency key.
func TestKilledWorkerDeliversEachEmailOnce(t *testing.T) {
	dsn := testdb.URL(t)
	st, err := store.Open(context.Background(), dsn, 8)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	// Each request takes 300 ms, so the kill lands while a batch is in flight.
	fake := newFake(t, resendfake.Options{Latency: 300 * time.Millisecond})

	queuer := startInstance(t, st, fake.URL(), instanceOptions{insertOnly: true})
	ids := queueWelcomes(t, st, queuer.auth, 500, outbox.LaneBulk, "crash")

	worker := exec.Command(os.Args[0], "-test.run=^$")
	worker.Env = append(os.Environ(), "GATEHOUSE_CRASH_WORKER_DSN="+dsn, "GATEHOUSE_CRASH_WORKER_RESEND="+fake.URL())
	if err := worker.Start(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := fake.WaitForMessages(ctx, 100); err != nil {
		worker.Process.Kill()
		t.Fatalf("the worker sent nothing: %v", err)
	}
	// Kill while the next batch's request is in flight: its members turn "sending" just
	// before the request leaves, and the fake takes 300 ms to answer.
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		var sent, sending int
		err := st.SQLDB().QueryRow(`SELECT count(*) FILTER (WHERE status = 'sent'), count(*) FILTER (WHERE status = 'sending') FROM emails`).Scan(&sent, &sending)
		if err != nil {
			t.Fatal(err)
		}
		if sent >= 100 && sending > 0 {
			break
		}
	}
	time.Sleep(100 * time.Millisecond)
	if err := worker.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = worker.Wait()
	delivered := len(fake.Messages())
	if delivered >= 500 {
		t.Fatal("the worker finished before it was killed; the test proved nothing")
	}
	t.Logf("killed after %d of 500 emails were delivered", delivered)

	// A new instance, after the dead one's jobs count as stuck, picks up the rest.
	time.Sleep(1500 * time.Millisecond)
	startInstance(t, st, fake.URL(), instanceOptions{rescueAfter: time.Second})
	waitSent(t, st, ids, 90*time.Second)

	seen := map[string]int{}
	for _, m := range fake.Messages() {
		for _, tag := range m.Tags {
			if tag.Name == "email_id" {
				seen[tag.Value]++
			}
		}
	}
	for _, id := range ids {
		if seen[id] != 1 {
			t.Fatalf("email %s delivered %d times", id, seen[id])
		}
	}
	if len(fake.Messages()) != 500 {
		t.Fatalf("%d messages for 500 emails", len(fake.Messages()))
	}
	interrupted := 0
	for _, r := range fake.Requests() {
		if r.Status == resendfake.StatusClientClosed {
			interrupted++
		}

	}
	t.Logf("%d request(s) were cut off by the kill", interrupted)
}
