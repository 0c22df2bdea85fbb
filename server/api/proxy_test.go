package api

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A real reverse proxy in front of a static folder asks Gatehouse before serving it, with the
// configurations the README gives: Caddy's forward_auth and nginx's auth_request.
func TestForwardAuthBehindCaddy(t *testing.T) {
	caddy := proxyBinary(t, "caddy", "caddy")
	proxyScenario(t, func(t *testing.T, port int, gatehouse, appID, backend string) {
		dir := openDir(t)
		conf := filepath.Join(dir, "Caddyfile")
		if err := os.WriteFile(conf, []byte(caddyfile(port, gatehouse, appID, backend, siteFolder(t), filepath.Join(dir, "data"))), 0o644); err != nil {
			t.Fatal(err)
		}
		runProxy(t, port, caddy, "run", "--config", conf, "--adapter", "caddyfile")
	})
}

func TestForwardAuthBehindNginx(t *testing.T) {
	nginx := proxyBinary(t, "nginx", "nginx-core")
	proxyScenario(t, func(t *testing.T, port int, gatehouse, appID, backend string) {
		dir := openDir(t)
		conf := filepath.Join(dir, "nginx.conf")
		if err := os.WriteFile(conf, []byte(nginxConf(port, gatehouse, appID, backend, siteFolder(t), dir)), 0o644); err != nil {
			t.Fatal(err)
		}
		runProxy(t, port, nginx, "-c", conf, "-p", dir, "-e", "stderr")
	})
}

// siteClient is a browser: it follows every redirect, between the site and the portal.
func siteClient(t *testing.T) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 10 * time.Second}
}

func get(t *testing.T, c *http.Client, u string, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// proxyScenario: anonymous → the portal's login; a member with the offer → the file; a
// forged identity header never reaches the site; a member without it → the portal's page
// saying so; the offer revoked → refused on the very next request.
func proxyScenario(t *testing.T, start func(t *testing.T, port int, gatehouse, appID, backend string)) {
	h := newHarnessWith(t, harnessOptions{listen: true})
	a, offerID := h.offerFor("Pottery course")
	ann := h.member("ann@example.com", goodPassword)
	h.grant(a, ann.ID, offerID, false)
	h.member("bob@example.com", goodPassword)
	port := freePort(t)
	site := fmt.Sprintf("http://localhost:%d", port)
	app := h.createApp(map[string]any{"name": "Pottery videos", "kind": "proxy", "hosts": []string{fmt.Sprintf("localhost:%d", port)},
		"launch_url": site + "/", "rule": map[string]any{"offer_ids": []string{offerID}}})
	appID := app["id"].(string)
	echo := newEchoSite(t)
	start(t, port, strings.TrimPrefix(h.url, "http://"), appID, strings.TrimPrefix(echo.URL, "http://"))

	// Anonymous: sent to sign in on the portal.
	anon := siteClient(t)
	res, _ := get(t, anon, site+"/index.html")
	if !strings.HasPrefix(res.Request.URL.String(), h.url+"/login?next=") {
		t.Fatalf("anonymous visitor ended at %s (%d)", res.Request.URL, res.StatusCode)
	}

	// Ann signs in on the portal; the site then serves her the file.
	annBrowser := siteClient(t)
	signInWith(t, annBrowser, h.url, "ann@example.com")
	res, body := get(t, annBrowser, site+"/index.html")
	if res.StatusCode != 200 || !strings.Contains(body, "Members only") || !strings.HasPrefix(res.Request.URL.String(), site+"/index.html") {
		t.Fatalf("member with the offer: %d at %s: %s", res.StatusCode, res.Request.URL, body)
	}

	// The site's backend sees Gatehouse's identity, never one the client sent, and never the
	// portal's session cookie.
	res, body = get(t, annBrowser, site+"/whoami", "X-Gatehouse-User", "someone-else", "X-Gatehouse-Role", "owner", "X-Gatehouse-Email", "forged@example.com")
	seen := echo.seen()
	if res.StatusCode != 200 || seen.Get("X-Gatehouse-User") != ann.ID || seen.Get("X-Gatehouse-Email") != "ann@example.com" ||
		seen.Get("X-Gatehouse-Role") != "member" || seen.Get("X-Gatehouse-Offers") != "pottery-course" || len(seen.Values("X-Gatehouse-User")) != 1 {
		t.Fatalf("the site saw %d %q: %v", res.StatusCode, body, seen)
	}
	if strings.Contains(seen.Get("Cookie"), "gatehouse_session") {
		t.Fatal("the portal's session cookie reached the protected site")
	}

	// Bob has no such offer: the portal says so.
	bob := siteClient(t)
	signInWith(t, bob, h.url, "bob@example.com")
	res, _ = get(t, bob, site+"/index.html")
	if res.Request.URL.String() != h.url+"/app-access?app="+appID {
		t.Fatalf("member without the offer ended at %s", res.Request.URL)
	}

	// Revoke Ann's offer: her very next request is refused.
	admin := h.signIn("apps-admin@example.com", staffPassword)
	expect(t, admin.do("DELETE", "/api/admin/contacts/"+ann.ID+"/offers/"+offerID, ""), 204, "")
	res, body = get(t, annBrowser, site+"/index.html")
	if res.StatusCode == 200 && strings.Contains(body, "Members only") {
		t.Fatal("the file was served after the offer was revoked")
	}
	if res.Request.URL.String() != h.url+"/app-access?app="+appID {
		t.Fatalf("after the revoke: ended at %s", res.Request.URL)
	}
}

// signInWith signs a browser in on the portal.
func signInWith(t *testing.T, c *http.Client, portal, email string) {
	t.Helper()
	res, err := c.Post(portal+"/api/auth/login", "application/json", strings.NewReader(`{"email":"`+email+`","password":"`+goodPassword+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("sign in: %d", res.StatusCode)
	}
}
