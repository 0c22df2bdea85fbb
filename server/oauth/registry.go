// Package oauth signs people in with the OAuth 2 and OpenID Connect providers the business
// enabled, through goth's providers (never gothic or goth_fiber: see STACK.md). It owns a
// sign-in in progress (state, PKCE, nonce, browser binding) and turns the provider's answer
// into a Profile; what a confirmed identity may do (sign in, link, sign up) is decided by auth.
package oauth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/markbates/goth"
	"github.com/markbates/goth/providers/github"
	"github.com/markbates/goth/providers/microsoftonline"
	"github.com/markbates/goth/providers/openidConnect"

	"gatehouse/server/config"
	"gatehouse/server/store"
)

// Endpoints replace a provider's fixed URLs; tests point GitHub at a fake with them.
type Endpoints struct {
	AuthURL, TokenURL, ProfileURL, EmailsURL string
}

// Options tune a Registry.
type Options struct {
	PublicURL *url.URL     // callbacks are {PublicURL}/auth/{name}/callback
	Client    *http.Client // nil: a client with a 10 s timeout
	Now       func() time.Time
	Endpoints map[string]Endpoints // by provider name
}

// Info is what the login page needs to draw a provider's button.
type Info struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	Kind  string `json:"kind"`
}

// Registry holds the enabled providers.
type Registry struct {
	store  *store.Store
	opts   Options
	order  []*provider
	byName map[string]*provider
}

type provider struct {
	cfg       config.OAuthProvider
	endpoints Endpoints
	mu        sync.Mutex
	goth      goth.Provider         // built on first use: discovery may fail now and work later
	pkce      bool                  // the provider takes an S256 code challenge
	idTokens  *oidc.IDTokenVerifier // OpenID Connect: checks an ID token's signature (JWKS), iss, aud and exp
}

// New returns a Registry of the configured providers. It contacts none of them yet.
func New(providers []config.OAuthProvider, st *store.Store, opts Options) *Registry {
	if opts.Client == nil {
		opts.Client = &http.Client{Timeout: 10 * time.Second}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	r := &Registry{store: st, opts: opts, byName: map[string]*provider{}}
	for _, cfg := range providers {
		p := &provider{cfg: cfg, endpoints: opts.Endpoints[cfg.Name]}
		r.order = append(r.order, p)
		r.byName[cfg.Name] = p
	}
	return r
}

// List returns the enabled providers in button order.
func (r *Registry) List() []Info {
	out := make([]Info, 0, len(r.order))
	for _, p := range r.order {
		out = append(out, Info{Name: p.cfg.Name, Label: p.cfg.Label, Kind: p.cfg.Kind})
	}
	return out
}

// Label is a provider's display name ("" when it is not enabled).
func (r *Registry) Label(name string) string {
	if p, ok := r.byName[name]; ok {
		return p.cfg.Label
	}
	return ""
}

// CallbackURL is the address to register with the provider.
func (r *Registry) CallbackURL(name string) string {
	return r.opts.PublicURL.String() + "/auth/" + name + "/callback"
}

// get returns the goth provider, building it (with discovery) on first use.
func (r *Registry) get(ctx context.Context, name string) (*provider, goth.Provider, error) {
	p, ok := r.byName[name]
	if !ok {
		return nil, nil, ErrUnknownProvider
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.goth != nil {
		return p, p.goth, nil
	}
	gp, err := r.build(ctx, p)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %s: %v", ErrUnavailable, name, err)
	}
	p.goth = gp
	return p, gp, nil
}

func (r *Registry) build(ctx context.Context, p *provider) (goth.Provider, error) {
	cb, e := r.CallbackURL(p.cfg.Name), p.endpoints
	switch p.cfg.Kind {
	case "github":
		var gh *github.Provider
		if e.AuthURL != "" {
			gh = github.NewCustomisedURL(p.cfg.ClientID, p.cfg.ClientSecret, cb, e.AuthURL, e.TokenURL, e.ProfileURL, e.EmailsURL, "read:user", "user:email")
		} else {
			gh = github.New(p.cfg.ClientID, p.cfg.ClientSecret, cb, "read:user", "user:email")
		}
		gh.HTTPClient = r.opts.Client
		gh.SetName(p.cfg.Name)
		p.pkce = true // the verifier goes through withVerifier
		return gh, nil
	case "microsoft":
		ms := microsoftonline.New(p.cfg.ClientID, p.cfg.ClientSecret, cb, "openid", "profile", "email", "User.Read")
		ms.HTTPClient = r.opts.Client
		ms.SetName(p.cfg.Name)
		p.pkce = true // the verifier goes through withVerifier
		return ms, nil
	case "google", "oidc":
		// Discovery is fetched here rather than by goth's New, which would use a client with
		// no timeout.
		d, err := r.discover(ctx, p.cfg.DiscoveryURL)
		if err != nil {
			return nil, err
		}
		p.pkce = d.pkce
		keys := oidc.NewRemoteKeySet(oidc.ClientContext(context.Background(), r.opts.Client), d.JWKSURI)
		p.idTokens = oidc.NewVerifier(d.Issuer, keys, &oidc.Config{ClientID: p.cfg.ClientID, SupportedSigningAlgs: d.signingAlgs(), Now: r.opts.Now})
		op, err := openidConnect.NewCustomisedURL(p.cfg.ClientID, p.cfg.ClientSecret, cb,
			d.AuthEndpoint, d.TokenEndpoint, d.Issuer, d.UserInfoEndpoint, d.EndSessionEndpoint, "openid", "email", "profile")
		if err != nil {
			return nil, err
		}
		op.HTTPClient = r.opts.Client
		op.SetName(p.cfg.Name)
		return op, nil
	}
	return nil, fmt.Errorf("unknown provider kind %q", p.cfg.Kind)
}

type discovery struct {
	openidConnect.OpenIDConfig
	ChallengeMethods []string `json:"code_challenge_methods_supported"`
	JWKSURI          string   `json:"jwks_uri"`
	SigningAlgs      []string `json:"id_token_signing_alg_values_supported"`
	pkce             bool
}

// signingAlgs are the ID token algorithms accepted: the provider's public-key ones. "none" and
// the HMAC ones (keyed with the client secret, which a provider's key set cannot hold) never.
func (d discovery) signingAlgs() []string {
	var out []string
	for _, alg := range d.SigningAlgs {
		if slices.Contains(publicKeyAlgs, alg) {
			out = append(out, alg)
		}
	}
	if len(out) == 0 {
		return []string{oidc.RS256} // the algorithm every provider must support
	}
	return out
}

var publicKeyAlgs = []string{oidc.RS256, oidc.RS384, oidc.RS512, oidc.ES256, oidc.ES384, oidc.ES512, oidc.PS256, oidc.PS384, oidc.PS512, oidc.EdDSA}

func (r *Registry) discover(ctx context.Context, discoveryURL string) (discovery, error) {
	var d discovery
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, discoveryURL, nil)
	if err != nil {
		return d, err
	}
	res, err := r.opts.Client.Do(req)
	if err != nil {
		return d, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return d, fmt.Errorf("discovery document: HTTP %d", res.StatusCode)
	}
	if err := json.NewDecoder(io.LimitReader(res.Body, 1<<20)).Decode(&d); err != nil {
		return d, fmt.Errorf("discovery document: %w", err)
	}
	if d.AuthEndpoint == "" || d.TokenEndpoint == "" || d.Issuer == "" || d.JWKSURI == "" {
		return d, errors.New("discovery document lacks authorization_endpoint, token_endpoint, issuer or jwks_uri")
	}
	d.pkce = slices.Contains(d.ChallengeMethods, "S256")
	return d, nil
}
