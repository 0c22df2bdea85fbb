package oauth

import (
	"context"
	"errors"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/markbates/goth"
	"github.com/markbates/goth/providers/openidConnect"
)

// verifyIDToken checks the ID token of an authorized OpenID Connect session: signed by one of
// the provider's keys (fetched from its jwks_uri, refetched when a new key id appears), issued
// by it, for this client, not expired.
func (p *provider) verifyIDToken(ctx context.Context, sess goth.Session) (*oidc.IDToken, error) {
	s, ok := sess.(*openidConnect.Session)
	if !ok || s.IDToken == "" {
		return nil, errors.New("the provider sent none")
	}
	if p.idTokens == nil {
		return nil, errors.New("no key set for this provider")
	}
	return p.idTokens.Verify(ctx, s.IDToken)
}
