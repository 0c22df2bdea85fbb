package api

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"gatehouse/server/desk"
)

// createApp registers an app through the API as the fixtures' owner and returns the answer
// (with client_secret for a confidential client).
func (h *harness) createApp(body map[string]any) map[string]any {
	h.t.Helper()
	if _, err := h.store.ContactByEmail(context.Background(), "apps-admin@example.com"); err != nil {
		h.member("apps-admin@example.com", staffPassword, "admin")
	}
	admin := h.signIn("apps-admin@example.com", staffPassword)
	r := admin.do("POST", "/api/admin/apps", toJSON(body))
	expect(h.t, r, 201, "")
	return r.json(h.t)
}

// browser is a real HTTP client with cookies that stops at the first redirect leaving
// Gatehouse's host (to an app's callback, or a protected site).
type browser struct {
	t    *testing.T
	http *http.Client
	base string
}

func newBrowser(t *testing.T, base string) *browser {
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(base)
	b := &browser{t: t, base: base}
	b.http = &http.Client{Jar: jar, Timeout: 10 * time.Second, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if req.URL.Host != u.Host || len(via) > 10 {
			return http.ErrUseLastResponse
		}
		return nil
	}}
	return b
}

// signIn signs the browser in on the portal with a password.
func (b *browser) signIn(email, password string) {
	b.t.Helper()
	res, err := b.http.Post(b.base+"/api/auth/login", "application/json",
		strings.NewReader(`{"email":"`+email+`","password":"`+password+`"}`))
	if err != nil {
		b.t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		b.t.Fatalf("sign in as %s: %d", email, res.StatusCode)
	}
}

// visit follows Gatehouse's redirects from rawURL and returns the last response: the first
// one that leaves Gatehouse (its Location header says where), or a page of Gatehouse's.
func (b *browser) visit(rawURL string) *http.Response {
	b.t.Helper()
	res, err := b.http.Get(rawURL)
	if err != nil {
		b.t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res
}

// finalPath is where the browser ended on Gatehouse's own pages (path and query).
func finalPath(res *http.Response) string {
	return res.Request.URL.RequestURI()
}

// offerFor makes an offer the test's member can be granted.
func (h *harness) offerFor(name string) (desk.Actor, string) {
	a := owner(h)
	return a, h.offer(a, name).ID
}

// oauthErrorOf reads OAuth's error shape from an error of golang.org/x/oauth2.
func oauthErrorOf(err error) string {
	var re interface{ Error() string }
	if errors.As(err, &re) {
		s := re.Error()
		for _, code := range []string{"invalid_grant", "invalid_request", "invalid_client", "unauthorized_client", "access_denied"} {
			if strings.Contains(s, code) {
				return code
			}
		}
	}
	return ""
}

// postForm sends an OAuth form request with HTTP Basic client authentication.
func postForm(t *testing.T, endpoint, clientID, secret string, form url.Values) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), "POST", endpoint, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if clientID != "" {
		req.SetBasicAuth(url.QueryEscape(clientID), url.QueryEscape(secret))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	var m map[string]any
	_ = json.Unmarshal(body, &m)
	return res.StatusCode, m
}

func base64URL(s string) ([]byte, error) { return base64.RawURLEncoding.DecodeString(s) }
