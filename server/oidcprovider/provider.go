// Package oidcprovider makes Gatehouse an OpenID Connect provider ("Sign in with Gatehouse")
// on zitadel/oidc's op package, an OpenID Certified implementation: the protocol is op's, the
// state is Gatehouse's PostgreSQL (op.Storage in storage.go and tokens.go), signing keys are
// RS256, generated and rotated here with their private halves sealed by the server key.
//
// Signing in is the portal's: op sends the browser to LoginPath with the authorization
// request's id; the API checks the portal session and the app's rule, then Complete marks the
// request done and the browser goes on to op's callback, which issues the code.
package oidcprovider

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
	"golang.org/x/text/language"

	"gatehouse/server/serverkey"
	"gatehouse/server/store"
)

// The provider's endpoints, under the issuer (GATEHOUSE_PUBLIC_URL). Discovery is at
// /.well-known/openid-configuration.
const (
	AuthorizePath  = "/oauth/authorize"
	CallbackPath   = "/oauth/authorize/callback" // op's: after signing in, issues the code
	TokenPath      = "/oauth/token"
	UserinfoPath   = "/oauth/userinfo"
	RevokePath     = "/oauth/revoke"
	IntrospectPath = "/oauth/introspect"
	EndSessionPath = "/oauth/end_session"
	KeysPath       = "/oauth/keys"
	// LoginPath is Gatehouse's own page between /authorize and the callback: it signs the
	// member in on the portal if needed and checks the app's rule.
	LoginPath = "/oauth/continue"
)

// Options build a Provider.
type Options struct {
	Issuer *url.URL // GATEHOUSE_PUBLIC_URL
	Store  *store.Store
	Keys   *Keys
	Ring   *serverkey.Ring
	Now    func() time.Time
	Log    *slog.Logger
}

// Provider is the OpenID provider: an http.Handler for op's endpoints, and what the portal's
// sign-in step needs.
type Provider struct {
	http.Handler
	op      *op.Provider
	storage *storage
	issuer  string
}

// New builds the provider.
func New(o Options) (*Provider, error) {
	issuer := strings.TrimSuffix(o.Issuer.String(), "/")
	st := &storage{store: o.Store, keys: o.Keys, now: o.Now, loginURL: LoginPath, log: o.Log}
	cfg := &op.Config{
		CodeMethodS256:        true,
		AuthMethodPost:        true,
		GrantTypeRefreshToken: true,
		SupportedUILocales:    []language.Tag{language.English},
		SupportedClaims:       append(op.DefaultSupportedClaims, "offers", "communities", "role"),
		SupportedScopes:       []string{oidc.ScopeOpenID, oidc.ScopeProfile, oidc.ScopeEmail, oidc.ScopeOfflineAccess, ScopeGatehouse},
	}
	opts := []op.Option{
		op.WithCrypto(sealer{o.Ring}),
		op.WithCustomAuthEndpoint(op.NewEndpoint(AuthorizePath)),
		op.WithCustomTokenEndpoint(op.NewEndpoint(TokenPath)),
		op.WithCustomUserinfoEndpoint(op.NewEndpoint(UserinfoPath)),
		op.WithCustomRevocationEndpoint(op.NewEndpoint(RevokePath)),
		op.WithCustomIntrospectionEndpoint(op.NewEndpoint(IntrospectPath)),
		op.WithCustomEndSessionEndpoint(op.NewEndpoint(EndSessionPath)),
		op.WithCustomKeysEndpoint(op.NewEndpoint(KeysPath)),
		// CORS is Gatehouse's (only public clients' origins, only where they need it), not op's
		// default of every origin with credentials.
		op.WithCORSOptions(nil),
	}
	if o.Issuer.Scheme == "http" {
		opts = append(opts, op.WithAllowInsecure()) // local use; production is https
	}
	p, err := op.NewProvider(cfg, st, op.StaticIssuer(issuer), opts...)
	if err != nil {
		return nil, err
	}
	return &Provider{Handler: p, op: p, storage: st, issuer: issuer}, nil
}

// Issuer is the issuer URL (no trailing slash).
func (p *Provider) Issuer() string { return p.issuer }

// Pending is an authorization request waiting for a sign-in, with its app.
type Pending struct {
	Request store.AuthRequest
	App     store.App
}

// ErrNoRequest means the authorization request is unknown or expired (ten minutes).
var ErrNoRequest = errors.New("oidcprovider: no such authorization request, or it expired")

// Pending returns a live authorization request and its app.
func (p *Provider) Pending(ctx context.Context, id string) (Pending, error) {
	r, err := p.storage.store.AuthRequestByID(ctx, id, p.storage.now())
	if errors.Is(err, store.ErrNotFound) {
		return Pending{}, ErrNoRequest
	}
	if err != nil {
		return Pending{}, err
	}
	a, err := p.storage.store.AppByID(ctx, r.AppID)
	if errors.Is(err, store.ErrNotFound) {
		return Pending{}, ErrNoRequest
	}
	return Pending{Request: r, App: a}, err
}

// NeedsFreshSignIn reports whether the request asks for a sign-in newer than the session's
// (prompt=login, or max_age exceeded).
func (pd Pending) NeedsFreshSignIn(sessionStart, now time.Time) bool {
	for _, pr := range pd.Request.Prompt {
		if pr == oidc.PromptLogin {
			return true
		}
	}
	m := pd.Request.MaxAgeSeconds
	return m != nil && now.Sub(sessionStart) > time.Duration(*m)*time.Second
}

// Silent reports whether the app asked not to show any page (prompt=none).
func (pd Pending) Silent() bool {
	for _, pr := range pd.Request.Prompt {
		if pr == oidc.PromptNone {
			return true
		}
	}
	return false
}

// ErrorRedirect is where to send the browser to tell the app that the request failed with e
// (e.g. login_required for prompt=none, access_denied): the request's redirect URI, which op
// checked against the registered ones when the request was made.
func (p *Provider) ErrorRedirect(pd Pending, e *oidc.Error) (string, error) {
	e.State = pd.Request.State
	return op.AuthResponseURL(pd.Request.RedirectURI, oidc.ResponseType(pd.Request.ResponseType),
		oidc.ResponseMode(pd.Request.ResponseMode), e, p.op.Encoder())
}

// Complete marks a request signed in by a contact in a portal session and records the
// sign-in to the app; the browser then goes to CallbackURL. The caller has checked the rule.
func (p *Provider) Complete(ctx context.Context, pd Pending, sess store.Session) error {
	now := p.storage.now()
	return p.storage.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.CompleteAuthRequest(ctx, pd.Request.ID, sess.ContactID, sess.ID, sess.CreatedAt, now, amr(sess.Method)); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return ErrNoRequest
			}
			return err
		}
		return tx.RecordAppSignIn(ctx, pd.App.ID, sess.ContactID, now)
	})
}

// CallbackURL is op's callback for a completed request (it issues the code).
func CallbackURL(id string) string { return CallbackPath + "?id=" + url.QueryEscape(id) }

// CallbackAllowed reports whether the browser session sessionID completed request id: the
// code goes only to the browser that signed in, so a request id someone else completed (a
// link an attacker sent) yields nothing.
func (p *Provider) CallbackAllowed(ctx context.Context, id, sessionID string) (bool, error) {
	r, err := p.storage.store.AuthRequestByID(ctx, id, p.storage.now())
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return r.SessionID != "" && r.SessionID == sessionID, nil
}

// EndSessionSubject returns the contact an id_token_hint names, if it is a token Gatehouse
// signed (expired ones count: a sign-out often comes after the ID token expired).
func (p *Provider) EndSessionSubject(ctx context.Context, hint string) string {
	if hint == "" {
		return ""
	}
	ctx = op.ContextWithIssuer(ctx, p.issuer)
	claims, err := op.VerifyIDTokenHint[*oidc.IDTokenClaims](ctx, hint, p.op.IDTokenHintVerifier(ctx))
	if err != nil && !errors.As(err, &op.IDTokenHintExpiredError{}) {
		return ""
	}
	if claims == nil {
		return ""
	}
	return claims.GetSubject()
}

// amr names how the portal session began, in RFC 8176's terms (the ID token's amr claim):
// a password, or a one-time code from an email. A provider sign-in has no RFC 8176 value.
func amr(method string) []string {
	switch method {
	case "password", "link":
		return []string{"pwd"}
	case "code":
		return []string{"otp"}
	}
	return nil
}
