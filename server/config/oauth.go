package config

import (
	"fmt"
	"net/url"
	"regexp"
)

// OAuthProvider is one sign-in provider the business enabled.
type OAuthProvider struct {
	Kind         string // google, github, microsoft or oidc
	Name         string // the path segment: /auth/{Name}
	Label        string // the button text: "Continue with {Label}"
	ClientID     string
	ClientSecret string
	DiscoveryURL string // OpenID Connect discovery document (google and oidc)
}

const googleDiscovery = "https://accounts.google.com/.well-known/openid-configuration"

var providerName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,31}$`)

// loadOAuth reads GATEHOUSE_OAUTH_{GOOGLE,GITHUB,MICROSOFT}_CLIENT_ID/_CLIENT_SECRET and the
// generic GATEHOUSE_OAUTH_OIDC_* provider. A provider is on when its client id is set.
func loadOAuth(get func(name, fallback string) string) ([]OAuthProvider, []string) {
	var out []OAuthProvider
	var problems []string
	pair := func(prefix string) (string, string, bool) {
		id, secret := get(prefix+"_CLIENT_ID", ""), get(prefix+"_CLIENT_SECRET", "")
		if id == "" && secret == "" {
			return "", "", false
		}
		if id == "" || secret == "" {
			problems = append(problems, fmt.Sprintf("%s_CLIENT_ID and %s_CLIENT_SECRET must be set together", prefix, prefix))
			return "", "", false
		}
		return id, secret, true
	}
	builtin := []struct{ kind, env, label, discovery string }{
		{"google", "GOOGLE", "Google", googleDiscovery}, {"github", "GITHUB", "GitHub", ""}, {"microsoft", "MICROSOFT", "Microsoft", ""},
	}
	for _, b := range builtin {
		if id, secret, ok := pair("GATEHOUSE_OAUTH_" + b.env); ok {
			out = append(out, OAuthProvider{Kind: b.kind, Name: b.kind, Label: b.label, ClientID: id, ClientSecret: secret, DiscoveryURL: b.discovery})
		}
	}
	discovery := get("GATEHOUSE_OAUTH_OIDC_DISCOVERY_URL", "")
	id, secret, ok := pair("GATEHOUSE_OAUTH_OIDC")
	switch {
	case ok && discovery == "":
		problems = append(problems, "GATEHOUSE_OAUTH_OIDC_DISCOVERY_URL is required with GATEHOUSE_OAUTH_OIDC_CLIENT_ID")
	case !ok && discovery != "":
		problems = append(problems, "GATEHOUSE_OAUTH_OIDC_DISCOVERY_URL needs GATEHOUSE_OAUTH_OIDC_CLIENT_ID and _CLIENT_SECRET")
	case ok:
		name := get("GATEHOUSE_OAUTH_OIDC_NAME", "oidc")
		if u, err := url.Parse(discovery); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			problems = append(problems, fmt.Sprintf("GATEHOUSE_OAUTH_OIDC_DISCOVERY_URL %q must be an absolute http(s) URL", discovery))
		}
		if !providerName.MatchString(name) || name == "google" || name == "github" || name == "microsoft" {
			problems = append(problems, fmt.Sprintf("GATEHOUSE_OAUTH_OIDC_NAME %q must be lower-case letters, digits and dashes, and not a built-in provider's name", name))
		}
		out = append(out, OAuthProvider{Kind: "oidc", Name: name, Label: get("GATEHOUSE_OAUTH_OIDC_LABEL", "Single sign-on"),
			ClientID: id, ClientSecret: secret, DiscoveryURL: discovery})
	}
	return out, problems
}
