package main

import (
	"cmp"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// benchApps are the apps the bench registers: a site behind forward-auth and an OpenID
// Connect client, both opened by the bench member's offer.
type benchApps struct {
	proxyID, clientID, clientSecret string
}

const (
	benchSite     = "bench-site.example"
	benchCallback = "https://app.bench.example/callback"
	// One PKCE pair for every code: the bench measures the server, not the client.
	benchVerifier = "bench-verifier-0123456789-abcdefghijklmnopqrstuvwxyz"
)

// seedApps registers the two apps through the admin API.
func seedApps(owner *session, offerID string) (benchApps, error) {
	var proxy struct{ ID string }
	if err := owner.post("/api/admin/apps", map[string]any{"name": "Bench videos", "kind": "proxy", "hosts": []string{benchSite},
		"rule": map[string]any{"offer_ids": []string{offerID}}}, &proxy); err != nil {
		return benchApps{}, err
	}
	var oidcApp struct {
		ClientID     string `json:"client_id"`
		ClientSecret string `json:"client_secret"`
	}
	if err := owner.post("/api/admin/apps", map[string]any{"name": "Bench course site", "kind": "oidc", "redirect_uris": []string{benchCallback},
		"rule": map[string]any{"offer_ids": []string{offerID}}}, &oidcApp); err != nil {
		return benchApps{}, err
	}
	return benchApps{proxyID: proxy.ID, clientID: oidcApp.ClientID, clientSecret: oidcApp.ClientSecret}, nil
}

// noFollow is a client that returns redirects instead of following them.
var noFollow = &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func step(u, cookie, host string) (*url.URL, []*http.Cookie, error) {
	req, _ := http.NewRequest("GET", u, nil)
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	if host != "" {
		req.Host = host
	}
	res, err := noFollow.Do(req)
	if err != nil {
		return nil, nil, err
	}
	res.Body.Close()
	loc, err := res.Location()
	if err != nil {
		return nil, nil, fmt.Errorf("GET %s: %d without a redirect", u, res.StatusCode)
	}
	return loc, res.Cookies(), nil
}

// siteCookie signs the member in to the protected site as a browser would: the site's
// /_gatehouse/start (which sets the state cookie), the portal's /forward-auth/start, then the
// site's /_gatehouse/callback with the state cookie (the site's paths are reached directly, as
// the site's proxy would forward them, with the site's Host).
func siteCookie(base, memberCookie, appID string) (string, error) {
	start, stateCookies, err := step(base+"/_gatehouse/start?"+url.Values{"app": {appID}, "rd": {"http://" + benchSite + "/"}}.Encode(), "", benchSite)
	if err != nil {
		return "", err
	}
	if len(stateCookies) == 0 {
		return "", fmt.Errorf("the site's start set no state cookie")
	}
	cb, _, err := step(base+start.RequestURI(), memberCookie, "")
	if err != nil {
		return "", err
	}
	state := stateCookies[0].Name + "=" + stateCookies[0].Value
	_, cookies, err := step(base+cb.RequestURI(), state, benchSite)
	if err != nil {
		return "", err
	}
	for _, c := range cookies {
		if strings.HasPrefix(c.Name, "gatehouse_") && c.MaxAge >= 0 && c.Value != "" && c.Name != stateCookies[0].Name {
			return c.Name + "=" + c.Value, nil
		}
	}
	return "", fmt.Errorf("the callback set no site cookie")
}

func forwardAuth(base, appID, cookie string) vegeta.Targeter {
	hdr := http.Header{"Cookie": {cookie}, "X-Forwarded-Host": {benchSite}, "X-Forwarded-Uri": {"/lesson/1"}}
	return func(t *vegeta.Target) error {
		*t = vegeta.Target{Method: "GET", URL: base + "/forward-auth?app=" + appID, Header: hdr}
		return nil
	}
}

// authCodes runs the member's browser through /authorize → /oauth/continue → the callback
// as often as it can within d (at most max), on 8 connections, and returns the codes (or, when
// none came, why).
func authCodes(base, memberCookie string, a benchApps, d time.Duration, max int) ([]string, error) {
	sum := sha256.Sum256([]byte(benchVerifier))
	q := url.Values{"client_id": {a.clientID}, "redirect_uri": {benchCallback}, "response_type": {"code"}, "scope": {"openid email gatehouse"},
		"state": {"bench"}, "code_challenge": {base64.RawURLEncoding.EncodeToString(sum[:])}, "code_challenge_method": {"S256"}}
	authorize := base + "/oauth/authorize?" + q.Encode()
	var mu sync.Mutex
	var codes []string
	var firstErr error
	var n atomic.Int64
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) && n.Add(1) <= int64(max) {
				loc, _, err := step(authorize, memberCookie, "")
				for err == nil && "http://"+loc.Host == base { // Gatehouse's own steps
					loc, _, err = step(base+loc.RequestURI(), memberCookie, "")
				}
				if err == nil && loc.Query().Get("code") == "" {
					err = fmt.Errorf("the authorization ended at %s", loc)
				}
				if err != nil {
					mu.Lock()
					firstErr = cmp.Or(firstErr, err)
					mu.Unlock()
					continue
				}
				mu.Lock()
				codes = append(codes, loc.Query().Get("code"))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(codes) == 0 {
		return nil, fmt.Errorf("no authorization code: %w", firstErr)
	}
	return codes, nil
}

// exchanges hands out each code once; vegeta stops when they run out.
func exchanges(base string, a benchApps, codes []string) vegeta.Targeter {
	var i atomic.Int64
	hdr := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	basic := base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(a.clientID) + ":" + url.QueryEscape(a.clientSecret)))
	hdr.Set("Authorization", "Basic "+basic)
	return func(t *vegeta.Target) error {
		k := int(i.Add(1)) - 1
		if k >= len(codes) {
			return vegeta.ErrNoTargets
		}
		body := url.Values{"grant_type": {"authorization_code"}, "code": {codes[k]}, "redirect_uri": {benchCallback}, "code_verifier": {benchVerifier}}
		*t = vegeta.Target{Method: "POST", URL: base + "/oauth/token", Body: []byte(body.Encode()), Header: randomClient(hdr)}
		return nil
	}
}
