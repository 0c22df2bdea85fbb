package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"
)

// HashParams are argon2id's cost parameters.
type HashParams struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// DefaultHashParams is OWASP's argon2id setting (SECURITY.md): 19 MiB, 2 passes, 1 lane.
var DefaultHashParams = HashParams{Memory: 19456, Time: 2, Threads: 1}

// TestHashParams is cheap, for tests only.
var TestHashParams = HashParams{Memory: 64, Time: 1, Threads: 1}

// ErrBusy means every hashing slot stayed taken for the whole wait: the server is overloaded
// and the client should retry (503 with Retry-After).
var ErrBusy = errors.New("auth: password hashing is saturated")

// Hasher hashes and verifies passwords with argon2id, at most `slots` at a time: each hash
// takes ~45 ms of a core and 19 MiB, so unbounded concurrency would let a login flood take
// the whole machine down.
type Hasher struct {
	params HashParams
	slots  chan struct{}
	wait   time.Duration
	dummy  string
}

// NewHasher returns a Hasher running at most slots hashes at once; a caller waits up to wait
// for a slot.
func NewHasher(p HashParams, slots int, wait time.Duration) *Hasher {
	if slots < 1 {
		slots = 1
	}
	h := &Hasher{params: p, slots: make(chan struct{}, slots), wait: wait}
	h.dummy = h.hash("gatehouse dummy password for unknown accounts", randomBytes(16))
	return h
}

func (h *Hasher) acquire(ctx context.Context) error {
	t := time.NewTimer(h.wait)
	defer t.Stop()
	select {
	case h.slots <- struct{}{}:
		return nil
	case <-t.C:
		return ErrBusy
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Hasher) release() { <-h.slots }

// Hash returns the PHC string of password with a fresh 16-byte salt.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	return h.hash(password, randomBytes(16)), nil
}

func (h *Hasher) hash(password string, salt []byte) string {
	p := h.params
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, 32)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// Verify checks password against a PHC string. rehash is true when the hash was made with
// other parameters than the current ones (upgrade it on successful login).
func (h *Hasher) Verify(ctx context.Context, password, phc string) (ok, rehash bool, err error) {
	p, salt, key, err := parsePHC(phc)
	if err != nil {
		// Still spend the time of a real check, so a broken row is not a timing oracle.
		_, _, _ = h.Verify(ctx, password, h.dummy)
		return false, false, err
	}
	if err := h.acquire(ctx); err != nil {
		return false, false, err
	}
	defer h.release()
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	ok = subtle.ConstantTimeCompare(got, key) == 1
	return ok, ok && p != h.params, nil
}

// VerifyDummy does the work of a verification against a hash nobody has, so that answering
// for an unknown account takes as long as for a known one.
func (h *Hasher) VerifyDummy(ctx context.Context, password string) error {
	_, _, err := h.Verify(ctx, password, h.dummy)
	return err
}

func parsePHC(phc string) (HashParams, []byte, []byte, error) {
	parts := strings.Split(phc, "$")
	var p HashParams
	var version int
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, nil, nil, errors.New("auth: not an argon2id hash")
	}
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, errors.New("auth: unsupported argon2 version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, fmt.Errorf("auth: argon2 parameters: %w", err)
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	key, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(key) == 0 {
		return p, nil, nil, errors.New("auth: malformed argon2 hash")
	}
	return p, salt, key, nil
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on Linux; a broken RNG must not mint secrets
	}
	return b
}
