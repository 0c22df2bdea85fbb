package oidcprovider

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/op"

	"gatehouse/server/serverkey"
	"gatehouse/server/store"
)

// Key lifetimes. A key signs for RotateEvery; its successor is published PrePublish before it
// starts signing (so relying parties that cache the key set, and other instances that cache
// it for cacheFor, know it first), and a retired key stays published for KeepPublished: far
// longer than the ID tokens it signed live, and long enough for an id_token_hint at sign-out.
const (
	RotateEvery   = 30 * 24 * time.Hour
	PrePublish    = 2 * time.Hour
	KeepPublished = 24 * time.Hour
	cacheFor      = time.Minute
	rsaBits       = 2048
)

// Keys manages the provider's RS256 signing keys in PostgreSQL, private halves sealed with
// the server key. Each instance keeps the current key and the key set in memory for a minute.
type Keys struct {
	store *store.Store
	ring  *serverkey.Ring
	now   func() time.Time
	log   *slog.Logger

	mu            sync.Mutex
	signer        *signingKey
	signerUntil   time.Time
	published     []op.Key
	publishedTill time.Time
}

// NewKeys returns the key manager.
func NewKeys(st *store.Store, ring *serverkey.Ring, now func() time.Time, log *slog.Logger) *Keys {
	return &Keys{store: st, ring: ring, now: now, log: log}
}

func sealContext(id string) string { return "oidc-signing-key:" + id }

// Rotate makes sure a key signs now, publishes the next one ahead of its turn when the current
// one is due, retires the keys it replaced and forgets the long-retired ones. It runs at start
// and every hour (a River periodic job); the advisory lock makes concurrent runs take turns.
func (k *Keys) Rotate(ctx context.Context) error {
	err := k.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.LockSigningKeys(ctx); err != nil {
			return err
		}
		now := k.now()
		keys, err := tx.SigningKeys(ctx)
		if err != nil {
			return err
		}
		var current *store.SigningKey // the newest key already signing
		pending := false              // a successor is published, waiting for its turn
		for i := range keys {
			if !keys[i].ActiveFrom.After(now) {
				current = &keys[i]
				break
			}
			pending = true
		}
		switch {
		case current == nil && !pending:
			if current, err = k.add(ctx, tx, now); err != nil {
				return err
			}
		case current != nil && !pending && now.Sub(current.ActiveFrom) >= RotateEvery-PrePublish:
			if _, err := k.add(ctx, tx, now.Add(PrePublish)); err != nil {
				return err
			}
		}
		if current != nil {
			if err := tx.RetireSigningKeys(ctx, current.ID, current.ActiveFrom, now, now.Add(KeepPublished)); err != nil {
				return err
			}
		}
		return tx.PruneSigningKeys(ctx, now)
	})
	k.forget()
	return err
}

// add generates a key that signs from activeFrom.
func (k *Keys) add(ctx context.Context, tx *store.Store, activeFrom time.Time) (*store.SigningKey, error) {
	priv, err := rsa.GenerateKey(rand.Reader, rsaBits)
	if err != nil {
		return nil, fmt.Errorf("oidcprovider: generate key: %w", err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&priv.PublicKey)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(pub)
	id := base64.RawURLEncoding.EncodeToString(sum[:12])
	sk := &store.SigningKey{ID: id, Algorithm: string(jose.RS256), PublicKey: pub,
		PrivateKeySealed: k.ring.Seal(der, sealContext(id)), CreatedAt: k.now(), ActiveFrom: activeFrom}
	if err := tx.AddSigningKey(ctx, sk); err != nil {
		return nil, err
	}
	k.log.Info("oidc signing key added", "kid", id, "active_from", activeFrom)
	return sk, nil
}

func (k *Keys) forget() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.signer, k.published = nil, nil
}

// errNoKey means no key signs yet: Rotate has not run (it runs at start).
var errNoKey = errors.New("oidcprovider: no signing key; the key rotation has not run")

// Signing returns the key that signs now.
func (k *Keys) Signing(ctx context.Context) (op.SigningKey, error) {
	now := k.now()
	k.mu.Lock()
	if k.signer != nil && now.Before(k.signerUntil) {
		s := k.signer
		k.mu.Unlock()
		return s, nil
	}
	k.mu.Unlock()
	keys, err := k.store.SigningKeys(ctx)
	if err != nil {
		return nil, err
	}
	for _, sk := range keys {
		if sk.ActiveFrom.After(now) {
			continue
		}
		s, err := k.open(ctx, sk)
		if err != nil {
			return nil, err
		}
		k.mu.Lock()
		k.signer, k.signerUntil = s, now.Add(cacheFor)
		k.mu.Unlock()
		return s, nil
	}
	return nil, errNoKey
}

// open unseals a private key, sealing it again under the current server key if it was
// sealed under a previous one (the server key is being rotated).
func (k *Keys) open(ctx context.Context, sk store.SigningKey) (*signingKey, error) {
	der, stale, err := k.ring.Open(sk.PrivateKeySealed, sealContext(sk.ID))
	if err != nil {
		return nil, fmt.Errorf("oidcprovider: signing key %s: %w", sk.ID, err)
	}
	parsed, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, fmt.Errorf("oidcprovider: signing key %s: %w", sk.ID, err)
	}
	priv, ok := parsed.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("oidcprovider: signing key %s is not RSA", sk.ID)
	}
	if stale {
		if err := k.store.ResealSigningKey(ctx, sk.ID, k.ring.Seal(der, sealContext(sk.ID))); err != nil {
			return nil, err
		}
	}
	return &signingKey{id: sk.ID, key: priv}, nil
}

// Published returns the public keys in the key set now.
func (k *Keys) Published(ctx context.Context) ([]op.Key, error) {
	now := k.now()
	k.mu.Lock()
	if k.published != nil && now.Before(k.publishedTill) {
		p := k.published
		k.mu.Unlock()
		return p, nil
	}
	k.mu.Unlock()
	rows, err := k.store.PublishedKeys(ctx, now)
	if err != nil {
		return nil, err
	}
	out := make([]op.Key, 0, len(rows))
	for _, r := range rows {
		pub, err := x509.ParsePKIXPublicKey(r.PublicKey)
		if err != nil {
			return nil, fmt.Errorf("oidcprovider: public key %s: %w", r.ID, err)
		}
		out = append(out, publicKey{id: r.ID, key: pub})
	}
	if len(out) > 0 { // an empty set is never kept: the first key may be moments away
		k.mu.Lock()
		k.published, k.publishedTill = out, now.Add(cacheFor)
		k.mu.Unlock()
	}
	return out, nil
}

// signingKey is op.SigningKey.
type signingKey struct {
	id  string
	key *rsa.PrivateKey
}

func (s *signingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (s *signingKey) Key() any                                    { return s.key }
func (s *signingKey) ID() string                                  { return s.id }

// publicKey is op.Key.
type publicKey struct {
	id  string
	key any
}

func (p publicKey) ID() string                         { return p.id }
func (p publicKey) Algorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (p publicKey) Use() string                        { return "sig" }
func (p publicKey) Key() any                           { return p.key }
