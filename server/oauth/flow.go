package oauth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/markbates/goth"
	"github.com/markbates/goth/providers/github"
	"golang.org/x/oauth2"

	"gatehouse/server/clientip"
	"gatehouse/server/store"
)

// A sign-in must come back within this long; starts are limited per IP so nobody fills the
// table of sign-ins in progress.
const (
	stateTTL    = 10 * time.Minute
	startsPerIP = 30
	startWindow = 10 * time.Minute
)

// Modes of a sign-in.
const (
	ModeLogin = "login" // sign in (or sign up)
	ModeLink  = "link"  // connect the provider account to the signed-in contact
)

// Errors the API turns into a friendly page.
var (
	ErrUnknownProvider = errors.New("oauth: provider not enabled")
	ErrUnavailable     = errors.New("oauth: provider unreachable")
	ErrStateInvalid    = errors.New("oauth: sign-in is unknown, used, expired or from another browser")
	ErrDenied          = errors.New("oauth: the person declined at the provider")
	ErrProvider        = errors.New("oauth: the provider's answer could not be used")
	ErrThrottled       = errors.New("oauth: too many sign-ins started from this address")
)

// Intent is what a sign-in is for.
type Intent struct {
	Mode      string
	ContactID string // ModeLink: who is connecting
	Next      string // where to go afterwards (a local path, checked by the caller)
	IP        string
}

// Started is a sign-in under way: send the browser to URL, and give it BrowserKey in a cookie
// (only its hash is stored) so the callback only works in the browser that started it.
type Started struct {
	URL        string
	BrowserKey string
}

// Start begins a sign-in with our own random state; nothing the caller passes becomes state.
func (r *Registry) Start(ctx context.Context, name string, in Intent) (Started, error) {
	p, gp, err := r.get(ctx, name)
	if err != nil {
		return Started{}, err
	}
	now := r.opts.Now()
	if n, _, err := r.store.Hit(ctx, "oauth:ip:"+clientip.Bucket(in.IP), startWindow, now); err != nil {
		return Started{}, err
	} else if n > startsPerIP {
		return Started{}, ErrThrottled
	}
	state, browserKey := random(), random()
	sess, err := gp.BeginAuth(state)
	if err != nil {
		return Started{}, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	authURL, err := sess.GetAuthURL()
	if err != nil {
		return Started{}, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	u, err := url.Parse(authURL)
	if err != nil {
		return Started{}, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	row := store.OAuthState{
		StateHash: hash(state), NonceHash: hash(browserKey), Provider: name, Mode: in.Mode, ContactID: in.ContactID,
		Session: sess.Marshal(), NextPath: in.Next, CreatedAt: now, ExpiresAt: now.Add(stateTTL),
	}
	q := u.Query()
	if p.pkce {
		row.CodeVerifier = oauth2.GenerateVerifier()
		q.Set("code_challenge", oauth2.S256ChallengeFromVerifier(row.CodeVerifier))
		q.Set("code_challenge_method", "S256")
	}
	if isOIDC(p) {
		row.OIDCNonce = random()
		q.Set("nonce", row.OIDCNonce)
	}
	u.RawQuery = q.Encode()
	if err := r.store.CreateOAuthState(ctx, &row); err != nil {
		return Started{}, err
	}
	return Started{URL: u.String(), BrowserKey: browserKey}, nil
}

// Callback is what came back to /auth/{provider}/callback.
type Callback struct {
	State, Code, Error string // query parameters
	BrowserKey         string // the cookie set by Start
}

// Profile is the identity a provider vouched for.
type Profile struct {
	Provider      string
	Label         string // the provider's display name ("GitHub", the configured OIDC label)
	Subject       string // the provider's stable id for the account
	Email         string
	EmailVerified bool // the provider says the address belongs to this account
	Name          string
}

// Finish checks a callback and exchanges its code. The state is used up whatever happens
// next, so a callback cannot be replayed. It returns the sign-in's intent with the profile.
func (r *Registry) Finish(ctx context.Context, name string, cb Callback) (Profile, store.OAuthState, error) {
	if cb.State == "" || len(cb.State) > 200 {
		return Profile{}, store.OAuthState{}, ErrStateInvalid
	}
	st, err := r.store.ConsumeOAuthState(ctx, hash(cb.State), r.opts.Now())
	if errors.Is(err, store.ErrNotFound) {
		return Profile{}, st, ErrStateInvalid
	} else if err != nil {
		return Profile{}, st, err
	}
	if st.Provider != name || subtle.ConstantTimeCompare(st.NonceHash, hash(cb.BrowserKey)) != 1 {
		return Profile{}, st, ErrStateInvalid
	}
	switch {
	case cb.Error == "access_denied":
		return Profile{}, st, ErrDenied
	case cb.Error != "" || cb.Code == "":
		return Profile{}, st, fmt.Errorf("%w: error %q", ErrProvider, truncate(cb.Error, 60))
	}
	p, gp, err := r.get(ctx, name)
	if err != nil {
		return Profile{}, st, err
	}
	prof, err := r.exchange(ctx, p, gp, st, cb.Code)
	if err != nil {
		return Profile{}, st, err
	}
	return prof, st, nil
}

func (r *Registry) exchange(ctx context.Context, p *provider, gp goth.Provider, st store.OAuthState, code string) (prof Profile, err error) {
	// goth's providers assume well-formed answers (a missing exp claim panics): a provider's
	// odd answer is its error, not ours.
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("%w: %v", ErrProvider, v)
		}
	}()
	sess, err := gp.UnmarshalSession(st.Session)
	if err != nil {
		return Profile{}, fmt.Errorf("%w: %v", ErrProvider, err)
	}
	params := url.Values{"code": {code}}
	if st.CodeVerifier != "" {
		params.Set("code_verifier", st.CodeVerifier)
	}
	exchanger := gp
	if st.CodeVerifier != "" && !isOIDC(p) {
		exchanger = withVerifier(gp, r.opts.Client, st.CodeVerifier)
	}
	if _, err := sess.Authorize(exchanger, params); err != nil {
		return Profile{}, fmt.Errorf("%w: exchanging the code: %v", ErrProvider, err)
	}
	user, err := gp.FetchUser(sess)
	// goth's GitHub errs when there is no verified primary address: we look at the list ourselves.
	if err != nil && !errors.Is(err, github.ErrNoVerifiedGitHubPrimaryEmail) {
		return Profile{}, fmt.Errorf("%w: fetching the user: %v", ErrProvider, err)
	}
	prof = Profile{Provider: p.cfg.Name, Label: p.cfg.Label, Subject: user.UserID, Email: strings.TrimSpace(user.Email), Name: strings.TrimSpace(user.Name)}
	switch p.cfg.Kind {
	case "google", "oidc":
		// goth decodes the ID token without checking its signature (STACK.md): it is checked
		// here against the provider's published keys, with iss, aud and exp. The nonce ties it
		// to this sign-in, and the subject goth read must be the signed one.
		tok, err := p.verifyIDToken(ctx, sess)
		if err != nil {
			return Profile{}, fmt.Errorf("%w: ID token: %v", ErrProvider, err)
		}
		if subtle.ConstantTimeCompare([]byte(tok.Nonce), []byte(st.OIDCNonce)) != 1 || tok.Subject != user.UserID {
			return Profile{}, fmt.Errorf("%w: ID token nonce or subject does not match", ErrProvider)
		}
		prof.EmailVerified = claimTrue(user.RawData["email_verified"])
	case "github":
		if user.UserID == "0" { // goth's rendering of a profile without an id
			return Profile{}, fmt.Errorf("%w: no subject", ErrProvider)
		}
		prof.Email, prof.EmailVerified, err = r.githubEmail(ctx, p, user.AccessToken, prof.Email)
		if err != nil {
			return Profile{}, fmt.Errorf("%w: %v", ErrProvider, err)
		}
	case "microsoft":
		// Microsoft accounts let tenants set any address without proving it: never trusted
		// for linking by email.
		prof.EmailVerified = false
	}
	if prof.Subject == "" {
		return Profile{}, fmt.Errorf("%w: no subject", ErrProvider)
	}
	return prof, nil
}

// claimTrue reads email_verified, which some providers send as a string.
func claimTrue(v any) bool {
	switch t := v.(type) {
	case bool:
		return t
	case string:
		return strings.EqualFold(t, "true")
	}
	return false
}

func isOIDC(p *provider) bool { return p.cfg.Kind == "google" || p.cfg.Kind == "oidc" }

func random() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func hash(s string) []byte {
	sum := sha256.Sum256([]byte(s))
	return sum[:]
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
