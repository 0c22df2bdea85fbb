// Package apikeys issues and checks the keys of the machine API (/api/v1). A key is 32 random
// bytes after a fixed "gatehouse_" prefix, so secret scanners can recognise a leaked one; it is
// shown once and stored as its SHA-256 (a fast hash suffices for a long random string, and a
// slow one such as argon2 would cap a busy integration at a few calls per second per core).
// Each key has scopes, a rate limit counted in PostgreSQL (shared by every instance), and acts
// under its own name in the audit log.
package apikeys

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gatehouse/server/access"
	"gatehouse/server/store"
)

// Prefix starts every key.
const Prefix = "gatehouse_"

// Scopes: what a key may do. The catalog (offers, communities) is readable with any key.
const (
	ContactsRead     = "contacts:read"     // read contacts with their offers, communities and access status
	ContactsWrite    = "contacts:write"    // create and update contacts (upsert by email)
	OffersGrant      = "offers:grant"      // grant and revoke offers, add to and remove from communities
	CredentialsSend  = "credentials:send"  // email a reset link, resend an offer's welcome email
	CredentialsLinks = "credentials:links" // create a copyable access link: the answer is a live sign-in URL
	EmailsRead       = "emails:read"       // read a contact's emails and their delivery timelines
)

// Scopes lists every scope, in the order forms show them.
var Scopes = []string{ContactsRead, ContactsWrite, OffersGrant, CredentialsSend, CredentialsLinks, EmailsRead}

// Errors the API answers 401 (a key that is not one of ours, or no longer).
var (
	ErrInvalidKey = errors.New("apikeys: unknown key")
	ErrRevoked    = errors.New("apikeys: the key was revoked")
)

// InvalidError lists field problems in a new key.
type InvalidError struct{ Fields map[string]string }

func (e *InvalidError) Error() string { return "apikeys: invalid input" }

// RateLimitedError means the key used its calls for this minute.
type RateLimitedError struct{ RetryAfter time.Duration }

func (e *RateLimitedError) Error() string { return "apikeys: rate limited" }

// DefaultRatePerMinute is a key's limit unless its creator chose one.
const DefaultRatePerMinute = 600

// Service creates, lists, revokes and checks keys.
type Service struct {
	store *store.Store
	now   func() time.Time
}

// New returns the service.
func New(st *store.Store, now func() time.Time) *Service { return &Service{store: st, now: now} }

// NewKey is what an admin fills in.
type NewKey struct {
	Name          string
	Scopes        []string
	RatePerMinute *int // nil: DefaultRatePerMinute
}

// Create issues a key and returns it with the full secret, which is never available again.
func (s *Service) Create(ctx context.Context, a access.Actor, in NewKey) (store.APIKey, string, error) {
	k := store.APIKey{Name: strings.TrimSpace(in.Name), Scopes: in.Scopes, RatePerMinute: DefaultRatePerMinute,
		CreatedBy: a.ID, CreatedByEmail: a.Email, CreatedAt: s.now()}
	if in.RatePerMinute != nil {
		k.RatePerMinute = *in.RatePerMinute
	}
	if fields := validate(k); len(fields) > 0 {
		return k, "", &InvalidError{Fields: fields}
	}
	raw := generate()
	k.KeyHash, k.Prefix = Hash(raw), raw[:len(Prefix)+6]
	err := s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.CreateAPIKey(ctx, &k); err != nil {
			return err
		}
		return access.AuditAt(ctx, tx, a, "api_key.create", target(k), map[string]any{"scopes": k.Scopes, "prefix": k.Prefix}, s.now())
	})
	return k, raw, err
}

// Revoke ends a key at once: its next call is refused.
func (s *Service) Revoke(ctx context.Context, a access.Actor, id string) error {
	return s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		k, err := tx.RevokeAPIKey(ctx, id, s.now())
		if err != nil {
			return err
		}
		return access.AuditAt(ctx, tx, a, "api_key.revoke", target(k), map[string]any{"prefix": k.Prefix}, s.now())
	})
}

// List returns a page of keys, newest first.
func (s *Service) List(ctx context.Context, p store.Page) ([]store.APIKey, error) {
	return s.store.ListAPIKeys(ctx, p)
}

// Authenticate returns the live key for raw and notes its use.
func (s *Service) Authenticate(ctx context.Context, raw string) (store.APIKey, error) {
	if !strings.HasPrefix(raw, Prefix) || len(raw) > 200 {
		return store.APIKey{}, ErrInvalidKey
	}
	k, err := s.store.APIKeyByHash(ctx, Hash(raw))
	if errors.Is(err, store.ErrNotFound) {
		return k, ErrInvalidKey
	}
	if err != nil {
		return k, err
	}
	if !k.RevokedAt.IsZero() {
		return k, ErrRevoked
	}
	return k, s.store.TouchAPIKey(ctx, k.ID, s.now())
}

// Allow counts one call against the key's limit for the current minute.
func (s *Service) Allow(ctx context.Context, k store.APIKey) error {
	now := s.now()
	n, ends, err := s.store.Hit(ctx, "apikey:"+k.ID, time.Minute, now)
	if err != nil {
		return err
	}
	if n > k.RatePerMinute {
		return &RateLimitedError{RetryAfter: max(ends.Sub(now), time.Second)}
	}
	return nil
}

// Has reports whether k carries scope.
func Has(k store.APIKey, scope string) bool { return slices.Contains(k.Scopes, scope) }

// Actor is who acts when a key calls: the key, under its name.
func Actor(k store.APIKey, ip, userAgent string) access.Actor {
	return access.Actor{Kind: access.KindAPI, Ref: k.ID, Label: k.Name, IP: ip, UserAgent: userAgent}
}

// Hash is how a key is stored and looked up.
func Hash(raw string) []byte {
	sum := sha256.Sum256([]byte(raw))
	return sum[:]
}

func generate() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("apikeys: no randomness: " + err.Error())
	}
	return Prefix + base64.RawURLEncoding.EncodeToString(b)
}

func target(k store.APIKey) access.Target {
	return access.Target{Type: "api_key", ID: k.ID, Label: k.Name}
}

// validate checks a new key: a name, known scopes (at least one, each once), a sane limit.
func validate(k store.APIKey) map[string]string {
	fields := map[string]string{}
	if n := utf8.RuneCountInString(k.Name); n == 0 || n > 100 || strings.ContainsAny(k.Name, "\r\n") {
		fields["name"] = "Give the key a name of at most 100 characters on one line."
	}
	seen := map[string]bool{}
	for _, sc := range k.Scopes {
		if !slices.Contains(Scopes, sc) || seen[sc] {
			fields["scopes"] = "Choose scopes from: " + strings.Join(Scopes, ", ") + " (each once)."
		}
		seen[sc] = true
	}
	if len(k.Scopes) == 0 {
		fields["scopes"] = "Choose at least one scope."
	}
	if k.RatePerMinute < 1 || k.RatePerMinute > 100000 {
		fields["rate_per_minute"] = "Choose from 1 to 100,000 calls per minute."
	}
	return fields
}
