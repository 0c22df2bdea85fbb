package serverkey

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestSealOpensOnlyWithItsKeyAndContext(t *testing.T) {
	a, b := mustParse(t, New()), mustParse(t, New())
	sealed := a.Seal([]byte("whsec-material"), "webhook:1")
	if p, stale, err := a.Open(sealed, "webhook:1"); err != nil || stale || string(p) != "whsec-material" {
		t.Fatalf("open: %q %v %v", p, stale, err)
	}
	if _, _, err := a.Open(sealed, "webhook:2"); !errors.Is(err, ErrUnsealed) {
		t.Fatalf("another row's context must not open it: %v", err)
	}
	if _, _, err := b.Open(sealed, "webhook:1"); !errors.Is(err, ErrUnsealed) {
		t.Fatalf("another key must not open it: %v", err)
	}
	tampered := []byte(sealed)
	tampered[len(tampered)-2] ^= 1
	if _, _, err := a.Open(string(tampered), "webhook:1"); !errors.Is(err, ErrUnsealed) {
		t.Fatalf("an altered value must not open: %v", err)
	}
	if first, second := a.Seal([]byte("x"), "c"), a.Seal([]byte("x"), "c"); first == second {
		t.Fatal("two seals of one value must differ (random nonce)")
	}
}

func TestRotationReadsOldValuesAndVerifiesOldMACs(t *testing.T) {
	oldKey, newKey := New(), New()
	old := mustParse(t, oldKey)
	sealed, sum := old.Seal([]byte("signing key"), "oidc:1"), old.MAC("code", "a@example.com", "123456")
	rotated := mustParse(t, newKey, oldKey)
	p, stale, err := rotated.Open(sealed, "oidc:1")
	if err != nil || !stale || string(p) != "signing key" {
		t.Fatalf("a value sealed by the previous key opens and is reported stale: %q %v %v", p, stale, err)
	}
	if !rotated.Verify(sum, "code", "a@example.com", "123456") {
		t.Fatal("a MAC made under the previous key must still verify")
	}
	if rotated.Verify(sum, "code", "a@example.com", "123457") || rotated.Verify(sum, "other", "a@example.com", "123456") {
		t.Fatal("a MAC must not verify for other parts or another purpose")
	}
	if rotated.Verify(rotated.MAC("p", "ab", "c"), "p", "a", "bc") {
		t.Fatal("parts must be length-prefixed")
	}
}

func TestDecodeRefusesShortOrNonBase64Keys(t *testing.T) {
	for _, k := range []string{"", "c2hvcnQ=", "not base64 at all!", "whsec_"} {
		if _, err := Decode(k); err == nil {
			t.Errorf("%q accepted", k)
		}
	}
}

type memCanary struct{ v string }

func (m *memCanary) ServerKeyCanary(context.Context) (string, error)      { return m.v, nil }
func (m *memCanary) SetServerKeyCanary(_ context.Context, s string) error { m.v = s; return nil }

func TestCheckRefusesAnotherKeyAndAdoptsARotation(t *testing.T) {
	ctx, db := context.Background(), &memCanary{}
	k1, k2 := New(), New()
	if err := Check(ctx, db, mustParse(t, k1)); err != nil || db.v == "" {
		t.Fatalf("first start stores the check: %v", err)
	}
	if err := Check(ctx, db, mustParse(t, k2)); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("another key must be refused: %v", err)
	}
	if err := Check(ctx, db, mustParse(t, k2, k1)); err != nil {
		t.Fatalf("a rotation (old key as previous) is accepted: %v", err)
	}
	if err := Check(ctx, db, mustParse(t, k2)); err != nil {
		t.Fatalf("after the rotation the new key alone is enough: %v", err)
	}
}

func TestLoadOrCreateWritesAPrivateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "secret.key")
	k, err := LoadOrCreate(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v %v", st.Mode(), err)
	}
	if again, err := LoadOrCreate(path); err != nil || again != k {
		t.Fatalf("second read: %v", err)
	}
}

func mustParse(t *testing.T, cur string, prev ...string) *Ring {
	t.Helper()
	r, err := Parse(cur, prev...)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
