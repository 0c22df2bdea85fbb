package api

import (
	"net/url"
	"strings"
	"testing"
)

// Forward-auth's HTTP answers to the proxy and the browser, including hostile ones: the
// return address only ever on the app's hosts, the portal's cookie never accepted by
// forward-auth, one-time codes used once, a configuration naming no proxy app told so.
func TestForwardAuthAnswers(t *testing.T) {
	h := newHarness(t)
	a, offerID := h.offerFor("Pottery course")
	ann := h.member("ann@example.com", goodPassword)
	h.grant(a, ann.ID, offerID, false)
	app := h.createApp(map[string]any{"name": "Videos", "kind": "proxy", "hosts": []string{"videos.example.com"},
		"rule": map[string]any{"offer_ids": []string{offerID}}})
	id := app["id"].(string)
	if app["client_id"] != nil || app["client_secret"] != nil || app["open_url"] != "https://videos.example.com/" {
		t.Fatalf("a proxy app: %v", app)
	}
	proxy := h.client("203.0.113.70")

	// Caddy/Traefik style: a redirect to sign in (starting on the site), back to the page asked for.
	proxy.header = map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-Host": "videos.example.com", "X-Forwarded-Uri": "/lesson/1?t=30"}
	r := proxy.do("GET", "/forward-auth?app="+id, "")
	want := "https://videos.example.com/_gatehouse/start?" + url.Values{"app": {id}, "rd": {"https://videos.example.com/lesson/1?t=30"}}.Encode()
	if r.Status != 302 || r.Header.Get("Location") != want {
		t.Fatalf("anonymous behind Caddy: %d %q", r.Status, r.Header.Get("Location"))
	}
	// A forwarded host that is not the app's: no way out but 401.
	proxy.header["X-Forwarded-Host"] = "evil.example"
	if r := proxy.do("GET", "/forward-auth?app="+id, ""); r.Status != 401 || r.Header.Get("Location") != "" {
		t.Fatalf("forged forwarded host: %d %q", r.Status, r.Header.Get("Location"))
	}
	// nginx: 401 with the sign-in address for error_page.
	proxy.header = map[string]string{"X-Original-URL": "https://videos.example.com/a?b=c&d=e"}
	r = proxy.do("GET", "/forward-auth?app="+id, "")
	if r.Status != 401 || !strings.Contains(r.Header.Get("Location"), url.QueryEscape("https://videos.example.com/a?b=c&d=e")) {
		t.Fatalf("anonymous behind nginx: %d %q", r.Status, r.Header.Get("Location"))
	}
	// The portal's own session is not a site cookie.
	portal := h.signIn("ann@example.com", goodPassword)
	if r := portal.do("GET", "/forward-auth?app="+id, ""); r.Status != 401 {
		t.Fatalf("forward-auth accepted the portal session: %d", r.Status)
	}
	for _, bad := range []string{"", "not-an-id", "00000000-0000-4000-8000-000000000001"} {
		if r := proxy.do("GET", "/forward-auth?app="+bad, ""); r.Status != 404 || r.code(t) != "not_found" {
			t.Fatalf("app %q: %d %s", bad, r.Status, r.Body)
		}
	}

	// An open-redirect attempt through the return address: a page, never a redirect there.
	for _, rd := range []string{"https://evil.example/", "https://videos.example.com@evil.example/", "javascript:alert(1)"} {
		r := portal.do("GET", "/forward-auth/start?"+url.Values{"app": {id}, "rd": {rd}}.Encode(), "")
		if r.Status != 303 || r.Header.Get("Location") != "/app-problem?app="+id+"&reason=bad_return" {
			t.Fatalf("rd %q: %d %q", rd, r.Status, r.Header.Get("Location"))
		}
	}
	// A sign-in starts on the site: it gives the browser a state cookie there and sends it to
	// the portal with the state's hash; the portal, asked without one, sends it back there.
	site := h.client("203.0.113.72")
	siteStart := func(b *client) string {
		t.Helper()
		b.header = map[string]string{"Host": "videos.example.com"}
		r := b.do("GET", "/_gatehouse/start?app="+id, "")
		b.header = nil
		if r.Status != 302 || !strings.HasPrefix(r.Header.Get("Location"), publicURL+"/forward-auth/start?") ||
			!strings.Contains(r.Header.Get("Set-Cookie"), "__Host-gatehouse_state_") {
			t.Fatalf("site start: %d %q %q", r.Status, r.Header.Get("Location"), r.Header.Get("Set-Cookie"))
		}
		return strings.TrimPrefix(r.Header.Get("Location"), publicURL)
	}
	if r := portal.do("GET", "/forward-auth/start?app="+id, ""); r.Status != 302 || !strings.HasPrefix(r.Header.Get("Location"), "https://videos.example.com/_gatehouse/start?") {
		t.Fatalf("portal start without a state: %d %q", r.Status, r.Header.Get("Location"))
	}
	startPath := siteStart(site)

	// Signed out: the portal's login first, coming back here.
	r = h.client("203.0.113.71").do("GET", startPath, "")
	if r.Status != 303 || !strings.HasPrefix(r.Header.Get("Location"), "/login?next="+url.QueryEscape("/forward-auth/start?")) {
		t.Fatalf("signed out: %d %q", r.Status, r.Header.Get("Location"))
	}
	next, _ := url.Parse(r.Header.Get("Location"))
	target := h.client("203.0.113.71").do("GET", "/api/auth/sign-in-target?next="+url.QueryEscape(next.Query().Get("next")), "")
	if target.Status != 200 || target.json(t)["app"].(map[string]any)["name"] != "Videos" {
		t.Fatalf("the login page would not name the app: %s", target.Body)
	}

	// Signed in: to the site's callback with a code; the code works once, on the site's host,
	// and only in the browser that started on the site (its state cookie).
	r = portal.do("GET", startPath, "")
	cb, err := url.Parse(r.Header.Get("Location"))
	if r.Status != 302 || err != nil || cb.Host != "videos.example.com" || cb.Path != "/_gatehouse/callback" {
		t.Fatalf("start: %d %q", r.Status, r.Header.Get("Location"))
	}
	call := func(b *client, host string) response {
		req := cb.RequestURI()
		b.header = map[string]string{"Host": host}
		defer func() { b.header = nil }()
		return b.do("GET", req, "")
	}
	victim := h.client("203.0.113.73") // someone sent to the callback with a code not theirs
	siteStart(victim)
	if r := call(victim, "videos.example.com"); r.Status != 303 || !strings.Contains(r.Header.Get("Location"), "reason=bad_code") {
		t.Fatalf("a code redeemed in another browser (login CSRF): %d %q", r.Status, r.Header.Get("Location"))
	}
	if r := call(h.client("203.0.113.74"), "videos.example.com"); r.Status != 303 {
		t.Fatalf("a code redeemed with no state cookie: %d %q", r.Status, r.Header.Get("Location"))
	}
	if r := call(site, "portal.example.test"); r.Status != 303 || !strings.Contains(r.Header.Get("Location"), "reason=bad_code") {
		t.Fatalf("a code redeemed on the portal's host: %d %q", r.Status, r.Header.Get("Location"))
	}
	r = call(site, "videos.example.com")
	if r.Status != 302 || r.Header.Get("Location") != "https://videos.example.com/" {
		t.Fatalf("callback: %d %q", r.Status, r.Header.Get("Location"))
	}
	cookie := r.Header.Get("Set-Cookie")
	if !strings.HasPrefix(cookie, "__Host-gatehouse_"+strings.ReplaceAll(id, "-", "")+"=") || !strings.Contains(cookie, "HttpOnly") ||
		!strings.Contains(strings.ToLower(cookie), "secure") || strings.Contains(strings.ToLower(cookie), "domain=") {
		t.Fatalf("site cookie: %s", cookie)
	}
	if r := call(site, "videos.example.com"); r.Status != 303 || !strings.Contains(r.Header.Get("Location"), "reason=bad_code") {
		t.Fatalf("a code used twice: %d %q", r.Status, r.Header.Get("Location"))
	}
	// The cookie opens forward-auth for this app, with the identity headers.
	proxy.header = map[string]string{"Cookie": strings.Split(cookie, ";")[0]}
	r = proxy.do("GET", "/forward-auth?app="+id, "")
	if r.Status != 200 || r.Header.Get("X-Gatehouse-User") != ann.ID || r.Header.Get("X-Gatehouse-Offers") != "pottery-course" {
		t.Fatalf("with the site cookie: %d %v", r.Status, r.Header)
	}
	// Sign out everywhere (the desk) ends it: the site cookie is bound to the portal session.
	h.member("desk@example.com", staffPassword, "support")
	expect(t, h.signIn("desk@example.com", staffPassword).do("POST", "/api/admin/contacts/"+ann.ID+"/sign-out", ""), 200, "")
	if r := proxy.do("GET", "/forward-auth?app="+id, ""); r.Status != 401 {
		t.Fatalf("after sign out everywhere: %d", r.Status)
	}
}
