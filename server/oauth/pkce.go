package oauth

import (
	"bytes"
	"io"
	"net/http"
	"net/url"

	"github.com/markbates/goth"
	"github.com/markbates/goth/providers/github"
	"github.com/markbates/goth/providers/microsoftonline"
)

// goth's GitHub and Microsoft sessions exchange the code with "code" alone, though both
// providers take PKCE with S256 (GitHub since July 2025). So the exchange goes through a copy of
// the provider whose HTTP client adds this sign-in's code_verifier to the token request: the
// POST with grant_type=authorization_code, and no other request. OpenID Connect providers need
// none of this: goth passes their verifier on.
func withVerifier(gp goth.Provider, base *http.Client, verifier string) goth.Provider {
	client := *base
	client.Transport = verifierTransport{base: base.Transport, verifier: verifier}
	switch p := gp.(type) {
	case *github.Provider:
		cp := *p
		cp.HTTPClient = &client
		return &cp
	case *microsoftonline.Provider:
		cp := *p
		cp.HTTPClient = &client
		return &cp
	}
	return gp
}

// verifierTransport adds a code_verifier to authorization-code token requests.
type verifierTransport struct {
	base     http.RoundTripper // nil: http.DefaultTransport
	verifier string
}

// A token request's form is a few hundred bytes; anything larger is passed on untouched.
const maxTokenForm = 64 << 10

func (t verifierTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.base
	if base == nil {
		base = http.DefaultTransport
	}
	if req.Method != http.MethodPost || req.Body == nil || req.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		return base.RoundTrip(req)
	}
	body, err := io.ReadAll(io.LimitReader(req.Body, maxTokenForm+1))
	_ = req.Body.Close()
	if err != nil {
		return nil, err
	}
	if form, err := url.ParseQuery(string(body)); err == nil && len(body) <= maxTokenForm && form.Get("grant_type") == "authorization_code" {
		form.Set("code_verifier", t.verifier)
		body = []byte(form.Encode())
	}
	out := req.Clone(req.Context()) // a RoundTripper must not change the caller's request
	out.Body, out.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	return base.RoundTrip(out)
}
