//go:build faults

package faults

import (
	"net/http"
	"sync"
	"testing"
	"time"
)

// PostgreSQL stopped for 5 s under load: requests answer 503 database_unavailable with
// Retry-After (never a 500, never hanging more than the 5 s connection wait), /readyz says so,
// the server recovers on its own when the database is back, and emails queued before the
// outage go out afterwards, once each.
func TestDatabaseRestartUnderLoad(t *testing.T) {
	c := newCluster(t, 3, 2) // 2 requests/s: the queued emails outlast the outage
	a := c.start("a")
	owner := newBrowser(t, "198.51.100.3")
	owner.signIn(a, ownerEmail, ownerPassword)

	// Emails queued before the outage: reset links to 20 members, sent one request each.
	members := make([]string, 20)
	for i := range members {
		r := owner.must(a, 201, "POST", "/api/admin/contacts", `{"email":"restart`+string(rune('a'+i))+`@example.com"}`)
		members[i] = r.json(t)["id"].(string)
	}
	for _, id := range members {
		owner.must(a, 202, "POST", "/api/admin/contacts/"+id+"/reset-link", `{"send":true}`)
	}

	// Load: the contact list, as fast as one client asks, throughout.
	type result struct {
		at     time.Time
		status int
		code   string
		retry  string
		took   time.Duration
	}
	var mu sync.Mutex
	var results []result
	stopLoad := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stopLoad:
				return
			default:
			}
			r := owner.do(a, "GET", "/api/admin/contacts?limit=5", "")
			mu.Lock()
			results = append(results, result{at: time.Now(), status: r.status, code: r.code(), retry: r.header.Get("Retry-After"), took: r.took})
			mu.Unlock()
			time.Sleep(20 * time.Millisecond)
		}
	}()

	time.Sleep(500 * time.Millisecond)
	downAt := time.Now()
	if err := c.pg.Stop(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	if res, err := http.Get(a.url + "/readyz"); err != nil || res.StatusCode != 503 {
		t.Fatalf("/readyz while the database is down: %v %v", res, err)
	}
	time.Sleep(4 * time.Second)
	c.startDatabase()
	upAt := time.Now()
	var recovered time.Time
	for deadline := time.Now().Add(60 * time.Second); recovered.IsZero() && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		mu.Lock()
		for _, r := range results {
			if r.at.After(upAt) && r.status == 200 {
				recovered = r.at
				break
			}
		}
		mu.Unlock()
	}
	time.Sleep(500 * time.Millisecond)
	close(stopLoad)
	wg.Wait()
	if recovered.IsZero() {
		t.Fatalf("the server did not recover within a minute of the database coming back:\n%s", a.output)
	}

	down := 0
	for _, r := range results {
		switch {
		case r.status == 200:
		case r.status == 503 && r.code == "database_unavailable" && r.retry != "":
			down++
		default:
			t.Errorf("during the outage: %d %q (Retry-After %q), want 200 or 503 database_unavailable with Retry-After", r.status, r.code, r.retry)
		}
		if r.took > 6*time.Second {
			t.Errorf("a request took %s: the wait for a connection is bounded by 5 s", r.took)
		}
	}
	if down == 0 {
		t.Fatal("no request saw the outage")
	}
	if res, err := http.Get(a.url + "/readyz"); err != nil || res.StatusCode != 200 {
		t.Fatalf("/readyz after the database came back: %v %v", res, err)
	}
	t.Logf("outage %s: %d requests answered 503; recovered %s after the database was back",
		upAt.Sub(downAt).Round(100*time.Millisecond), down, recovered.Sub(upAt).Round(time.Millisecond))

	c.delivered("restart", len(members), 2*time.Minute)
}
