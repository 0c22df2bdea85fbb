package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"gatehouse/server/oidcprovider"
)

// The provider's answers to broken or hostile requests: never a redirect to an address the
// app did not register, OAuth's error shape for the app, a page for a person.
func TestOIDCBadInput(t *testing.T) {
	f := newOIDCFixture(t, oidc.ScopeOfflineAccess)
	ctx := context.Background()
	b := newBrowser(t, f.h.url)
	b.signIn("ann@example.com", goodPassword)
	authURL := func(clientID, redirect string) string {
		q := url.Values{"client_id": {clientID}, "redirect_uri": {redirect}, "response_type": {"code"}, "scope": {"openid"}, "state": {"s"},
			"code_challenge": {oauth2.S256ChallengeFromVerifier(oauth2.GenerateVerifier())}, "code_challenge_method": {"S256"}}
		return f.h.url + oidcprovider.AuthorizePath + "?" + q.Encode()
	}
	for name, u := range map[string]string{
		"unknown client":            authURL("gh_nobody", rpCallback),
		"unregistered redirect URI": authURL(f.clientID, "https://evil.example/steal"),
	} {
		res := b.visit(u)
		if res.StatusCode != 200 || !strings.HasPrefix(finalPath(res), "/app-problem?") || res.Request.URL.Query().Get("reason") != "invalid_request" {
			t.Errorf("%s: %d at %s (%v)", name, res.StatusCode, res.Request.URL, res.Header.Get("Location"))
		}
	}

	// A code exchanged twice: refused, and the tokens of the first exchange are revoked.
	verifier := oauth2.GenerateVerifier()
	code := f.code(b, verifier)
	tok, err := f.conf.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.conf.Exchange(ctx, code, oauth2.VerifierOption(verifier)); oauthErrorOf(err) != "invalid_grant" {
		t.Fatalf("reused code: %v", err)
	}
	if _, err := f.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok)); err == nil {
		t.Fatal("a reused code revokes the access token it minted")
	}
	if _, err := f.conf.TokenSource(ctx, &oauth2.Token{RefreshToken: tok.RefreshToken}).Token(); oauthErrorOf(err) != "invalid_grant" {
		t.Fatalf("a reused code revokes the refresh token it minted: %v", err)
	}

	// PKCE: a missing or wrong verifier is refused.
	code = f.code(b, oauth2.GenerateVerifier())
	if _, err := f.conf.Exchange(ctx, code); oauthErrorOf(err) == "" {
		t.Fatalf("missing verifier: %v", err)
	}
	code = f.code(b, oauth2.GenerateVerifier())
	if _, err := f.conf.Exchange(ctx, code, oauth2.VerifierOption(oauth2.GenerateVerifier())); oauthErrorOf(err) != "invalid_grant" {
		t.Fatalf("wrong verifier: %v", err)
	}
	// A wrong client secret.
	wrong := f.conf
	wrong.ClientSecret = "ghs_not-the-secret"
	verifier = oauth2.GenerateVerifier()
	if _, err := wrong.Exchange(ctx, f.code(b, verifier), oauth2.VerifierOption(verifier)); oauthErrorOf(err) != "invalid_client" {
		t.Fatalf("wrong secret: %v", err)
	}
	// "plain" PKCE is refused at /authorize, back to the app in OAuth's shape.
	res := b.visit(f.conf.AuthCodeURL("s", oauth2.SetAuthURLParam("code_challenge", "abc"), oauth2.SetAuthURLParam("code_challenge_method", "plain")))
	if loc, _ := res.Location(); loc == nil || loc.Query().Get("error") != "invalid_request" {
		t.Fatalf("plain PKCE: %d %v", res.StatusCode, res.Header.Get("Location"))
	}
	// prompt=none for a signed-out browser: login_required, to the app.
	res = newBrowser(t, f.h.url).visit(f.conf.AuthCodeURL("s", oauth2.S256ChallengeOption(oauth2.GenerateVerifier()), oauth2.SetAuthURLParam("prompt", "none")))
	if loc, _ := res.Location(); loc == nil || loc.Query().Get("error") != "login_required" || loc.Query().Get("state") != "s" {
		t.Fatalf("prompt=none signed out: %v", res.Header.Get("Location"))
	}
	// The token endpoint takes forms, in OAuth's error shape.
	req, _ := http.NewRequest("POST", f.h.url+oidcprovider.TokenPath, strings.NewReader(`{"grant_type":"authorization_code"}`))
	req.Header.Set("Content-Type", "application/json")
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != 415 {
		t.Fatalf("JSON to the token endpoint: %d", r.StatusCode)
	}
}

// A public client: no secret, PKCE with S256 required; CORS on token, userinfo and the key
// set for its own origin only.
func TestOIDCPublicClient(t *testing.T) {
	f := newOIDCFixture(t)
	app := f.h.createApp(map[string]any{"name": "Single-page app", "kind": "oidc", "public": true,
		"redirect_uris": []string{"https://spa.example.com/cb"}, "rule": map[string]any{"any_member": true}})
	if _, has := app["client_secret"]; has {
		t.Fatal("a public client has no secret")
	}
	b := newBrowser(t, f.h.url)
	b.signIn("ann@example.com", goodPassword)
	q := url.Values{"client_id": {app["client_id"].(string)}, "redirect_uri": {"https://spa.example.com/cb"}, "response_type": {"code"}, "scope": {"openid"}, "state": {"s"}}
	res := b.visit(f.h.url + oidcprovider.AuthorizePath + "?" + q.Encode())
	if loc, _ := res.Location(); loc == nil || loc.Host != "spa.example.com" || loc.Query().Get("error") != "invalid_request" {
		t.Fatalf("a public client without PKCE: %v", res.Header.Get("Location"))
	}
	verifier := oauth2.GenerateVerifier()
	q.Set("code_challenge", oauth2.S256ChallengeFromVerifier(verifier))
	q.Set("code_challenge_method", "S256")
	res = b.visit(f.h.url + oidcprovider.AuthorizePath + "?" + q.Encode())
	loc, _ := res.Location()
	if loc == nil || loc.Query().Get("code") == "" {
		t.Fatalf("a public client with PKCE: %v", res.Header.Get("Location"))
	}
	status, body := postForm(t, f.h.url+oidcprovider.TokenPath, "", "", url.Values{"grant_type": {"authorization_code"}, "code": {loc.Query().Get("code")},
		"redirect_uri": {"https://spa.example.com/cb"}, "client_id": {app["client_id"].(string)}, "code_verifier": {verifier}})
	if status != 200 || body["id_token"] == nil {
		t.Fatalf("public client's exchange: %d %v", status, body)
	}

	preflight := func(path, origin string) *http.Response {
		req, _ := http.NewRequest("OPTIONS", f.h.url+path, nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	for _, path := range []string{oidcprovider.TokenPath, oidcprovider.UserinfoPath, oidcprovider.KeysPath} {
		if res := preflight(path, "https://spa.example.com"); res.StatusCode != 204 || res.Header.Get("Access-Control-Allow-Origin") != "https://spa.example.com" || res.Header.Get("Access-Control-Allow-Credentials") != "" {
			t.Errorf("%s from the public client's origin: %d %q", path, res.StatusCode, res.Header.Get("Access-Control-Allow-Origin"))
		}
		for _, other := range []string{"https://evil.example", "http://127.0.0.1:1"} { // another site; a confidential client's
			if res := preflight(path, other); res.StatusCode != 403 || res.Header.Get("Access-Control-Allow-Origin") != "" {
				t.Errorf("%s from %s: %d %q", path, other, res.StatusCode, res.Header.Get("Access-Control-Allow-Origin"))
			}
		}
	}
	if res := preflight(oidcprovider.RevokePath, "https://spa.example.com"); res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("no CORS beyond token, userinfo, key set and discovery")
	}
}

// RP-initiated logout: back to a registered post-logout address, the app's tokens revoked and
// this browser's portal session ended (only with a valid id_token_hint for that member).
func TestOIDCEndSession(t *testing.T) {
	f := newOIDCFixture(t, oidc.ScopeOfflineAccess)
	ctx := context.Background()
	b := newBrowser(t, f.h.url)
	b.signIn("ann@example.com", goodPassword)
	verifier := oauth2.GenerateVerifier()
	tok, err := f.conf.Exchange(ctx, f.code(b, verifier), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	hint := tok.Extra("id_token").(string)
	bad := b.visit(f.h.url + oidcprovider.EndSessionPath + "?" + url.Values{"id_token_hint": {hint}, "post_logout_redirect_uri": {"https://evil.example/"}}.Encode())
	if !strings.HasPrefix(finalPath(bad), "/app-problem?reason=invalid_logout") {
		t.Fatalf("unregistered post-logout address: %s", finalPath(bad))
	}
	res := b.visit(f.h.url + oidcprovider.EndSessionPath + "?" + url.Values{"id_token_hint": {hint}, "post_logout_redirect_uri": {"http://127.0.0.1:1/bye"}, "state": {"x"}}.Encode())
	if loc, _ := res.Location(); loc == nil || loc.Path != "/bye" || loc.Query().Get("state") != "x" {
		t.Fatalf("logout redirect: %v", res.Header.Get("Location"))
	}
	if _, err := f.conf.TokenSource(ctx, &oauth2.Token{RefreshToken: tok.RefreshToken}).Token(); oauthErrorOf(err) != "invalid_grant" {
		t.Fatalf("refresh after the app's sign-out: %v", err)
	}
	again := b.visit(f.conf.AuthCodeURL("s", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
	if !strings.HasPrefix(finalPath(again), "/login?next=") {
		t.Fatalf("the portal session should have ended: %s", finalPath(again))
	}
}
