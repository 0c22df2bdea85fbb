package config

import (
	"strings"
	"testing"
)

func TestOAuthProvidersFromEnvironment(t *testing.T) {
	c, err := Load(env(map[string]string{
		"GATEHOUSE_OAUTH_GOOGLE_CLIENT_ID": "g-id", "GATEHOUSE_OAUTH_GOOGLE_CLIENT_SECRET": "g-secret",
		"GATEHOUSE_OAUTH_MICROSOFT_CLIENT_ID": "m-id", "GATEHOUSE_OAUTH_MICROSOFT_CLIENT_SECRET": "m-secret",
		"GATEHOUSE_OAUTH_OIDC_DISCOVERY_URL": "https://id.example.com/.well-known/openid-configuration",
		"GATEHOUSE_OAUTH_OIDC_CLIENT_ID":     "o-id", "GATEHOUSE_OAUTH_OIDC_CLIENT_SECRET": "o-secret", "GATEHOUSE_OAUTH_OIDC_LABEL": "Okta",
	}))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range c.OAuth {
		got = append(got, p.Kind+":"+p.Name+":"+p.Label+":"+p.ClientID)
	}
	if strings.Join(got, " ") != "google:google:Google:g-id microsoft:microsoft:Microsoft:m-id oidc:oidc:Okta:o-id" {
		t.Fatalf("providers: %v", got)
	}
	if c.OAuth[0].DiscoveryURL != googleDiscovery {
		t.Fatalf("google discovery: %q", c.OAuth[0].DiscoveryURL)
	}
	if none, _ := Load(env(nil)); len(none.OAuth) != 0 {
		t.Fatalf("providers without configuration: %+v", none.OAuth)
	}
}

func TestOAuthMisconfigurationIsReported(t *testing.T) {
	_, err := Load(env(map[string]string{
		"GATEHOUSE_OAUTH_GITHUB_CLIENT_ID":   "only-the-id",
		"GATEHOUSE_OAUTH_OIDC_DISCOVERY_URL": "not a url", "GATEHOUSE_OAUTH_OIDC_CLIENT_ID": "x", "GATEHOUSE_OAUTH_OIDC_CLIENT_SECRET": "y",
		"GATEHOUSE_OAUTH_OIDC_NAME": "GitHub",
	}))
	if !IsError(err) {
		t.Fatalf("want a config error, got %v", err)
	}
	for _, want := range []string{"GATEHOUSE_OAUTH_GITHUB_CLIENT_SECRET", "GATEHOUSE_OAUTH_OIDC_DISCOVERY_URL", "GATEHOUSE_OAUTH_OIDC_NAME"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%s not reported in %q", want, err)
		}
	}
	_, err = Load(env(map[string]string{"GATEHOUSE_OAUTH_OIDC_CLIENT_ID": "x", "GATEHOUSE_OAUTH_OIDC_CLIENT_SECRET": "y"}))
	if err == nil || !strings.Contains(err.Error(), "GATEHOUSE_OAUTH_OIDC_DISCOVERY_URL is required") {
		t.Fatalf("missing discovery URL: %v", err)
	}
}
