package oidcprovider

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"

	"gatehouse/server/auth"
	"gatehouse/server/store"
)

// refreshPrefix makes a Gatehouse refresh token recognisable in a leak report or a log scan.
const refreshPrefix = "ghr_"

func newRefreshToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("oidcprovider: no randomness: " + err.Error())
	}
	return refreshPrefix + base64.RawURLEncoding.EncodeToString(b)
}

func (s *storage) CreateAccessToken(ctx context.Context, req op.TokenRequest) (string, time.Time, error) {
	id, _, exp, err := s.mint(ctx, req, false)
	return id, exp, err
}

// CreateAccessAndRefreshTokens mints an access token and a new refresh token; on a refresh it
// also uses up the one presented (rotation), so each refresh token works once.
func (s *storage) CreateAccessAndRefreshTokens(ctx context.Context, req op.TokenRequest, _ string) (string, string, time.Time, error) {
	return s.mint(ctx, req, true)
}

// errNotAdmitted: between signing in and the code exchange the contact lost access.
var errNotAdmitted = errors.New("oidcprovider: the contact no longer passes the app's rule")

func (s *storage) mint(ctx context.Context, req op.TokenRequest, withRefresh bool) (string, string, time.Time, error) {
	now := s.now()
	var base store.OIDCToken
	var replace []byte
	refreshScopes := req.GetScopes()
	switch r := req.(type) {
	case authRequest:
		ok, err := s.store.AppAdmits(ctx, r.r.AppID, r.r.ContactID)
		if err != nil {
			return "", "", time.Time{}, serverFault(err)
		}
		if !ok {
			return "", "", time.Time{}, oidc.ErrAccessDenied().WithParent(errNotAdmitted)
		}
		base = store.OIDCToken{AppID: r.r.AppID, ContactID: r.r.ContactID, FamilyID: r.r.ID, AuthRequestID: r.r.ID,
			Audience: []string{r.r.ClientID}, AMR: r.r.AMR, AuthTime: r.r.AuthTime}
	case *refreshRequest:
		base = store.OIDCToken{AppID: r.t.AppID, ContactID: r.t.ContactID, FamilyID: r.t.FamilyID, AuthRequestID: r.t.AuthRequestID,
			Audience: r.t.Audience, AMR: r.t.AMR, AuthTime: r.t.AuthTime}
		replace, refreshScopes = r.hash, r.t.Scopes // a narrowed refresh narrows the access token only
	default:
		return "", "", time.Time{}, oidc.ErrUnsupportedGrantType().WithParent(fmt.Errorf("oidcprovider: token request %T", req))
	}
	access := base
	access.Kind, access.Scopes, access.CreatedAt, access.ExpiresAt = store.TokenAccess, req.GetScopes(), now, now.Add(AccessTokenLifetime)
	m := store.Mint{Access: &access, ReplaceHash: replace}
	var raw string
	if withRefresh {
		raw = newRefreshToken()
		refresh := base
		refresh.Kind, refresh.Scopes, refresh.TokenHash = store.TokenRefresh, refreshScopes, hashOf(raw)
		refresh.CreatedAt, refresh.ExpiresAt = now, now.Add(RefreshTokenLifetime)
		m.Refresh = &refresh
	}
	if err := s.store.MintTokens(ctx, m, now); err != nil {
		if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrCodeReused) {
			return "", "", time.Time{}, oidc.ErrInvalidGrant().WithParent(err)
		}
		return "", "", time.Time{}, serverFault(err)
	}
	return access.ID, raw, access.ExpiresAt, nil
}

// TokenRequestByRefreshToken finds what a refresh token grants, while its contact still
// passes the app's rule. A token used before revokes its whole family (a stolen token and its
// rightful holder cannot both go on).
func (s *storage) TokenRequestByRefreshToken(ctx context.Context, raw string) (op.RefreshTokenRequest, error) {
	t, err := s.store.LiveRefreshToken(ctx, hashOf(raw), s.now())
	if errors.Is(err, store.ErrRefreshReplayed) {
		s.log.Warn("oidc: refresh token replayed; its family was revoked", "app_id", t.AppID, "contact_id", t.ContactID)
	}
	if err != nil {
		return nil, serverFault(err)
	}
	a, err := s.store.AppByID(ctx, t.AppID)
	if err != nil {
		return nil, serverFault(err)
	}
	return &refreshRequest{t: t, clientID: a.ClientID, hash: hashOf(raw), scopes: t.Scopes}, nil
}

// GetRefreshTokenInfo names the row of a refresh token issued to clientID, for revocation.
func (s *storage) GetRefreshTokenInfo(ctx context.Context, clientID, raw string) (string, string, error) {
	t, err := s.store.RefreshTokenByHash(ctx, hashOf(raw))
	if errors.Is(err, store.ErrNotFound) {
		return "", "", op.ErrInvalidRefreshToken
	}
	if err != nil {
		return "", "", err
	}
	a, err := s.store.AppByID(ctx, t.AppID)
	if err != nil || a.ClientID != clientID {
		return "", "", op.ErrInvalidRefreshToken
	}
	return t.ContactID, t.ID, nil
}

// RevokeToken revokes a token at its app's request (RFC 7009). A refresh token takes its
// family (the access tokens of the same sign-in) with it. An unknown token is not an error.
func (s *storage) RevokeToken(ctx context.Context, tokenID, _, clientID string) *oidc.Error {
	a, err := s.store.AppByClientID(ctx, clientID)
	if errors.Is(err, store.ErrNotFound) {
		return oidc.ErrInvalidClient()
	}
	if err != nil {
		return oidc.ErrServerError().WithParent(err)
	}
	t, err := s.store.TokenByID(ctx, tokenID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return oidc.ErrServerError().WithParent(err)
	}
	if t.AppID != a.ID {
		return oidc.ErrUnauthorizedClient().WithDescription("the token was not issued to this client")
	}
	if t.Kind == store.TokenRefresh {
		_, err = s.store.RevokeTokenFamily(ctx, t.FamilyID, s.now())
	} else {
		err = s.store.RevokeToken(ctx, t.ID, a.ID, s.now())
	}
	if err != nil {
		return oidc.ErrServerError().WithParent(err)
	}
	return nil
}

// SetUserinfoFromToken answers userinfo for a live access token, while its contact passes the
// app's rule (checked at every call: a revoked offer closes userinfo at once).
func (s *storage) SetUserinfoFromToken(ctx context.Context, info *oidc.UserInfo, tokenID, subject, _ string) error {
	t, err := s.store.LiveAccessToken(ctx, tokenID, s.now())
	if errors.Is(err, store.ErrNotFound) || (err == nil && t.ContactID != subject) {
		return oidc.ErrAccessDenied().WithDescription("the access token is not valid")
	}
	if err != nil {
		return serverFault(err)
	}
	return serverFault(s.fillUserinfo(ctx, info, t.ContactID, t.Scopes))
}

// SetIntrospectionFromToken describes a live access token to the app it was issued to.
func (s *storage) SetIntrospectionFromToken(ctx context.Context, resp *oidc.IntrospectionResponse, tokenID, subject, clientID string) error {
	t, err := s.store.LiveAccessToken(ctx, tokenID, s.now())
	if err != nil || t.ContactID != subject {
		return oidc.ErrAccessDenied().WithParent(err)
	}
	a, err := s.store.AppByID(ctx, t.AppID)
	if err != nil || a.ClientID != clientID {
		return oidc.ErrAccessDenied().WithParent(err)
	}
	info := new(oidc.UserInfo)
	if err := s.fillUserinfo(ctx, info, t.ContactID, t.Scopes); err != nil {
		return serverFault(err)
	}
	resp.SetUserInfo(info)
	resp.Scope, resp.ClientID, resp.TokenType = t.Scopes, a.ClientID, oidc.BearerToken
	resp.Expiration, resp.IssuedAt, resp.Audience = oidc.FromTime(t.ExpiresAt), oidc.FromTime(t.CreatedAt), t.Audience
	return nil
}

// SetUserinfoFromScopes is deprecated in op; SetUserinfoFromRequest fills the ID token.
func (s *storage) SetUserinfoFromScopes(context.Context, *oidc.UserInfo, string, string, []string) error {
	return nil
}

// SetUserinfoFromRequest fills the ID token's claims for the scopes granted.
func (s *storage) SetUserinfoFromRequest(ctx context.Context, info *oidc.UserInfo, req op.IDTokenRequest, scopes []string) error {
	return serverFault(s.fillUserinfo(ctx, info, req.GetSubject(), scopes))
}

// GetPrivateClaimsFromScopes is for JWT access tokens; Gatehouse's are opaque.
func (s *storage) GetPrivateClaimsFromScopes(context.Context, string, string, []string) (map[string]any, error) {
	return nil, nil
}

// fillUserinfo sets the claims of a contact for the scopes: sub always; name with "profile";
// email and email_verified with "email"; offers, communities (slugs) and role (staff) with
// "gatehouse".
func (s *storage) fillUserinfo(ctx context.Context, info *oidc.UserInfo, contactID string, scopes []string) error {
	c, err := s.store.ContactByID(ctx, contactID)
	if err != nil {
		return err
	}
	info.Subject = c.ID
	if slices.Contains(scopes, oidc.ScopeProfile) && c.Name != "" {
		info.Name = c.Name
	}
	if slices.Contains(scopes, oidc.ScopeEmail) {
		info.Email = c.Email
		info.EmailVerified = oidc.Bool(c.EmailVerified())
		if !c.EmailVerified() {
			info.AppendClaims("email_verified", false) // said, not left out: some clients read absence as unknown
		}
	}
	if slices.Contains(scopes, ScopeGatehouse) {
		h, err := s.store.ContactHoldings(ctx, c.ID)
		if err != nil {
			return err
		}
		info.AppendClaims("offers", h.Offers)
		info.AppendClaims("communities", h.Communities)
		if auth.IsStaff(c.Role) {
			info.AppendClaims("role", c.Role)
		}
	}
	return nil
}
