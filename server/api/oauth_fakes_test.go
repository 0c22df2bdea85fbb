package api

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/oauth2-proxy/mockoidc"
	"golang.org/x/oauth2"

	"gatehouse/server/oauth"
)

// githubUser is who the fake GitHub says signed in next.
type githubUser struct {
	ID     int
	Login  string
	Public string // the profile's public address
	Emails []githubEmail
}

type githubEmail struct {
	Email    string `json:"email"`
	Primary  bool   `json:"primary"`
	Verified bool   `json:"verified"`
}

// fakeGitHub speaks GitHub's OAuth app flow and the two API calls goth makes (/user,
// /user/emails), for goth's customised URLs.
type fakeGitHub struct {
	srv   *httptest.Server
	mu    sync.Mutex
	next  []githubUser
	codes map[string]githubUser // code → user, each used once
	// code → its PKCE challenge. GitHub takes PKCE (S256 only) without requiring it; this fake
	// requires it, so a sign-in that drops the challenge or the verifier fails.
	challenges map[string]string
	users      map[string]githubUser // access token → user
}

func newFakeGitHub(t *testing.T) *fakeGitHub {
	f := &fakeGitHub{codes: map[string]githubUser{}, users: map[string]githubUser{}, challenges: map[string]string{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /login/oauth/authorize", f.authorize)
	mux.HandleFunc("POST /login/oauth/access_token", f.token)
	mux.HandleFunc("GET /user", f.user)
	mux.HandleFunc("GET /user/emails", f.emails)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeGitHub) endpoints() oauth.Endpoints {
	return oauth.Endpoints{AuthURL: f.srv.URL + "/login/oauth/authorize", TokenURL: f.srv.URL + "/login/oauth/access_token",
		ProfileURL: f.srv.URL + "/user", EmailsURL: f.srv.URL + "/user/emails"}
}

func (f *fakeGitHub) queue(u githubUser) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.next = append(f.next, u)
}

func (f *fakeGitHub) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("client_id") != "gh-client" || q.Get("state") == "" || !strings.Contains(q.Get("scope"), "user:email") ||
		q.Get("code_challenge_method") != "S256" || len(q.Get("code_challenge")) != 43 {
		http.Error(w, "bad authorize request", http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	u := githubUser{ID: 1, Login: "octocat"}
	if len(f.next) > 0 {
		u, f.next = f.next[0], f.next[1:]
	}
	code := "code-" + randomHex()
	f.codes[code] = u
	f.challenges[code] = q.Get("code_challenge")
	f.mu.Unlock()
	back, _ := url.Parse(q.Get("redirect_uri"))
	bq := back.Query()
	bq.Set("code", code)
	bq.Set("state", q.Get("state"))
	back.RawQuery = bq.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}

func (f *fakeGitHub) token(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	id, secret, ok := r.BasicAuth()
	if !ok {
		id, secret = r.Form.Get("client_id"), r.Form.Get("client_secret")
	}
	f.mu.Lock()
	code := r.Form.Get("code")
	u, known := f.codes[code]
	known = known && oauth2.S256ChallengeFromVerifier(r.Form.Get("code_verifier")) == f.challenges[code]
	delete(f.codes, code)
	delete(f.challenges, code)
	token := "gho_" + randomHex()
	f.users[token] = u
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if id != "gh-client" || secret != "gh-secret" || !known {
		// GitHub answers a bad code with 200 and an error body.
		_ = json.NewEncoder(w).Encode(map[string]string{"error": "bad_verification_code"})
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]string{"access_token": token, "token_type": "bearer", "scope": "read:user,user:email"})
}

func (f *fakeGitHub) bearer(w http.ResponseWriter, r *http.Request) (githubUser, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	u, ok := f.users[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")]
	if !ok {
		http.Error(w, `{"message":"Bad credentials"}`, http.StatusUnauthorized)
	}
	return u, ok
}

func (f *fakeGitHub) user(w http.ResponseWriter, r *http.Request) {
	if u, ok := f.bearer(w, r); ok {
		_ = json.NewEncoder(w).Encode(map[string]any{"id": u.ID, "login": u.Login, "name": "Octo " + u.Login, "email": u.Public})
	}
}

func (f *fakeGitHub) emails(w http.ResponseWriter, r *http.Request) {
	if u, ok := f.bearer(w, r); ok {
		_ = json.NewEncoder(w).Encode(append([]githubEmail{}, u.Emails...))
	}
}

// oauthRig is the harness with two providers: a real OpenID Connect provider (mockoidc) named
// "acme" and the fake GitHub.
type oauthRig struct {
	*harness
	oidc   *mockoidc.MockOIDC
	github *fakeGitHub
	// forge, when set, rewrites the claims of the next ID token mockoidc issues, keeping its
	// signature: what a token changed on its way looks like.
	forge atomic.Pointer[func(claims map[string]any)]
}

func newOAuthRig(t *testing.T) *oauthRig {
	t.Helper()
	rig := &oauthRig{}
	m, err := mockoidc.NewServer(nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = m.AddMiddleware(rig.forgeIDTokens)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Start(ln, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Shutdown() })
	gh := newFakeGitHub(t)
	h := newHarnessWith(t, harnessOptions{
		env: map[string]string{
			"GATEHOUSE_OAUTH_OIDC_DISCOVERY_URL": m.DiscoveryEndpoint(), "GATEHOUSE_OAUTH_OIDC_CLIENT_ID": m.ClientID,
			"GATEHOUSE_OAUTH_OIDC_CLIENT_SECRET": m.ClientSecret, "GATEHOUSE_OAUTH_OIDC_LABEL": "Acme SSO", "GATEHOUSE_OAUTH_OIDC_NAME": "acme",
			"GATEHOUSE_OAUTH_GITHUB_CLIENT_ID": "gh-client", "GATEHOUSE_OAUTH_GITHUB_CLIENT_SECRET": "gh-secret",
		},
		endpoints: map[string]oauth.Endpoints{"github": gh.endpoints()},
	})
	rig.harness, rig.oidc, rig.github = h, m, gh
	return rig
}

// forgeIDTokens applies rig.forge to the ID token of the next token response that has one (the
// OAuth library may first try a way of authenticating that mockoidc refuses).
func (rig *oauthRig) forgeIDTokens(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		forge := rig.forge.Load()
		if r.URL.Path != mockoidc.TokenEndpoint || forge == nil {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		var body map[string]any
		_ = json.Unmarshal(rec.Body.Bytes(), &body)
		parts := strings.Split(fmt.Sprint(body["id_token"]), ".")
		var claims map[string]any
		if len(parts) == 3 {
			payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
			_ = json.Unmarshal(payload, &claims)
		}
		if claims == nil || !rig.forge.CompareAndSwap(forge, nil) {
			maps.Copy(w.Header(), rec.Header())
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
			return
		}
		(*forge)(claims)
		payload, _ := json.Marshal(claims)
		parts[1] = base64.RawURLEncoding.EncodeToString(payload)
		body["id_token"] = strings.Join(parts, ".")
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body)
	})
}

// noRedirects is the browser's trip to the provider: one request, its redirect not followed.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// begin starts a sign-in in c's browser and goes through the provider. It returns the
// callback path the provider sent the browser back to (or the problem page, if the start
// failed).
func (c *client) begin(path string) string {
	t := c.h.t
	t.Helper()
	r := c.do("GET", path, "")
	if r.Status != http.StatusFound && r.Status != http.StatusSeeOther {
		t.Fatalf("GET %s: %d %s", path, r.Status, r.Body)
	}
	loc := r.Header.Get("Location")
	if strings.HasPrefix(loc, "/") {
		return loc
	}
	res, err := noRedirects.Get(loc)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	back := res.Header.Get("Location")
	if res.StatusCode != http.StatusFound || !strings.HasPrefix(back, publicURL+"/auth/") {
		t.Fatalf("the provider answered %d, Location %q", res.StatusCode, back)
	}
	return strings.TrimPrefix(back, publicURL)
}

// finish delivers a callback and returns where the portal sent the browser.
func (c *client) finish(callback string) string {
	t := c.h.t
	t.Helper()
	r := c.do("GET", callback, "")
	if r.Status != http.StatusSeeOther {
		t.Fatalf("GET %s: %d %s", callback, r.Status, r.Body)
	}
	return r.Header.Get("Location")
}

// oauthSignIn is the whole trip: start, provider, callback.
func (c *client) oauthSignIn(path string) string {
	c.h.t.Helper()
	cb := c.begin(path)
	if strings.HasPrefix(cb, "/sign-in-problem") {
		return cb
	}
	return c.finish(cb)
}

func randomHex() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
