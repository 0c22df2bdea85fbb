// Package serverkey holds the server key (GATEHOUSE_SECRET_KEY): it encrypts what Gatehouse
// must be able to read back (OIDC signing keys, webhook signing secrets) and keys the HMACs of
// short codes. High-entropy secrets that only need checking (API keys, client secrets) are
// hashed with SHA-256 instead and never touch this key.
//
// Every instance of one database must share the key. Rotation: start with the new key as
// GATEHOUSE_SECRET_KEY and the old one in GATEHOUSE_SECRET_KEY_PREVIOUS; sealed values are read
// with either and re-sealed with the new one as they are used (and at start, by the callers
// that own them), codes made under the old key keep verifying until they expire.
package serverkey

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// MinKeyBytes is the least key material accepted: 256 bits.
const MinKeyBytes = 32

// ErrUnsealed means a sealed value could not be opened with any key of the ring: it was sealed
// under a key that is no longer configured, or it was altered.
var ErrUnsealed = errors.New("serverkey: the value was sealed with another key, or altered")

// key is one server key with the subkeys derived from it: one per use, so an encryption key
// never doubles as a MAC key.
type key struct {
	id   string // first 8 hex digits of SHA-256 of the sealing subkey: names the key in sealed values
	aead cipher.AEAD
	mac  []byte
}

// Ring is the current key and the previous ones still accepted for reading.
type Ring struct {
	current  key
	previous []key
}

// Parse builds a ring from the base64 (standard or URL, padded or not) current key and any
// previous keys.
func Parse(current string, previous ...string) (*Ring, error) {
	cur, err := newKey(current)
	if err != nil {
		return nil, fmt.Errorf("GATEHOUSE_SECRET_KEY: %w", err)
	}
	r := &Ring{current: cur}
	for i, p := range previous {
		k, err := newKey(p)
		if err != nil {
			return nil, fmt.Errorf("GATEHOUSE_SECRET_KEY_PREVIOUS (key %d): %w", i+1, err)
		}
		r.previous = append(r.previous, k)
	}
	return r, nil
}

// Decode reads a key as written in the environment.
func Decode(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			if len(b) < MinKeyBytes {
				return nil, fmt.Errorf("the key is %d bytes; it must be at least %d random bytes in base64 (openssl rand -base64 32)", len(b), MinKeyBytes)
			}
			return b, nil
		}
	}
	return nil, errors.New("the key is not base64; make one with `openssl rand -base64 32`")
}

// New returns a fresh random key in the form the environment takes.
func New() string {
	b := make([]byte, MinKeyBytes)
	if _, err := rand.Read(b); err != nil {
		panic("serverkey: no randomness: " + err.Error())
	}
	return base64.StdEncoding.EncodeToString(b)
}

func newKey(s string) (key, error) {
	raw, err := Decode(s)
	if err != nil {
		return key{}, err
	}
	enc, err := hkdf.Key(sha256.New, raw, nil, "gatehouse seal v1", 32)
	if err != nil {
		return key{}, err
	}
	mac, err := hkdf.Key(sha256.New, raw, nil, "gatehouse mac v1", 32)
	if err != nil {
		return key{}, err
	}
	block, err := aes.NewCipher(enc)
	if err != nil {
		return key{}, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return key{}, err
	}
	sum := sha256.Sum256(enc)
	return key{id: hex.EncodeToString(sum[:4]), aead: aead, mac: mac}, nil
}

// ID names the current key (not secret: a hash prefix of a derived key).
func (r *Ring) ID() string { return r.current.id }

// Seal encrypts plaintext with the current key. context binds the value to where it is
// stored (e.g. "webhook-secret:"+endpointID): a sealed value copied into another row does
// not open there. The result is "v1.<key id>.<base64url(nonce|ciphertext)>".
func (r *Ring) Seal(plaintext []byte, context string) string {
	k := r.current
	nonce := make([]byte, k.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic("serverkey: no randomness: " + err.Error())
	}
	out := k.aead.Seal(nonce, nonce, plaintext, []byte(context))
	return "v1." + k.id + "." + base64.RawURLEncoding.EncodeToString(out)
}

// Open decrypts a value sealed by Seal with any key of the ring. stale reports that it was
// sealed with a previous key: the caller should store Seal's result again.
func (r *Ring) Open(sealed, context string) (plaintext []byte, stale bool, err error) {
	parts := strings.SplitN(sealed, ".", 3)
	if len(parts) != 3 || parts[0] != "v1" {
		return nil, false, ErrUnsealed
	}
	blob, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return nil, false, ErrUnsealed
	}
	for i, k := range r.all() {
		if k.id != parts[1] || len(blob) < k.aead.NonceSize() {
			continue
		}
		n := k.aead.NonceSize()
		if p, err := k.aead.Open(nil, blob[:n], blob[n:], []byte(context)); err == nil {
			return p, i > 0, nil
		}
	}
	return nil, false, ErrUnsealed
}

// MAC is the HMAC-SHA256 of the parts under the current key, for purpose (each purpose gets
// its own MAC: a code's HMAC can never be replayed as another kind of value). Parts are
// length-prefixed, so ("ab","c") and ("a","bc") differ.
func (r *Ring) MAC(purpose string, parts ...string) []byte {
	return mac(r.current, purpose, parts)
}

// Verify reports whether sum is the MAC of the parts under any key of the ring (so codes
// issued before a rotation keep working until they expire), in constant time per key.
func (r *Ring) Verify(sum []byte, purpose string, parts ...string) bool {
	ok := false
	for _, k := range r.all() {
		if hmac.Equal(sum, mac(k, purpose, parts)) {
			ok = true
		}
	}
	return ok
}

func mac(k key, purpose string, parts []string) []byte {
	h := hmac.New(sha256.New, k.mac)
	write := func(s string) {
		var n [4]byte
		n[0], n[1], n[2], n[3] = byte(len(s)>>24), byte(len(s)>>16), byte(len(s)>>8), byte(len(s))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	write(purpose)
	for _, p := range parts {
		write(p)
	}
	return h.Sum(nil)
}

func (r *Ring) all() []key { return append([]key{r.current}, r.previous...) }
