package api

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/oauth2-proxy/mockoidc"

	"gatehouse/server/store"
)

func problemReason(t *testing.T, location string) string {
	t.Helper()
	u, err := url.Parse(location)
	if err != nil || u.Path != "/sign-in-problem" {
		t.Fatalf("landed on %q, want the sign-in problem page", location)
	}
	return u.Query().Get("reason")
}

func (h *harness) identities(contactID string) []store.Identity {
	h.t.Helper()
	ids, err := h.store.ContactIdentities(context.Background(), contactID)
	if err != nil {
		h.t.Fatal(err)
	}
	return ids
}

func (h *harness) auditActions(contactID string) []string {
	h.t.Helper()
	entries, err := h.store.ListAudit(context.Background(), store.AuditFilter{ContactID: contactID, Limit: 50})
	if err != nil {
		h.t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Action)
	}
	return out
}

func whoAmI(t *testing.T, c *client) string {
	t.Helper()
	r := c.do("GET", "/api/auth/session", "")
	expect(t, r, 200, "")
	contact, _ := r.json(t)["contact"].(map[string]any)
	email, _ := contact["email"].(string)
	return email
}

func TestProvidersAreListed(t *testing.T) {
	rig := newOAuthRig(t)
	r := rig.client("203.0.113.5").do("GET", "/api/auth/providers", "")
	expect(t, r, 200, "")
	if got := toJSON(r.json(t)["providers"]); got != `[{"kind":"github","label":"GitHub","name":"github"},{"kind":"oidc","label":"Acme SSO","name":"acme"}]` {
		t.Fatalf("providers: %s", got)
	}
	// No provider configured: an empty list, not null.
	h := newHarness(t)
	r = h.client("203.0.113.5").do("GET", "/api/auth/providers", "")
	if got := toJSON(r.json(t)["providers"]); got != `[]` {
		t.Fatalf("providers without configuration: %s", got)
	}
}

// The happy path over OpenID Connect: a verified address links the existing contact, later
// sign-ins find it by the provider's subject even after the address changes there.
func TestOIDCSignInLinksByVerifiedEmail(t *testing.T) {
	rig := newOAuthRig(t)
	m := rig.member("ada@example.com", goodPassword)
	rig.oidc.QueueUser(&mockoidc.MockUser{Subject: "acme-ada", Email: "Ada@Example.com", EmailVerified: true})
	browser := rig.client("203.0.113.5")
	if to := browser.oauthSignIn("/auth/acme?next=%2Fcommunities"); to != "/communities" {
		t.Fatalf("landed on %q, want /communities", to)
	}
	if got := whoAmI(t, browser); got != "ada@example.com" {
		t.Fatalf("signed in as %q", got)
	}
	ids := rig.identities(m.ID)
	if len(ids) != 1 || ids[0].Provider != "acme" || ids[0].ProviderUserID != "acme-ada" {
		t.Fatalf("identities: %+v", ids)
	}
	if got := strings.Join(rig.auditActions(m.ID), ","); !strings.Contains(got, "identity.link") {
		t.Fatalf("audit: %s", got)
	}

	rig.oidc.QueueUser(&mockoidc.MockUser{Subject: "acme-ada", Email: "ada.new@elsewhere.example", EmailVerified: false})
	again := rig.client("203.0.113.6")
	if to := again.oauthSignIn("/auth/acme?next=//evil.example/x"); to != "/offers" {
		t.Fatalf("landed on %q, want /offers (a foreign next is dropped)", to)
	}
	if got := whoAmI(t, again); got != "ada@example.com" {
		t.Fatalf("second sign-in as %q", got)
	}
}

func TestGitHubSignInUsesVerifiedPrimaryAddress(t *testing.T) {
	rig := newOAuthRig(t)
	m := rig.member("grace@example.com", goodPassword)
	rig.member("public@example.com", goodPassword)
	// The public profile address is someone else's and unverified; the primary verified one is Grace's.
	rig.github.queue(githubUser{ID: 42, Login: "grace", Public: "public@example.com", Emails: []githubEmail{
		{Email: "public@example.com", Verified: false}, {Email: "grace@example.com", Primary: true, Verified: true},
	}})
	browser := rig.client("203.0.113.5")
	if to := browser.oauthSignIn("/auth/github"); to != "/offers" {
		t.Fatalf("landed on %q", to)
	}
	if got := whoAmI(t, browser); got != "grace@example.com" {
		t.Fatalf("signed in as %q", got)
	}
	if ids := rig.identities(m.ID); len(ids) != 1 || ids[0].ProviderUserID != "42" {
		t.Fatalf("identities: %+v", ids)
	}
}

func TestUnverifiedEmailNeverLinks(t *testing.T) {
	rig := newOAuthRig(t)
	m := rig.member("victim@example.com", goodPassword)
	rig.oidc.QueueUser(&mockoidc.MockUser{Subject: "attacker", Email: "victim@example.com", EmailVerified: false})
	browser := rig.client("203.0.113.5")
	if reason := problemReason(t, browser.oauthSignIn("/auth/acme")); reason != "unverified_email" {
		t.Fatalf("reason %q", reason)
	}
	rig.github.queue(githubUser{ID: 7, Login: "mallory", Public: "victim@example.com", Emails: []githubEmail{{Email: "victim@example.com", Primary: true}}})
	if reason := problemReason(t, browser.oauthSignIn("/auth/github")); reason != "unverified_email" {
		t.Fatalf("GitHub reason %q", reason)
	}
	if ids := rig.identities(m.ID); len(ids) != 0 {
		t.Fatalf("linked anyway: %+v", ids)
	}
	if whoAmI(t, browser) != "" {
		t.Fatal("a session was started")
	}
}

func TestDisabledContactCannotSignInWithProvider(t *testing.T) {
	rig := newOAuthRig(t)
	ctx := context.Background()
	m := rig.member("dis@example.com", goodPassword)
	rig.oidc.QueueUser(&mockoidc.MockUser{Subject: "acme-dis", Email: "dis@example.com", EmailVerified: true})
	rig.client("203.0.113.5").oauthSignIn("/auth/acme") // linked now
	if err := rig.store.SetDisabled(ctx, m.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	browser := rig.client("203.0.113.6")
	rig.oidc.QueueUser(&mockoidc.MockUser{Subject: "acme-dis", Email: "dis@example.com", EmailVerified: true})
	if reason := problemReason(t, browser.oauthSignIn("/auth/acme")); reason != "disabled" {
		t.Fatalf("linked identity of a disabled contact: reason %q", reason)
	}
	// Not linked yet, matching by verified address: refused as well, and not linked.
	other := rig.member("dis2@example.com", goodPassword)
	if err := rig.store.SetDisabled(ctx, other.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	rig.github.queue(githubUser{ID: 9, Login: "dis2", Emails: []githubEmail{{Email: "dis2@example.com", Primary: true, Verified: true}}})
	if reason := problemReason(t, browser.oauthSignIn("/auth/github")); reason != "disabled" {
		t.Fatalf("by address: reason %q", reason)
	}
	if len(rig.identities(other.ID)) != 0 || whoAmI(t, browser) != "" {
		t.Fatal("a disabled contact got an identity or a session")
	}
}

func TestTamperedOrForeignStateIsRefused(t *testing.T) {
	rig := newOAuthRig(t)
	rig.member("ada@example.com", goodPassword)
	browser := rig.client("203.0.113.5")

	// A state passed by the caller is never used.
	r := browser.do("GET", "/auth/acme?state=attacker-chosen", "")
	if loc := r.Header.Get("Location"); strings.Contains(loc, "attacker-chosen") || !strings.Contains(loc, "code_challenge=") || !strings.Contains(loc, "nonce=") {
		t.Fatalf("authorization URL %q", loc)
	}

	rig.oidc.QueueUser(&mockoidc.MockUser{Subject: "acme-ada", Email: "ada@example.com", EmailVerified: true})
	cb := browser.begin("/auth/acme")
	u, _ := url.Parse(cb)
	q := u.Query()
	q.Set("state", q.Get("state")+"x")
	u.RawQuery = q.Encode()
	if reason := problemReason(t, browser.finish(u.String())); reason != "expired" {
		t.Fatalf("tampered state: reason %q", reason)
	}

	// The right state in another browser (no cookie of the one that started): refused.
	rig.oidc.QueueUser(&mockoidc.MockUser{Subject: "acme-ada", Email: "ada@example.com", EmailVerified: true})
	cb = browser.begin("/auth/acme")
	victim := rig.client("203.0.113.99")
	if reason := problemReason(t, victim.finish(cb)); reason != "expired" {
		t.Fatalf("callback in another browser: reason %q", reason)
	}
	// ...and that used the state up: the browser that started cannot finish either.
	if reason := problemReason(t, browser.finish(cb)); reason != "expired" {
		t.Fatalf("after a foreign attempt: reason %q", reason)
	}
	// The callback for another provider's state: refused.
	cb = browser.begin("/auth/acme")
	if reason := problemReason(t, browser.finish(strings.Replace(cb, "/auth/acme/", "/auth/github/", 1))); reason != "expired" {
		t.Fatalf("state of another provider: reason %q", reason)
	}
	if whoAmI(t, browser) != "" || whoAmI(t, victim) != "" {
		t.Fatal("a session was started")
	}
}

func TestReplayedCallbackIsRefused(t *testing.T) {
	rig := newOAuthRig(t)
	rig.member("ada@example.com", goodPassword)
	browser := rig.client("203.0.113.5")
	rig.oidc.QueueUser(&mockoidc.MockUser{Subject: "acme-ada", Email: "ada@example.com", EmailVerified: true})
	cb := browser.begin("/auth/acme")
	key := browser.jar["__Host-gatehouse_oauth"]
	if key == "" {
		t.Fatalf("no browser-binding cookie; jar %v", browser.jar)
	}
	if to := browser.finish(cb); to != "/offers" {
		t.Fatalf("landed on %q", to)
	}
	// Replayed with everything the first callback had, cookie included.
	replay := rig.client("203.0.113.5")
	replay.jar["__Host-gatehouse_oauth"] = key
	if reason := problemReason(t, replay.finish(cb)); reason != "expired" {
		t.Fatalf("replay: reason %q", reason)
	}
	if whoAmI(t, replay) != "" {
		t.Fatal("the replay signed in")
	}
	// An expired sign-in is refused too.
	cb = browser.begin("/auth/acme")
	rig.advance(11 * time.Minute)
	if reason := problemReason(t, browser.finish(cb)); reason != "expired" {
		t.Fatalf("expired: reason %q", reason)
	}
}

func TestNoAccountUnlessSelfSignUp(t *testing.T) {
	rig := newOAuthRig(t)
	owner := rig.member("owner@example.com", staffPassword, "owner")
	_ = owner
	rig.oidc.QueueUser(&mockoidc.MockUser{Subject: "acme-new", Email: "new@example.com", EmailVerified: true})
	browser := rig.client("203.0.113.5")
	to := browser.oauthSignIn("/auth/acme")
	if reason := problemReason(t, to); reason != "no_account" {
		t.Fatalf("reason %q", reason)
	}
	if u, _ := url.Parse(to); u.Query().Get("provider") != "Acme SSO" {
		t.Fatalf("the page is not told the provider: %q", to)
	}

	staff := rig.signIn("owner@example.com", staffPassword)
	expect(t, staff.do("PATCH", "/api/admin/settings", `{"allow_self_signup":true}`), 200, "")
	// Self-sign-up never takes an address the provider does not vouch for.
	rig.oidc.QueueUser(&mockoidc.MockUser{Subject: "acme-unv", Email: "unv@example.com", EmailVerified: false})
	if reason := problemReason(t, browser.oauthSignIn("/auth/acme")); reason != "unverified_email" {
		t.Fatalf("unverified self-sign-up: reason %q", reason)
	}
	rig.oidc.QueueUser(&mockoidc.MockUser{Subject: "acme-new", Email: "new@example.com", EmailVerified: true})
	if to := browser.oauthSignIn("/auth/acme"); to != "/offers" {
		t.Fatalf("self-sign-up landed on %q", to)
	}
	if got := whoAmI(t, browser); got != "new@example.com" {
		t.Fatalf("signed up as %q", got)
	}
	c, err := rig.store.ContactByEmail(context.Background(), "new@example.com")
	if err != nil || c.Role != "member" || c.PasswordHash != "" {
		t.Fatalf("new contact %+v, %v", c, err)
	}
	if got := strings.Join(rig.auditActions(c.ID), ","); !strings.Contains(got, "contact.self_signup") {
		t.Fatalf("audit: %s", got)
	}
}

func TestTemporaryPasswordStillApplies(t *testing.T) {
	rig := newOAuthRig(t)
	owner := rig.member("owner@example.com", staffPassword, "owner")
	m := rig.member("temp@example.com", goodPassword)
	_ = owner
	staff := rig.signIn("owner@example.com", staffPassword)
	expect(t, staff.do("POST", "/api/admin/contacts/"+m.ID+"/password", `{"generate":true,"temporary":true}`), 200, "")
	rig.github.queue(githubUser{ID: 5, Login: "temp", Emails: []githubEmail{{Email: "temp@example.com", Primary: true, Verified: true}}})
	browser := rig.client("203.0.113.5")
	if to := browser.oauthSignIn("/auth/github?next=%2Foffers"); to != "/choose-password" {
		t.Fatalf("landed on %q", to)
	}
	r := browser.do("GET", "/api/auth/session", "")
	if r.json(t)["must_change_password"] != true {
		t.Fatalf("session: %s", r.Body)
	}
	expect(t, browser.do("GET", "/api/portal/offers", ""), 403, CodePasswordChange)
}

func TestConnectAndDisconnect(t *testing.T) {
	rig := newOAuthRig(t)
	m := rig.member("ada@example.com", goodPassword)
	other := rig.member("other@example.com", goodPassword)
	rig.member("admin@example.com", staffPassword, "admin")
	member := rig.signIn("ada@example.com", goodPassword)

	// Connecting needs a session.
	if r := rig.client("203.0.113.7").do("GET", "/auth/github?mode=link", ""); r.Status != 303 || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Fatalf("anonymous connect: %d %q", r.Status, r.Header.Get("Location"))
	}
	// Any GitHub account may be connected: the member proved they hold both.
	rig.github.queue(githubUser{ID: 100, Login: "ada-gh", Emails: []githubEmail{{Email: "ada@personal.example", Primary: true, Verified: false}}})
	if to := member.oauthSignIn("/auth/github?mode=link"); to != "/account?connected=github" {
		t.Fatalf("connect landed on %q", to)
	}
	r := member.do("GET", "/api/portal/identities", "")
	expect(t, r, 200, "")
	body := r.json(t)
	ids, _ := body["identities"].([]any)
	if len(ids) != 1 || body["has_password"] != true {
		t.Fatalf("identities: %s", r.Body)
	}
	first := ids[0].(map[string]any)
	if first["label"] != "GitHub" || first["email"] != "ada@personal.example" {
		t.Fatalf("identity: %v", first)
	}
	// The same GitHub account cannot also be connected to someone else.
	otherBrowser := rig.signIn("other@example.com", goodPassword)
	rig.github.queue(githubUser{ID: 100, Login: "ada-gh"})
	if reason := problemReason(t, otherBrowser.oauthSignIn("/auth/github?mode=link")); reason != "identity_taken" {
		t.Fatalf("reason %q", reason)
	}
	if len(rig.identities(other.ID)) != 0 {
		t.Fatal("linked to the other contact")
	}
	// Signing in with it now works without a password.
	rig.github.queue(githubUser{ID: 100, Login: "ada-gh"})
	fresh := rig.client("203.0.113.8")
	if to := fresh.oauthSignIn("/auth/github"); to != "/offers" || whoAmI(t, fresh) != "ada@example.com" {
		t.Fatalf("sign-in with the connected account: %q", to)
	}

	// Disconnecting the last way in is refused; with a password it is fine.
	if _, err := rig.store.SQLDB().Exec(`UPDATE contacts SET password_hash = '' WHERE id = $1`, m.ID); err != nil {
		t.Fatal(err)
	}
	id := first["id"].(string)
	expect(t, fresh.do("DELETE", "/api/portal/identities/"+id, ""), 409, "last_sign_in_method")
	expect(t, otherBrowser.do("DELETE", "/api/portal/identities/"+id, ""), 404, CodeNotFound) // not theirs
	rig.oidc.QueueUser(&mockoidc.MockUser{Subject: "acme-ada", Email: "whatever@example.com"})
	if to := fresh.oauthSignIn("/auth/acme?mode=link"); to != "/account?connected=acme" {
		t.Fatalf("second connect landed on %q", to)
	}
	expect(t, fresh.do("DELETE", "/api/portal/identities/"+id, ""), 204, "")
	if got := strings.Join(rig.auditActions(m.ID), ","); strings.Count(got, "identity.link") != 2 || !strings.Contains(got, "identity.unlink") {
		t.Fatalf("audit: %s", got)
	}

	// Staff see the identities on the contact record and can unlink (audited, by them).
	admin := rig.signIn("admin@example.com", staffPassword)
	r = admin.do("GET", "/api/admin/contacts/"+m.ID+"/identities", "")
	expect(t, r, 200, "")
	ids, _ = r.json(t)["identities"].([]any)
	if len(ids) != 1 {
		t.Fatalf("staff view: %s", r.Body)
	}
	acme := ids[0].(map[string]any)["id"].(string)
	expect(t, admin.do("DELETE", "/api/admin/contacts/"+other.ID+"/identities/"+acme, ""), 404, CodeNotFound)
	expect(t, admin.do("DELETE", "/api/admin/contacts/"+m.ID+"/identities/"+acme, ""), 204, "")
	if len(rig.identities(m.ID)) != 0 {
		t.Fatal("still linked")
	}
	entries, err := rig.store.ListAudit(context.Background(), store.AuditFilter{ContactID: m.ID, Limit: 1})
	if err != nil || len(entries) != 1 || entries[0].Action != "identity.unlink" || entries[0].ActorEmail != "admin@example.com" {
		t.Fatalf("staff unlink audit: %+v %v", entries, err)
	}
}

// Whatever the provider does, the person ends on a page that explains it, never a 500.
func TestProviderFailuresEndOnAFriendlyPage(t *testing.T) {
	rig := newOAuthRig(t)
	rig.member("ada@example.com", goodPassword)
	browser := rig.client("203.0.113.5")

	// Denied consent.
	cb := browser.begin("/auth/acme")
	u, _ := url.Parse(cb)
	q := url.Values{"state": {u.Query().Get("state")}, "error": {"access_denied"}}
	if reason := problemReason(t, browser.finish(u.Path+"?"+q.Encode())); reason != "denied" {
		t.Fatalf("denied: reason %q", reason)
	}
	// A bad code.
	cb = browser.begin("/auth/acme")
	u, _ = url.Parse(cb)
	q = u.Query()
	q.Set("code", "not-a-code")
	u.RawQuery = q.Encode()
	if reason := problemReason(t, browser.finish(u.String())); reason != "provider_error" {
		t.Fatalf("bad code: reason %q", reason)
	}
	// The provider failing at the token endpoint.
	cb = browser.begin("/auth/acme")
	// (Twice: the OAuth library may retry with the client secret in the body.)
	rig.oidc.QueueError(&mockoidc.ServerError{Code: 500, Error: "server_error", Description: "down"})
	rig.oidc.QueueError(&mockoidc.ServerError{Code: 500, Error: "server_error", Description: "down"})
	if reason := problemReason(t, browser.finish(cb)); reason != "provider_error" {
		t.Fatalf("token endpoint down: reason %q", reason)
	}
	// GitHub refusing the code.
	cb = browser.begin("/auth/github")
	u, _ = url.Parse(cb)
	q = u.Query()
	q.Set("code", "stale")
	u.RawQuery = q.Encode()
	if reason := problemReason(t, browser.finish(u.String())); reason != "provider_error" {
		t.Fatalf("GitHub bad code: reason %q", reason)
	}
	// A provider that is not enabled, and a callback with nothing in it.
	if reason := problemReason(t, browser.begin("/auth/facebook")); reason != "unknown_provider" {
		t.Fatalf("unknown provider: reason %q", reason)
	}
	if reason := problemReason(t, browser.finish("/auth/acme/callback")); reason != "expired" {
		t.Fatalf("empty callback: reason %q", reason)
	}
	// An unreachable provider (discovery fails), and it works once it is back.
	down := newHarnessWith(t, harnessOptions{env: map[string]string{
		"GATEHOUSE_OAUTH_OIDC_DISCOVERY_URL": "http://127.0.0.1:1/.well-known/openid-configuration",
		"GATEHOUSE_OAUTH_OIDC_CLIENT_ID":     "x", "GATEHOUSE_OAUTH_OIDC_CLIENT_SECRET": "y",
	}})
	if reason := problemReason(t, down.client("203.0.113.5").begin("/auth/oidc")); reason != "unavailable" {
		t.Fatalf("unreachable: reason %q", reason)
	}
	if whoAmI(t, browser) != "" {
		t.Fatal("a failure signed someone in")
	}
}

func TestOAuthStartsAreThrottledPerIP(t *testing.T) {
	rig := newOAuthRig(t)
	browser := rig.client("203.0.113.77")
	for i := 0; i < 30; i++ {
		if r := browser.do("GET", "/auth/acme", ""); r.Status != 302 {
			t.Fatalf("start %d: %d", i, r.Status)
		}
	}
	if reason := problemReason(t, browser.begin("/auth/acme")); reason != "rate_limited" {
		t.Fatalf("reason %q", reason)
	}
	if r := rig.client("203.0.113.78").do("GET", "/auth/acme", ""); r.Status != 302 {
		t.Fatalf("another address: %d", r.Status)
	}
}

// Staff are never linked to a provider account by email at sign-in: a staff account would be
// only as safe as the weakest provider enabled. They connect providers from Account; a member
// with a verified address still is linked.
func TestStaffAreNotLinkedByEmail(t *testing.T) {
	rig := newOAuthRig(t)
	for i, role := range []string{"support", "admin", "owner"} {
		staff := rig.member(role+"@example.com", staffPassword, role)
		rig.oidc.QueueUser(&mockoidc.MockUser{Subject: "acme-" + role, Email: role + "@example.com", EmailVerified: true})
		browser := rig.client("203.0.113." + string(rune('5'+i)))
		if reason := problemReason(t, browser.oauthSignIn("/auth/acme")); reason != "no_account" {
			t.Fatalf("%s: reason %q, want no_account", role, reason)
		}
		if len(rig.identities(staff.ID)) != 0 || whoAmI(t, browser) != "" {
			t.Fatalf("%s: linked or signed in by email", role)
		}
	}
	// Self-sign-up does not take a staff address either.
	owner := rig.signIn("owner@example.com", staffPassword)
	expect(t, owner.do("PATCH", "/api/admin/settings", `{"allow_self_signup":true}`), 200, "")
	rig.github.queue(githubUser{ID: 77, Login: "sup", Emails: []githubEmail{{Email: "support@example.com", Primary: true, Verified: true}}})
	if reason := problemReason(t, rig.client("203.0.113.9").oauthSignIn("/auth/github")); reason != "no_account" {
		t.Fatalf("github, self-sign-up on: reason %q", reason)
	}
	m := rig.member("mem@example.com", goodPassword)
	rig.oidc.QueueUser(&mockoidc.MockUser{Subject: "acme-mem", Email: "mem@example.com", EmailVerified: true})
	if to := rig.client("203.0.113.10").oauthSignIn("/auth/acme"); to != "/offers" || len(rig.identities(m.ID)) != 1 {
		t.Fatalf("member: landed on %q, identities %d", to, len(rig.identities(m.ID)))
	}
}
