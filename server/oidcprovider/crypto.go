package oidcprovider

import "gatehouse/server/serverkey"

// sealer is op.Crypto on the server key: what the provider hands out as an opaque value (an
// authorization code, an access token) is the sealed id of a database row. Every instance
// opens what another sealed, and values sealed before a server key rotation keep opening
// with GATEHOUSE_SECRET_KEY_PREVIOUS until they expire.
type sealer struct{ ring *serverkey.Ring }

const sealedTokenContext = "oidc-opaque-token"

func (s sealer) Encrypt(plain string) (string, error) {
	return s.ring.Seal([]byte(plain), sealedTokenContext), nil
}

func (s sealer) Decrypt(sealed string) (string, error) {
	p, _, err := s.ring.Open(sealed, sealedTokenContext)
	return string(p), err
}
