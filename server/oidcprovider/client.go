package oidcprovider

import (
	"net/url"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"

	"gatehouse/server/store"
)

// Lifetimes of what the provider issues.
const (
	IDTokenLifetime      = 10 * time.Minute
	AccessTokenLifetime  = time.Hour
	RefreshTokenLifetime = 30 * 24 * time.Hour
	AuthRequestLifetime  = 10 * time.Minute // from /authorize to signing in
	CodeLifetime         = time.Minute      // from the redirect to the code exchange
)

// ScopeGatehouse asks for the offers and communities a member holds (slugs) and a staff
// member's role.
const ScopeGatehouse = "gatehouse"

// client is op.Client for an app of kind oidc. Confidential apps authenticate with their
// secret (HTTP Basic or in the form); public ones are PKCE-only (S256, enforced when the
// authorization request is stored).
type client struct {
	app      store.App
	loginURL string // the portal's page that continues an authorization request
}

func (c client) GetID() string                    { return c.app.ClientID }
func (c client) RedirectURIs() []string           { return c.app.RedirectURIs }
func (c client) PostLogoutRedirectURIs() []string { return c.app.PostLogoutRedirectURIs }

// ApplicationType: a public client may be a browser app (https redirect) or a native one
// (loopback redirect on any port, RFC 8252); op's "native" type allows exactly those.
func (c client) ApplicationType() op.ApplicationType {
	if c.app.Public() {
		return op.ApplicationTypeNative
	}
	return op.ApplicationTypeWeb
}

func (c client) AuthMethod() oidc.AuthMethod {
	if c.app.Public() {
		return oidc.AuthMethodNone
	}
	return oidc.AuthMethodBasic
}

func (c client) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}
func (c client) GrantTypes() []oidc.GrantType {
	return []oidc.GrantType{oidc.GrantTypeCode, oidc.GrantTypeRefreshToken}
}

func (c client) LoginURL(authRequestID string) string {
	return c.loginURL + "?id=" + url.QueryEscape(authRequestID)
}

func (c client) AccessTokenType() op.AccessTokenType { return op.AccessTokenTypeBearer }
func (c client) IDTokenLifetime() time.Duration      { return IDTokenLifetime }
func (c client) DevMode() bool                       { return false }
func (c client) ClockSkew() time.Duration            { return 0 }

func (c client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}

func (c client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}

// IsScopeAllowed: besides the standard scopes, only "gatehouse".
func (c client) IsScopeAllowed(scope string) bool { return scope == ScopeGatehouse }

// IDTokenUserinfoClaimsAssertion puts the profile and email claims in the ID token too: many
// relying parties (forum and CMS plugins) read them from there and never call userinfo.
func (c client) IDTokenUserinfoClaimsAssertion() bool { return true }
