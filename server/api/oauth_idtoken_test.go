package api

import (
	"testing"

	"github.com/oauth2-proxy/mockoidc"
)

// goth reads an ID token without checking its signature; Gatehouse checks it against the
// provider's published keys. A token whose claims changed after signing ends on the problem
// page; the same sign-in untouched works; a provider that rotates its key keeps working (the
// new key id makes Gatehouse read the key set again).
func TestIDTokenSignatureIsChecked(t *testing.T) {
	rig := newOAuthRig(t)
	rig.member("ada@example.com", goodPassword)
	user := &mockoidc.MockUser{Subject: "acme-ada", Email: "ada@example.com", EmailVerified: true}

	rig.oidc.QueueUser(user)
	forge := func(claims map[string]any) { claims["name"] = "Mallory" }
	rig.forge.Store(&forge)
	browser := rig.client("203.0.113.5")
	if reason := problemReason(t, browser.oauthSignIn("/auth/acme")); reason != "provider_error" {
		t.Fatalf("a changed ID token: reason %q", reason)
	}
	if got := whoAmI(t, browser); got != "" {
		t.Fatalf("a changed ID token signed in %q", got)
	}

	rig.oidc.QueueUser(user)
	if to := browser.oauthSignIn("/auth/acme"); to != "/offers" || whoAmI(t, browser) != "ada@example.com" {
		t.Fatalf("the untouched sign-in landed on %q", to)
	}

	rotated, err := mockoidc.RandomKeypair(1024)
	if err != nil {
		t.Fatal(err)
	}
	rig.oidc.Keypair = rotated
	rig.oidc.QueueUser(user)
	other := rig.client("203.0.113.6")
	if to := other.oauthSignIn("/auth/acme"); to != "/offers" || whoAmI(t, other) != "ada@example.com" {
		t.Fatalf("after the provider rotated its key: landed on %q", to)
	}
}
