package api

import (
	"context"
	"fmt"
	"testing"

	"gatehouse/server/store"
)

// loginsLimited makes n failed logins and counts the ones refused by the per-IP throttle.
func loginsLimited(t *testing.T, h *harness, n int, forwardedFor func(i int) string) int {
	t.Helper()
	limited := 0
	for i := range n {
		c := h.client("")
		c.header["X-Forwarded-For"] = forwardedFor(i)
		r := c.do("POST", "/api/auth/login", `{"email":"nobody@example.com","password":"wrong password here"}`)
		switch r.Status {
		case 429:
			limited++
		case 401:
		default:
			t.Fatalf("login %d: %d %s", i, r.Status, r.Body)
		}
	}
	return limited
}

// Behind a load balancer the client is the rightmost X-Forwarded-For entry that is not a
// trusted proxy: whatever a client writes on the left changes neither the throttle key nor
// the IP recorded. (The harness's connections come from 0.0.0.0, a trusted proxy.)
func TestSpoofedForwardedForIsIgnored(t *testing.T) {
	h := newHarness(t)
	limited := loginsLimited(t, h, 40, func(i int) string { return fmt.Sprintf("10.%d.%d.1, 198.51.100.7", i/250, i%250) })
	if limited != 20 {
		t.Fatalf("%d of 40 logins limited, want 20 (the budget of 198.51.100.7)", limited)
	}
	m := h.member("ann@example.com", goodPassword)
	c := h.client("")
	c.header["X-Forwarded-For"] = "203.0.113.1, 198.51.100.8"
	expect(t, c.do("POST", "/api/auth/forgot-password", `{"email":"ann@example.com"}`), 202, "")
	h.settle()
	list, err := h.store.ListAccessRequests(context.Background(), m.ID, store.Page{Limit: 5})
	if err != nil || len(list) != 1 || list[0].IP != "198.51.100.8" {
		t.Fatalf("recorded IP: %+v %v", list, err)
	}
}

// Without a trusted proxy in front, X-Forwarded-For is nobody's word: every login counts
// against the connection's own address.
func TestForwardedForIgnoredFromUntrustedPeers(t *testing.T) {
	h := newHarnessWith(t, harnessOptions{env: map[string]string{"GATEHOUSE_TRUSTED_PROXIES": "192.0.2.1"}})
	if limited := loginsLimited(t, h, 25, func(i int) string { return fmt.Sprintf("198.51.100.%d", i) }); limited != 5 {
		t.Fatalf("%d of 25 logins limited, want 5", limited)
	}
}

// IPv6 throttles key on the /64: a client picks any address in its /64 at will.
func TestIPv6ThrottlesShareTheSlash64(t *testing.T) {
	h := newHarness(t)
	limited := loginsLimited(t, h, 30, func(i int) string { return fmt.Sprintf("2001:db8:1:2::%x", i+1) })
	if limited != 10 {
		t.Fatalf("%d of 30 logins from one /64 limited, want 10", limited)
	}
	if limited := loginsLimited(t, h, 1, func(int) string { return "2001:db8:1:3::1" }); limited != 0 {
		t.Fatal("the neighbouring /64 was limited too")
	}
}
