package config

import (
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaults(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.PublicURL.String() != "http://127.0.0.1:8080" || c.DataDir != "./data" {
		t.Fatalf("defaults: %+v", c)
	}
	if c.ResendAPIKey != "" || c.Secure() {
		t.Fatal("local defaults must capture email and serve plain http")
	}
}

func TestEveryProblemListedAtOnce(t *testing.T) {
	_, err := Load(env(map[string]string{
		"GATEHOUSE_ADDR":                  "nonsense",
		"GATEHOUSE_PUBLIC_URL":            "ftp://x",
		"DATABASE_URL":                    "mysql://x",
		"GATEHOUSE_MAIL_FROM":             "not an address",
		"GATEHOUSE_RESEND_WEBHOOK_SECRET": "plain",
		"GATEHOUSE_TRUSTED_PROXIES":       "10.0.0.0/8, bogus",
		"GATEHOUSE_LOG_LEVEL":             "loud",
	}))
	if !IsError(err) {
		t.Fatalf("want a config error, got %v", err)
	}
	for _, name := range []string{"GATEHOUSE_ADDR", "GATEHOUSE_PUBLIC_URL", "DATABASE_URL", "GATEHOUSE_MAIL_FROM",
		"GATEHOUSE_RESEND_WEBHOOK_SECRET", "GATEHOUSE_TRUSTED_PROXIES", "GATEHOUSE_LOG_LEVEL"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("%s not reported in %q", name, err)
		}
	}
}

func TestResendBaseURLGetsTrailingSlash(t *testing.T) {
	c, err := Load(env(map[string]string{"GATEHOUSE_RESEND_BASE_URL": "http://127.0.0.1:9/v1", "GATEHOUSE_PUBLIC_URL": "https://portal.example.com/"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.ResendBaseURL != "http://127.0.0.1:9/v1/" || c.PublicURL.String() != "https://portal.example.com" || !c.Secure() {
		t.Fatalf("%q %q", c.ResendBaseURL, c.PublicURL)
	}
}

func TestServerKeyRequiredWithDatabaseURL(t *testing.T) {
	_, err := Load(env(map[string]string{"DATABASE_URL": "postgres://db/gatehouse"}))
	if !IsError(err) || !strings.Contains(err.Error(), "GATEHOUSE_SECRET_KEY is required") {
		t.Fatalf("want GATEHOUSE_SECRET_KEY required, got %v", err)
	}
	_, err = Load(env(map[string]string{"DATABASE_URL": "postgres://db/gatehouse", "GATEHOUSE_SECRET_KEY": "c2hvcnQ="}))
	if !IsError(err) || !strings.Contains(err.Error(), "at least 32") {
		t.Fatalf("a 5-byte key must be refused, got %v", err)
	}
	c, err := Load(env(map[string]string{"DATABASE_URL": "postgres://db/gatehouse",
		"GATEHOUSE_SECRET_KEY": "q0ePyJ8rQjmIMHoyY4NKe8TZ3rs9S0YN1/Xk8mzL8Hg=", "GATEHOUSE_SECRET_KEY_PREVIOUS": "lDTsOfbQyHC_VFrTVPfYdZ1G2FTrRJDRQRnbvlCxhhM"}))
	if err != nil || len(c.SecretKeyPrevious) != 1 {
		t.Fatalf("a 32-byte key (and a previous one in URL base64) must be accepted: %v", err)
	}
}

func TestServerKeyKeptInTheDataFolder(t *testing.T) {
	dir := t.TempDir()
	c, err := Load(env(map[string]string{"GATEHOUSE_DATA_DIR": dir}))
	if err != nil {
		t.Fatal(err)
	}
	first, err := c.ServerKey()
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.ServerKey()
	if err != nil || again.ID() != first.ID() {
		t.Fatalf("the second start must read the same key: %v", err)
	}
}
