package api

import (
	"context"
	"testing"
	"time"

	"gatehouse/server/auth"
	"gatehouse/server/store"
)

// The owner's first-run link (and a staff invitation) that no longer works says so
// ("staff_setup": true), so the page tells how to get a new one (gatehouse prints one at
// every start) instead of offering email; a member's dead link does not.
func TestDeadStaffSetupLinkSaysSo(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	first, err := h.auth.BootstrapOwner(ctx, "founder@example.com")
	if err != nil || first == "" {
		t.Fatalf("first link %q: %v", first, err)
	}
	second, err := h.auth.BootstrapOwner(ctx, "founder@example.com") // a restart prints a fresh one
	if err != nil || second == "" {
		t.Fatalf("second link %q: %v", second, err)
	}
	c := h.client("203.0.113.70")

	r := c.do("POST", "/api/auth/check-link", `{"token":"`+tokenOf(first)+`"}`)
	expect(t, r, 410, "token_expired")
	if r.json(t)["staff_setup"] != true {
		t.Fatalf("a replaced first-run link: %s", r.Body)
	}
	expect(t, c.do("POST", "/api/auth/reset-password", `{"token":"`+tokenOf(second)+`","password":"a long owner passphrase here"}`), 200, "")
	r = h.client("203.0.113.71").do("POST", "/api/auth/check-link", `{"token":"`+tokenOf(second)+`"}`)
	expect(t, r, 410, "token_used")
	if r.json(t)["staff_setup"] != true {
		t.Fatalf("a used first-run link: %s", r.Body)
	}

	// A member's used welcome link is only "used".
	m := h.member("mo@example.com", "")
	owner, err := h.store.ContactByEmail(ctx, "founder@example.com")
	if err != nil {
		t.Fatal(err)
	}
	var link string
	err = h.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		link, _, err = h.auth.IssueLink(ctx, tx, m, auth.PurposeSetPassword, time.Hour, owner.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	expect(t, c.do("POST", "/api/auth/reset-password", `{"token":"`+tokenOf(link)+`","password":"member passphrase"}`), 200, "")
	r = h.client("203.0.113.72").do("POST", "/api/auth/check-link", `{"token":"`+tokenOf(link)+`"}`)
	expect(t, r, 410, "token_used")
	if _, ok := r.json(t)["staff_setup"]; ok {
		t.Fatalf("a member's link named as staff set-up: %s", r.Body)
	}
}
