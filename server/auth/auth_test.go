package auth

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestHasherRoundTripAndRehash(t *testing.T) {
	ctx := context.Background()
	h := NewHasher(TestHashParams, 2, time.Second)
	phc, err := h.Hash(ctx, "correct horse battery staple")
	if err != nil || !strings.HasPrefix(phc, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("%q %v", phc, err)
	}
	if ok, rehash, err := h.Verify(ctx, "correct horse battery staple", phc); !ok || rehash || err != nil {
		t.Fatalf("verify: %v %v %v", ok, rehash, err)
	}
	if ok, _, _ := h.Verify(ctx, "correct horse battery stapl", phc); ok {
		t.Fatal("a wrong password verified")
	}
	// A hash made with other parameters verifies and asks to be upgraded.
	stronger := NewHasher(HashParams{Memory: 128, Time: 1, Threads: 1}, 1, time.Second)
	if ok, rehash, _ := stronger.Verify(ctx, "correct horse battery staple", phc); !ok || !rehash {
		t.Fatalf("rehash: %v %v", ok, rehash)
	}
	if _, _, err := h.Verify(ctx, "x", "$bcrypt$nonsense"); err == nil {
		t.Fatal("a malformed hash verified without error")
	}
}

// The hasher never runs more hashes than it has slots; a caller that cannot get one in time
// gets ErrBusy (503) instead of queueing without bound.
func TestHasherBoundsConcurrency(t *testing.T) {
	h := NewHasher(HashParams{Memory: 8 * 1024, Time: 3, Threads: 1}, 1, time.Millisecond)
	var wg sync.WaitGroup
	var busy, ok int
	var mu sync.Mutex
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := h.Hash(context.Background(), "some password here")
			mu.Lock()
			defer mu.Unlock()
			if errors.Is(err, ErrBusy) {
				busy++
			} else if err == nil {
				ok++
			}
		}()
	}
	wg.Wait()
	if ok == 0 || busy == 0 {
		t.Fatalf("ok %d busy %d: want some of each with one slot and no wait", ok, busy)
	}
}

func TestCheckPassword(t *testing.T) {
	cases := []struct {
		password, role, reason string
	}{
		{"short one", RoleMember, "too_short"},
		{strings.Repeat("x", 129), RoleMember, "too_long"},
		{"password123456", RoleMember, "too_common"},
		{"qwertyuiopasdf", RoleMember, "too_common"},
		{"annlee@example.com2024", RoleMember, "contains_email"},
		{"glass annlee tundra", RoleMember, "contains_email"},
		{"Acme Portal rules forever", RoleMember, "contains_portal_name"},
		{"mellow tundra4", RoleAdmin, "too_short"},
		{"mellow tundra glass", RoleMember, ""},
		{"mellow tundra glass 7", RoleOwner, ""},
		{"🦊🐙🌵🍄🚲🎻🧲🪁🦉🌋🧊🎲", RoleMember, ""},
	}
	for _, tc := range cases {
		err := CheckPassword(tc.password, tc.role, "annlee@example.com", "Acme Portal")
		if reasonOf(err) != tc.reason {
			t.Errorf("%q (%s): got %v, want %q", tc.password, tc.role, err, tc.reason)
		}
	}
}

func reasonOf(err error) string {
	var p *PolicyError
	if errors.As(err, &p) {
		return p.Reason
	}
	return ""
}

func TestBackoffDoublesToACap(t *testing.T) {
	want := map[int]time.Duration{4: 0, 5: 30 * time.Second, 6: time.Minute, 7: 2 * time.Minute, 9: 8 * time.Minute, 10: 15 * time.Minute, 50: 15 * time.Minute}
	for n, d := range want {
		if got := backoff(n); got != d {
			t.Errorf("backoff(%d) = %s, want %s", n, got, d)
		}
	}
}

func TestCheckEmail(t *testing.T) {
	for _, ok := range []string{"ann@example.com", " Ann.Lee+tag@sub.example.co.uk ", "owner@localhost"} {
		if _, err := CheckEmail(ok); err != nil {
			t.Errorf("%q refused", ok)
		}
	}
	for _, bad := range []string{"", "ann", "ann@", "@example.com", "a@b@example.com", "Ann <ann@example.com>", "ann@example.com,bob@example.com",
		"ann@example.com\r\nBcc: x@example.com", "ann@example.com\n", "ann @example.com", strings.Repeat("a", 250) + "@example.com", "ann@example"} {
		if _, err := CheckEmail(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestHumanDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{30 * time.Minute: "30 minutes", 24 * time.Hour: "24 hours", 72 * time.Hour: "3 days", time.Hour: "1 hour", 15 * time.Minute: "15 minutes"} {
		if got := humanDuration(d); got != want {
			t.Errorf("%s: %q, want %q", d, got, want)
		}
	}
}
