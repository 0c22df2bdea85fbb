package api

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"gatehouse/server/oidcprovider"
)

// rpCallback is the relying party's redirect URI. Nothing listens there: the browser stops at
// the redirect and the test reads the code from it, as the app's server would.
const rpCallback = "http://127.0.0.1:1/callback"

type oidcFixture struct {
	h        *harness
	appID    string
	clientID string
	secret   string
	offerID  string
	memberID string
	conf     oauth2.Config
	provider *oidc.Provider
}

// newOIDCFixture: a real server, an app whose rule is one offer, a member holding it, and the
// app's side built from golang.org/x/oauth2 and coreos/go-oidc pointed at the discovery URL.
func newOIDCFixture(t *testing.T, extraScopes ...string) *oidcFixture {
	h := newHarnessWith(t, harnessOptions{listen: true})
	a, offerID := h.offerFor("Pottery course")
	ann := h.member("ann@example.com", goodPassword)
	h.grant(a, ann.ID, offerID, false)
	app := h.createApp(map[string]any{"name": "Course site", "kind": "oidc", "redirect_uris": []string{rpCallback},
		"post_logout_redirect_uris": []string{"http://127.0.0.1:1/bye"}, "rule": map[string]any{"offer_ids": []string{offerID}}})
	f := &oidcFixture{h: h, appID: app["id"].(string), clientID: app["client_id"].(string), secret: app["client_secret"].(string),
		offerID: offerID, memberID: ann.ID}
	p, err := oidc.NewProvider(context.Background(), h.url) // discovery: the issuer is GATEHOUSE_PUBLIC_URL
	if err != nil {
		t.Fatal(err)
	}
	f.provider = p
	f.conf = oauth2.Config{ClientID: f.clientID, ClientSecret: f.secret, Endpoint: p.Endpoint(), RedirectURL: rpCallback,
		Scopes: append([]string{oidc.ScopeOpenID, "email", "profile", "gatehouse"}, extraScopes...)}
	return f
}

// authorize runs the browser through /authorize with PKCE and returns the redirect to the
// app's callback (its query has code and state, or error).
func (f *oidcFixture) authorize(b *browser, verifier string, opts ...oauth2.AuthCodeOption) *url.URL {
	f.h.t.Helper()
	opts = append(opts, oauth2.S256ChallengeOption(verifier), oidc.Nonce("nonce-1"))
	res := b.visit(f.conf.AuthCodeURL("state-1", opts...))
	loc, err := res.Location()
	if err != nil {
		f.h.t.Fatalf("no redirect to the app; ended at %s (%d)", finalPath(res), res.StatusCode)
	}
	return loc
}

func (f *oidcFixture) code(b *browser, verifier string) string {
	f.h.t.Helper()
	loc := f.authorize(b, verifier)
	if !strings.HasPrefix(loc.String(), rpCallback) || loc.Query().Get("state") != "state-1" || loc.Query().Get("code") == "" {
		f.h.t.Fatalf("redirect to the app: %s", loc)
	}
	return loc.Query().Get("code")
}

func (f *oidcFixture) verify(raw string) *oidc.IDToken {
	f.h.t.Helper()
	idt, err := f.provider.Verifier(&oidc.Config{ClientID: f.clientID}).Verify(context.Background(), raw)
	if err != nil {
		f.h.t.Fatalf("the ID token does not verify against Gatehouse's key set: %v", err)
	}
	return idt
}

type gatehouseClaims struct {
	Email         string   `json:"email"`
	EmailVerified *bool    `json:"email_verified"`
	Name          string   `json:"name"`
	Nonce         string   `json:"nonce"`
	Offers        []string `json:"offers"`
	Communities   []string `json:"communities"`
	Role          string   `json:"role"`
	AMR           []string `json:"amr"`
}

// The whole "Sign in with Gatehouse" flow with real client libraries: a signed-out member is
// sent to the portal's login naming the app, signs in, the app exchanges the code with PKCE,
// verifies the ID token against the key set, reads userinfo, refreshes (rotation: the old
// refresh token is dead, and replaying it revokes the family), and revokes.
func TestSignInWithGatehouse(t *testing.T) {
	f := newOIDCFixture(t, oidc.ScopeOfflineAccess)
	ctx := context.Background()
	b := newBrowser(t, f.h.url)
	verifier := oauth2.GenerateVerifier()

	// Signed out: the portal's own login page, which learns the app's name from the server.
	res := b.visit(f.conf.AuthCodeURL("state-1", oauth2.S256ChallengeOption(verifier), oidc.Nonce("nonce-1")))
	if !strings.HasPrefix(finalPath(res), "/login?next=") {
		t.Fatalf("a signed-out member should land on the portal login, not %s", finalPath(res))
	}
	next := res.Request.URL.Query().Get("next")
	target := f.h.client("203.0.113.60").do("GET", "/api/auth/sign-in-target?next="+url.QueryEscape(next), "")
	expect(t, target, 200, "")
	if name := target.json(t)["app"].(map[string]any)["name"]; name != "Course site" {
		t.Fatalf("the login page would name %v", name)
	}

	// Signed in, the same step goes straight back to the app (no consent screen).
	b.signIn("ann@example.com", goodPassword)
	loc := b.visit(f.h.url + next)
	location, _ := loc.Location()
	if location == nil || !strings.HasPrefix(location.String(), rpCallback) {
		t.Fatalf("after signing in: %d %v", loc.StatusCode, location)
	}
	tok, err := f.conf.Exchange(ctx, location.Query().Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := tok.Extra("id_token").(string)
	idt := f.verify(raw)
	var claims gatehouseClaims
	if err := idt.Claims(&claims); err != nil {
		t.Fatal(err)
	}
	if idt.Subject != f.memberID || claims.Email != "ann@example.com" || claims.Nonce != "nonce-1" ||
		!slices.Equal(claims.Offers, []string{"pottery-course"}) || claims.Communities == nil || claims.Role != "" || !slices.Equal(claims.AMR, []string{"pwd"}) {
		t.Fatalf("ID token: sub %s, %+v", idt.Subject, claims)
	}
	if claims.EmailVerified == nil || *claims.EmailVerified {
		t.Fatalf("email_verified must be false until the member used an emailed link: %v", claims.EmailVerified)
	}
	if life := time.Until(idt.Expiry); life > oidcprovider.IDTokenLifetime+time.Minute || life < 5*time.Minute {
		t.Fatalf("ID token lives %s", life)
	}
	if strings.Count(tok.AccessToken, ".") == 2 && !strings.HasPrefix(tok.AccessToken, "v1.") {
		t.Fatalf("access tokens are opaque, got a JWT-looking %q", tok.AccessToken)
	}

	info, err := f.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok))
	if err != nil {
		t.Fatal(err)
	}
	var infoClaims gatehouseClaims
	_ = info.Claims(&infoClaims)
	if info.Subject != f.memberID || info.Email != "ann@example.com" || !slices.Equal(infoClaims.Offers, []string{"pottery-course"}) {
		t.Fatalf("userinfo: %+v %+v", info, infoClaims)
	}

	// Refresh: a new pair; the old refresh token is used up.
	stale := &oauth2.Token{RefreshToken: tok.RefreshToken, Expiry: time.Now().Add(-time.Minute)}
	fresh, err := f.conf.TokenSource(ctx, stale).Token()
	if err != nil {
		t.Fatal(err)
	}
	if fresh.RefreshToken == "" || fresh.RefreshToken == tok.RefreshToken || fresh.AccessToken == tok.AccessToken {
		t.Fatal("a refresh must rotate the refresh token")
	}
	if _, err := f.provider.UserInfo(ctx, oauth2.StaticTokenSource(fresh)); err != nil {
		t.Fatalf("userinfo with the refreshed token: %v", err)
	}
	// Replaying the used refresh token is refused and ends the whole sign-in: the new one too.
	if _, err := f.conf.TokenSource(ctx, stale).Token(); oauthErrorOf(err) != "invalid_grant" {
		t.Fatalf("replayed refresh token: %v", err)
	}
	if _, err := f.conf.TokenSource(ctx, &oauth2.Token{RefreshToken: fresh.RefreshToken}).Token(); oauthErrorOf(err) != "invalid_grant" {
		t.Fatalf("after a replay the family must be revoked: %v", err)
	}
	if _, err := f.provider.UserInfo(ctx, oauth2.StaticTokenSource(fresh)); err == nil {
		t.Fatal("after a replay the access tokens of the family must be revoked")
	}

	// Revocation (RFC 7009) of a new sign-in's refresh token ends it.
	verifier = oauth2.GenerateVerifier()
	tok, err = f.conf.Exchange(ctx, f.code(b, verifier), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	status, _ := postForm(t, f.h.url+oidcprovider.RevokePath, f.clientID, f.secret, url.Values{"token": {tok.RefreshToken}, "token_type_hint": {"refresh_token"}})
	if status != 200 {
		t.Fatalf("revocation: %d", status)
	}
	if _, err := f.conf.TokenSource(ctx, &oauth2.Token{RefreshToken: tok.RefreshToken}).Token(); oauthErrorOf(err) != "invalid_grant" {
		t.Fatalf("refresh after revocation: %v", err)
	}
	if _, err := f.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok)); err == nil {
		t.Fatal("revoking the refresh token must revoke its access token")
	}
	// The contact record shows the app and when the member last signed in to it.
	f.h.member("support-viewer@example.com", staffPassword, "support")
	rec := f.h.signIn("support-viewer@example.com", staffPassword).do("GET", "/api/admin/contacts/"+f.memberID+"/apps", "")
	expect(t, rec, 200, "")
	if !strings.Contains(string(rec.Body), `"can_open":[{"id":"`+f.appID) || !strings.Contains(string(rec.Body), `"signed_in":[{"app_id":"`+f.appID) {
		t.Fatalf("contact apps: %s", rec.Body)
	}
}

// email_verified turns true once the member uses a link emailed to their address, and false
// again when the address changes.
func TestEmailVerifiedClaim(t *testing.T) {
	f := newOIDCFixture(t)
	c := f.h.client("203.0.113.61")
	expect(t, c.do("POST", "/api/auth/forgot-password", `{"email":"ann@example.com"}`), 202, "")
	_, token, _ := strings.Cut(f.h.waitMessages(1)[0].Text, "/reset#token=")
	token, _, _ = strings.Cut(token, "\n")
	expect(t, c.do("POST", "/api/auth/reset-password", `{"token":"`+token+`","password":"a brand new passphrase here"}`), 200, "")

	emailVerified := func(password string) bool {
		t.Helper()
		b := newBrowser(t, f.h.url)
		b.signIn("ann@example.com", password)
		verifier := oauth2.GenerateVerifier()
		tok, err := f.conf.Exchange(context.Background(), f.code(b, verifier), oauth2.VerifierOption(verifier))
		if err != nil {
			t.Fatal(err)
		}
		var claims gatehouseClaims
		_ = f.verify(tok.Extra("id_token").(string)).Claims(&claims)
		return claims.EmailVerified != nil && *claims.EmailVerified
	}
	if !emailVerified("a brand new passphrase here") {
		t.Fatal("after using an emailed link the address is verified")
	}
	ann, _ := f.h.store.ContactByID(context.Background(), f.memberID)
	ann.Email = "ann@new.example.com"
	if err := f.h.store.UpdateContact(context.Background(), &ann); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, f.h.url)
	b.signIn("ann@new.example.com", "a brand new passphrase here")
	verifier := oauth2.GenerateVerifier()
	tok, err := f.conf.Exchange(context.Background(), f.code(b, verifier), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	var claims gatehouseClaims
	_ = f.verify(tok.Extra("id_token").(string)).Claims(&claims)
	if claims.Email != "ann@new.example.com" || claims.EmailVerified == nil || *claims.EmailVerified {
		t.Fatalf("a changed address is not verified: %+v", claims)
	}
}

// A member whose offers do not include the app gets the portal's page saying so, never a
// code; revoking the offer of a member who signed in ends their refresh token and userinfo.
func TestOIDCAccessRule(t *testing.T) {
	f := newOIDCFixture(t, oidc.ScopeOfflineAccess)
	ctx := context.Background()
	f.h.member("bob@example.com", goodPassword)
	bob := newBrowser(t, f.h.url)
	bob.signIn("bob@example.com", goodPassword)
	res := bob.visit(f.conf.AuthCodeURL("s", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
	if res.StatusCode != 200 || finalPath(res) != "/app-access?app="+f.appID {
		t.Fatalf("a member without the offer: %d at %s", res.StatusCode, finalPath(res))
	}
	access := f.h.signIn("bob@example.com", goodPassword).do("GET", "/api/portal/apps/"+f.appID+"/access", "")
	expect(t, access, 200, "")
	if access.json(t)["admitted"] != false || access.json(t)["app"].(map[string]any)["name"] != "Course site" {
		t.Fatalf("access page: %s", access.Body)
	}

	ann := newBrowser(t, f.h.url)
	ann.signIn("ann@example.com", goodPassword)
	verifier := oauth2.GenerateVerifier()
	tok, err := f.conf.Exchange(ctx, f.code(ann, verifier), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	admin := f.h.signIn("apps-admin@example.com", staffPassword)
	expect(t, admin.do("DELETE", "/api/admin/contacts/"+f.memberID+"/offers/"+f.offerID, ""), 204, "")
	if _, err := f.conf.TokenSource(ctx, &oauth2.Token{RefreshToken: tok.RefreshToken}).Token(); oauthErrorOf(err) != "invalid_grant" {
		t.Fatalf("refresh after the offer was revoked: %v", err)
	}
	if _, err := f.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok)); err == nil {
		t.Fatal("userinfo after the offer was revoked")
	}
	// Granting it again does not bring the old tokens back.
	f.h.grant(owner(f.h), f.memberID, f.offerID, false)
	if _, err := f.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok)); err == nil {
		t.Fatal("a revoked token stays revoked")
	}
}

// Key rotation: the next key is published before it signs, and the old one stays in the key
// set after it stops signing, so tokens it signed verify until they expire; a day later it is
// gone.
func TestOIDCKeyRotation(t *testing.T) {
	f := newOIDCFixture(t)
	ctx := context.Background()
	idToken := func() (string, string) {
		t.Helper()
		b := newBrowser(t, f.h.url)
		b.signIn("ann@example.com", goodPassword)
		verifier := oauth2.GenerateVerifier()
		tok, err := f.conf.Exchange(ctx, f.code(b, verifier), oauth2.VerifierOption(verifier))
		if err != nil {
			t.Fatal(err)
		}
		raw := tok.Extra("id_token").(string)
		return raw, kidOf(t, raw)
	}
	rotate := func() {
		t.Helper()
		if err := f.h.signing.Rotate(ctx); err != nil {
			t.Fatal(err)
		}
	}
	oldToken, oldKid := idToken()

	f.h.advance(oidcprovider.RotateEvery - oidcprovider.PrePublish)
	rotate() // the successor is published, not yet signing
	if _, kid := idToken(); kid != oldKid {
		t.Fatal("the successor must not sign before its turn")
	}
	f.h.advance(oidcprovider.PrePublish)
	rotate()
	newToken, newKid := idToken()
	if newKid == oldKid {
		t.Fatal("after its turn the new key signs")
	}
	verifier := func() *oidc.IDTokenVerifier { // a relying party that fetches the key set anew
		p, err := oidc.NewProvider(ctx, f.h.url)
		if err != nil {
			t.Fatal(err)
		}
		return p.Verifier(&oidc.Config{ClientID: f.clientID})
	}
	v := verifier()
	for _, raw := range []string{oldToken, newToken} {
		if _, err := v.Verify(ctx, raw); err != nil {
			t.Fatalf("a token signed before or after the rotation must verify: %v", err)
		}
	}
	f.h.advance(oidcprovider.KeepPublished + time.Minute)
	rotate()
	if _, err := verifier().Verify(ctx, oldToken); err == nil {
		t.Fatal("a day after retiring, the old key leaves the key set")
	}
}

func kidOf(t *testing.T, jwt string) string {
	t.Helper()
	header, _, _ := strings.Cut(jwt, ".")
	dec, err := base64URL(header)
	if err != nil {
		t.Fatal(err)
	}
	_, after, _ := strings.Cut(string(dec), `"kid":"`)
	kid, _, _ := strings.Cut(after, `"`)
	return kid
}
