// Package config reads Gatehouse's settings from the environment and validates them at start,
// reporting every problem at once.
package config

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gatehouse/server/clientip"
	"gatehouse/server/serverkey"
)

// Config is everything the server needs from its environment. Names of the variables are part
// of the stable interface (PRODUCT.md).
type Config struct {
	DatabaseURL string // DATABASE_URL; empty means the embedded PostgreSQL
	Addr        string // GATEHOUSE_ADDR
	// MetricsAddr serves /metrics, never the public listener (GATEHOUSE_METRICS_ADDR, default
	// 127.0.0.1:9464; set to "" it is off).
	MetricsAddr string
	PublicURL   *url.URL
	DataDir     string // GATEHOUSE_DATA_DIR

	ResendAPIKey        string // GATEHOUSE_RESEND_API_KEY; empty means capture email locally
	ResendBaseURL       string // GATEHOUSE_RESEND_BASE_URL
	ResendWebhookSecret string // GATEHOUSE_RESEND_WEBHOOK_SECRET
	MailFrom            string // GATEHOUSE_MAIL_FROM
	// ResendRate is the provider's request limit per second, shared by every instance
	// (GATEHOUSE_RESEND_RATE, default 2); EmailMaxAttempts bounds retries of one send
	// (GATEHOUSE_EMAIL_MAX_ATTEMPTS, default 8).
	ResendRate       float64
	EmailMaxAttempts int

	OwnerEmail     string           // GATEHOUSE_OWNER_EMAIL: the first owner account created on an empty database
	TrustedProxies clientip.Proxies // GATEHOUSE_TRUSTED_PROXIES: IPs/CIDRs whose X-Forwarded-For is believed
	// MaxConnsPerIP caps the connections open at once from one client address, an IPv6 /64,
	// trusted proxies excepted (GATEHOUSE_MAX_CONNS_PER_IP, default 64; 0 turns it off).
	MaxConnsPerIP int
	LogLevel      string        // GATEHOUSE_LOG_LEVEL: debug, info, warn, error
	ShutdownGrace time.Duration // GATEHOUSE_SHUTDOWN_TIMEOUT
	// JobRescueAfter is how long a job may look running before another instance runs it
	// again (its instance died): GATEHOUSE_JOB_RESCUE_AFTER, seconds, default 300. A job
	// times out after half of it (at most 2 minutes), so a slow job is never run twice.
	JobRescueAfter time.Duration

	OAuth []OAuthProvider // GATEHOUSE_OAUTH_*: the sign-in providers enabled, in button order

	// SecretKey is the server key (GATEHOUSE_SECRET_KEY, base64 of 32+ random bytes); empty
	// with the embedded database means the key kept in the data folder. SecretKeyPrevious
	// (GATEHOUSE_SECRET_KEY_PREVIOUS, comma-separated) still opens what the old keys sealed.
	SecretKey         string
	SecretKeyPrevious []string

	// WebhooksAllowPrivate (GATEHOUSE_WEBHOOKS_ALLOW_PRIVATE=true) lets outbound webhooks reach
	// http URLs and private, loopback and link-local addresses: for tests and closed networks.
	WebhooksAllowPrivate bool
}

// Error lists every problem found in the environment.
type Error struct{ Problems []string }

func (e *Error) Error() string {
	return "config: " + strings.Join(e.Problems, "; ")
}

// Load reads the configuration through getenv (a map in tests) and validates it. A variable
// set to "" counts as unset here; LoadEnv tells the two apart.
func Load(getenv func(string) string) (*Config, error) {
	return LoadEnv(func(k string) (string, bool) { v := getenv(k); return v, v != "" })
}

// LoadEnv is Load through lookup (os.LookupEnv in main), for the variables where set-but-empty
// means off (GATEHOUSE_METRICS_ADDR).
func LoadEnv(lookup func(string) (string, bool)) (*Config, error) {
	getenv := func(k string) string { v, _ := lookup(k); return v }
	get := func(name, fallback string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		return fallback
	}
	var problems []string
	c := &Config{
		DatabaseURL:         get("DATABASE_URL", ""),
		Addr:                get("GATEHOUSE_ADDR", "127.0.0.1:8080"),
		DataDir:             get("GATEHOUSE_DATA_DIR", "./data"),
		ResendAPIKey:        get("GATEHOUSE_RESEND_API_KEY", ""),
		ResendBaseURL:       get("GATEHOUSE_RESEND_BASE_URL", "https://api.resend.com/"),
		ResendWebhookSecret: get("GATEHOUSE_RESEND_WEBHOOK_SECRET", ""),
		MailFrom:            get("GATEHOUSE_MAIL_FROM", "no-reply@localhost"), // no name: the portal's is used
		OwnerEmail:          get("GATEHOUSE_OWNER_EMAIL", "owner@example.com"),
		LogLevel:            strings.ToLower(get("GATEHOUSE_LOG_LEVEL", "info")),
	}
	var err error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		problems = append(problems, fmt.Sprintf("GATEHOUSE_ADDR %q is not host:port", c.Addr))
	}
	c.MetricsAddr = "127.0.0.1:9464"
	if v, ok := lookup("GATEHOUSE_METRICS_ADDR"); ok {
		c.MetricsAddr = strings.TrimSpace(v)
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			problems = append(problems, fmt.Sprintf("GATEHOUSE_METRICS_ADDR %q is not host:port (or set it to \"\" to turn metrics off)", c.MetricsAddr))
		} else if c.MetricsAddr == c.Addr {
			problems = append(problems, "GATEHOUSE_METRICS_ADDR must differ from GATEHOUSE_ADDR: metrics are never served on the public listener")
		}
	}
	public := get("GATEHOUSE_PUBLIC_URL", "http://"+c.Addr)
	if u, err := url.Parse(public); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		problems = append(problems, fmt.Sprintf("GATEHOUSE_PUBLIC_URL %q must be an absolute http(s) URL", public))
	} else {
		u.Path = strings.TrimSuffix(u.Path, "/")
		c.PublicURL = u
	}
	if c.DatabaseURL != "" {
		if u, err := url.Parse(c.DatabaseURL); err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			problems = append(problems, "DATABASE_URL must be a postgres:// URL")
		}
	}
	if u, err := url.Parse(c.ResendBaseURL); err != nil || u.Host == "" {
		problems = append(problems, fmt.Sprintf("GATEHOUSE_RESEND_BASE_URL %q is not an absolute URL", c.ResendBaseURL))
	} else if !strings.HasSuffix(c.ResendBaseURL, "/") {
		// resend-go resolves relative paths against it: without the slash a path prefix is lost.
		c.ResendBaseURL += "/"
	}
	if s := c.ResendWebhookSecret; s != "" {
		if p := checkWebhookSecret(s); p != "" {
			problems = append(problems, "GATEHOUSE_RESEND_WEBHOOK_SECRET "+p)
		}
	}
	if _, err := mail.ParseAddress(c.MailFrom); err != nil {
		problems = append(problems, fmt.Sprintf("GATEHOUSE_MAIL_FROM %q is not an email address (\"Name <addr@domain>\" or \"addr@domain\")", c.MailFrom))
	}
	if a, err := mail.ParseAddress(c.OwnerEmail); err != nil || a.Address != c.OwnerEmail {
		problems = append(problems, fmt.Sprintf("GATEHOUSE_OWNER_EMAIL %q is not a plain email address", c.OwnerEmail))
	}
	var proxies []string
	for _, p := range strings.Split(get("GATEHOUSE_TRUSTED_PROXIES", ""), ",") {
		if _, err := clientip.ParseProxies([]string{p}); err != nil {
			problems = append(problems, fmt.Sprintf("GATEHOUSE_TRUSTED_PROXIES: %q is neither an IP nor a CIDR", strings.TrimSpace(p)))
			continue
		}
		proxies = append(proxies, p)
	}
	c.TrustedProxies, _ = clientip.ParseProxies(proxies) // each entry parsed above
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		problems = append(problems, fmt.Sprintf("GATEHOUSE_LOG_LEVEL %q must be debug, info, warn or error", c.LogLevel))
	}
	if c.ResendRate, err = strconv.ParseFloat(get("GATEHOUSE_RESEND_RATE", "2"), 64); err != nil || c.ResendRate <= 0 || c.ResendRate > 1000 {
		problems = append(problems, "GATEHOUSE_RESEND_RATE must be requests per second, above 0 (Resend's default limit is 2)")
	}
	if c.EmailMaxAttempts, err = strconv.Atoi(get("GATEHOUSE_EMAIL_MAX_ATTEMPTS", "8")); err != nil || c.EmailMaxAttempts < 1 || c.EmailMaxAttempts > 50 {
		problems = append(problems, "GATEHOUSE_EMAIL_MAX_ATTEMPTS must be a whole number from 1 to 50")
	}
	if c.MaxConnsPerIP, err = strconv.Atoi(get("GATEHOUSE_MAX_CONNS_PER_IP", "64")); err != nil || c.MaxConnsPerIP < 0 || c.MaxConnsPerIP > 100_000 {
		problems = append(problems, "GATEHOUSE_MAX_CONNS_PER_IP must be a whole number from 0 (no cap) to 100000")
	}
	grace, err := strconv.Atoi(get("GATEHOUSE_SHUTDOWN_TIMEOUT", "20"))
	if err != nil || grace < 1 {
		problems = append(problems, "GATEHOUSE_SHUTDOWN_TIMEOUT must be a whole number of seconds ≥ 1")
	}
	c.ShutdownGrace = time.Duration(grace) * time.Second
	rescue, err := strconv.Atoi(get("GATEHOUSE_JOB_RESCUE_AFTER", "300"))
	if err != nil || rescue < 10 || rescue > 86400 {
		problems = append(problems, "GATEHOUSE_JOB_RESCUE_AFTER must be a whole number of seconds from 10 to 86400")
	}
	c.JobRescueAfter = time.Duration(rescue) * time.Second
	c.SecretKey = get("GATEHOUSE_SECRET_KEY", "")
	switch {
	case c.SecretKey == "" && c.DatabaseURL != "":
		problems = append(problems, "GATEHOUSE_SECRET_KEY is required with DATABASE_URL (every instance must share it): make one with `openssl rand -base64 32`")
	case c.SecretKey != "":
		if _, err := serverkey.Decode(c.SecretKey); err != nil {
			problems = append(problems, "GATEHOUSE_SECRET_KEY: "+err.Error())
		}
	}
	for i, k := range strings.Split(get("GATEHOUSE_SECRET_KEY_PREVIOUS", ""), ",") {
		if k = strings.TrimSpace(k); k == "" {
			continue
		}
		if _, err := serverkey.Decode(k); err != nil {
			problems = append(problems, fmt.Sprintf("GATEHOUSE_SECRET_KEY_PREVIOUS (key %d): %s", i+1, err))
			continue
		}
		c.SecretKeyPrevious = append(c.SecretKeyPrevious, k)
	}
	switch v := strings.ToLower(get("GATEHOUSE_WEBHOOKS_ALLOW_PRIVATE", "false")); v {
	case "true", "1", "yes":
		c.WebhooksAllowPrivate = true
	case "false", "0", "no":
	default:
		problems = append(problems, fmt.Sprintf("GATEHOUSE_WEBHOOKS_ALLOW_PRIVATE %q must be true or false", v))
	}
	var oauthProblems []string
	c.OAuth, oauthProblems = loadOAuth(get)
	problems = append(problems, oauthProblems...)
	if len(problems) > 0 {
		return nil, &Error{Problems: problems}
	}
	return c, nil
}

// minWebhookKey is the shortest signing key accepted: Resend's are 24 random bytes or more, and
// a short or empty HMAC key lets anyone sign fake bounce and complaint events.
const minWebhookKey = 24

// checkWebhookSecret says what is wrong with a Svix signing secret ("whsec_" + base64 key).
func checkWebhookSecret(s string) string {
	raw, ok := strings.CutPrefix(s, "whsec_")
	if !ok {
		return "must be the whsec_… signing secret from Resend"
	}
	key, err := base64.StdEncoding.DecodeString(raw)
	if err != nil {
		return "is not whsec_ followed by base64: copy the whole signing secret from Resend"
	}
	if len(key) < minWebhookKey {
		return fmt.Sprintf("holds a %d-byte key; a signing secret from Resend holds at least %d", len(key), minWebhookKey)
	}
	return ""
}

// IsError reports whether err is a configuration error (as opposed to a failure to start).
func IsError(err error) bool {
	var e *Error
	return errors.As(err, &e)
}

// Secure reports whether the portal is served over https (cookies get __Host- and Secure).
func (c *Config) Secure() bool { return c.PublicURL.Scheme == "https" }

// ServerKey returns the server key ring: the configured key, or with the embedded database the
// key kept in the data folder (made on the first start).
func (c *Config) ServerKey() (*serverkey.Ring, error) {
	k := c.SecretKey
	if k == "" {
		var err error
		if k, err = serverkey.LoadOrCreate(filepath.Join(c.DataDir, "secret.key")); err != nil {
			return nil, err
		}
	}
	return serverkey.Parse(k, c.SecretKeyPrevious...)
}
