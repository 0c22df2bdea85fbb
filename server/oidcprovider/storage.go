package oidcprovider

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"log/slog"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"

	"gatehouse/server/store"
)

// storage is op.Storage on PostgreSQL. Everything it hands out is a row: authorization
// requests, codes (their hashes), access tokens (opaque: the sealed row id) and refresh tokens
// (random, their hashes), so every instance sees the same state and a revocation is at once.
type storage struct {
	store    *store.Store
	keys     *Keys
	now      func() time.Time
	loginURL string
	log      *slog.Logger
}

var _ op.Storage = (*storage)(nil)

// serverFault marks a database failure, so op answers server_error (500/503) and not as if
// the client were at fault.
func serverFault(err error) error {
	if err == nil || errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrCodeReused) || errors.Is(err, store.ErrRefreshReplayed) {
		return err
	}
	return oidc.ErrServerError().WithParent(err)
}

func hashOf(s string) []byte {
	sum := sha256.Sum256([]byte(s))
	return sum[:]
}

// GetClientByClientID returns the app with this client id; an unknown id is a plain error.
func (s *storage) GetClientByClientID(ctx context.Context, clientID string) (op.Client, error) {
	a, err := s.store.AppByClientID(ctx, clientID)
	if err != nil {
		return nil, serverFault(err)
	}
	return client{app: a, loginURL: s.loginURL}, nil
}

// AuthorizeClientIDSecret checks a confidential client's secret against its SHA-256 (client
// secrets are 256-bit random values: a fast hash is enough, SECURITY.md).
func (s *storage) AuthorizeClientIDSecret(ctx context.Context, clientID, secret string) error {
	a, err := s.store.AppByClientID(ctx, clientID)
	if err != nil {
		return serverFault(err)
	}
	if a.Public() || secret == "" || subtle.ConstantTimeCompare(hashOf(secret), a.ClientSecretHash) != 1 {
		return errors.New("oidcprovider: wrong client secret")
	}
	return nil
}

// CreateAuthRequest stores a validated authorization request. PKCE: a public client must send
// an S256 challenge; "plain" is refused for everyone (it protects nothing against an attacker
// who sees the authorization request).
func (s *storage) CreateAuthRequest(ctx context.Context, req *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	a, err := s.store.AppByClientID(ctx, req.ClientID)
	if err != nil {
		return nil, serverFault(err)
	}
	method := req.CodeChallengeMethod
	if req.CodeChallenge != "" && method != oidc.CodeChallengeMethodS256 {
		return nil, oidc.ErrInvalidRequest().WithDescription("code_challenge_method must be S256")
	}
	if a.Public() && req.CodeChallenge == "" {
		return nil, oidc.ErrInvalidRequest().WithDescription("this client must use PKCE (code_challenge with S256)")
	}
	now := s.now()
	r := store.AuthRequest{
		AppID: a.ID, ClientID: a.ClientID, RedirectURI: req.RedirectURI, Scopes: req.Scopes, State: req.State,
		Nonce: req.Nonce, ResponseType: string(req.ResponseType), ResponseMode: string(req.ResponseMode),
		CodeChallenge: req.CodeChallenge, CodeChallengeMethod: string(method), Prompt: req.Prompt,
		CreatedAt: now, ExpiresAt: now.Add(AuthRequestLifetime),
	}
	if req.MaxAge != nil {
		v := int(min(*req.MaxAge, 1<<30))
		r.MaxAgeSeconds = &v
	}
	if err := s.store.CreateAuthRequest(ctx, &r); err != nil {
		return nil, serverFault(err)
	}
	return authRequest{r}, nil
}

func (s *storage) AuthRequestByID(ctx context.Context, id string) (op.AuthRequest, error) {
	r, err := s.store.AuthRequestByID(ctx, id, s.now())
	if err != nil {
		return nil, serverFault(err)
	}
	return authRequest{r}, nil
}

// AuthRequestByCode uses the code up (it works once). A code presented again revokes the
// tokens its first exchange minted, as RFC 6749 (4.1.2) asks.
func (s *storage) AuthRequestByCode(ctx context.Context, code string) (op.AuthRequest, error) {
	r, err := s.store.ClaimAuthCode(ctx, hashOf(code), s.now())
	if errors.Is(err, store.ErrCodeReused) {
		s.log.Warn("oidc: authorization code replayed; its tokens were revoked", "client_id", r.ClientID, "auth_request_id", r.ID)
	}
	if err != nil {
		return nil, serverFault(err)
	}
	return authRequest{r}, nil
}

func (s *storage) SaveAuthCode(ctx context.Context, id, code string) error {
	return serverFault(s.store.SaveAuthCode(ctx, id, hashOf(code), s.now().Add(CodeLifetime)))
}

// DeleteAuthRequest keeps the row: the code stays known (used) until the request expires, so a
// replay is recognised and answered by revoking what the code minted. Housekeeping deletes it.
func (s *storage) DeleteAuthRequest(context.Context, string) error { return nil }

// TerminateSession is the app's own sign-out (RP-initiated logout): the tokens the app holds
// for the contact are revoked. The portal session is ended by the handler, which knows the
// browser.
func (s *storage) TerminateSession(ctx context.Context, userID, clientID string) error {
	if userID == "" || clientID == "" {
		return nil
	}
	a, err := s.store.AppByClientID(ctx, clientID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return serverFault(err)
	}
	_, err = s.store.RevokeAppContactTokens(ctx, a.ID, userID, s.now())
	return serverFault(err)
}

func (s *storage) SigningKey(ctx context.Context) (op.SigningKey, error) {
	k, err := s.keys.Signing(ctx)
	return k, serverFault(err)
}

func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}

func (s *storage) KeySet(ctx context.Context) ([]op.Key, error) {
	k, err := s.keys.Published(ctx)
	return k, serverFault(err)
}

// errUnsupported answers the grants Gatehouse does not offer (JWT profile, private_key_jwt).
var errUnsupported = errors.New("oidcprovider: not supported")

func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, oidc.ErrUnauthorizedClient().WithParent(errUnsupported)
}

func (s *storage) ValidateJWTProfileScopes(context.Context, string, []string) ([]string, error) {
	return nil, oidc.ErrUnauthorizedClient().WithParent(errUnsupported)
}

func (s *storage) Health(ctx context.Context) error { return s.store.Ping(ctx) }
