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

// A webhook secret whose key is empty, short or not base64 would let anyone sign fake bounce
// and complaint events (an empty HMAC key is public): refused at start.
func TestWebhookSecretNeedsARealKey(t *testing.T) {
	for _, secret := range []string{
		"whsec_",
		"whsec_c2hvcnQ=",                         // "short": 5 bytes
		"whsec_MDEyMzQ1Njc4OWFiY2RlZmdoaWprbG0=", // 23 bytes
		"whsec_not base64!",
	} {
		_, err := Load(env(map[string]string{"GATEHOUSE_RESEND_WEBHOOK_SECRET": secret}))
		if !IsError(err) || !strings.Contains(err.Error(), "GATEHOUSE_RESEND_WEBHOOK_SECRET") {
			t.Errorf("%q: want a config error naming the variable, got %v", secret, err)
		}
	}
	// Resend's secrets are 24 random bytes or more.
	for _, secret := range []string{"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_dGVzdC13ZWJob29rLXNpZ25pbmcta2V5LTAxMjM0NTY3"} {
		if _, err := Load(env(map[string]string{"GATEHOUSE_RESEND_WEBHOOK_SECRET": secret})); err != nil {
			t.Errorf("%q refused: %v", secret, err)
		}
	}
}

// Metrics are served on a listener of their own, loopback by default; set to "" they are off.
func TestMetricsAddr(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil || c.MetricsAddr != "127.0.0.1:9464" {
		t.Fatalf("default %q, %v", c.MetricsAddr, err)
	}
	lookup := func(m map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
	}
	c, err = LoadEnv(lookup(map[string]string{"GATEHOUSE_METRICS_ADDR": ""}))
	if err != nil || c.MetricsAddr != "" {
		t.Fatalf("set to empty: %q, %v", c.MetricsAddr, err)
	}
	for _, bad := range []string{"nonsense", "127.0.0.1:8080"} { // the second is the public listener
		if _, err := LoadEnv(lookup(map[string]string{"GATEHOUSE_METRICS_ADDR": bad})); !IsError(err) || !strings.Contains(err.Error(), "GATEHOUSE_METRICS_ADDR") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestMaxConnsPerIP(t *testing.T) {
	if c, err := Load(env(nil)); err != nil || c.MaxConnsPerIP != 64 {
		t.Fatalf("default: %v %v", c, err)
	}
	if c, err := Load(env(map[string]string{"GATEHOUSE_MAX_CONNS_PER_IP": "0"})); err != nil || c.MaxConnsPerIP != 0 {
		t.Fatalf("off: %v %v", c, err)
	}
	for _, bad := range []string{"-1", "many", "1000000"} {
		if _, err := Load(env(map[string]string{"GATEHOUSE_MAX_CONNS_PER_IP": bad})); !IsError(err) || !strings.Contains(err.Error(), "GATEHOUSE_MAX_CONNS_PER_IP") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
