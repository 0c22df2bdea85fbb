package serverkey

import (
	"context"
	"errors"
	"fmt"
)

// Canary is where the database keeps a value sealed with the server key (store.Store).
type Canary interface {
	ServerKeyCanary(ctx context.Context) (string, error) // "" when none was stored yet
	SetServerKeyCanary(ctx context.Context, sealed string) error
}

const canaryText, canaryContext = "gatehouse server key check", "server-key-check"

// ErrWrongKey means the configured key is not the one the database was set up with.
var ErrWrongKey = errors.New("GATEHOUSE_SECRET_KEY does not match the key this database was set up with " +
	"(every instance must use the same key; after a rotation put the old key in GATEHOUSE_SECRET_KEY_PREVIOUS)")

// Check makes sure the ring opens what the database holds, so a wrong or missing key stops
// the start with a clear message instead of failing later on one sealed value. The first start
// stores the check; one under a rotated key stores it again under the new key.
func Check(ctx context.Context, db Canary, r *Ring) error {
	sealed, err := db.ServerKeyCanary(ctx)
	if err != nil {
		return fmt.Errorf("serverkey: %w", err)
	}
	if sealed != "" {
		p, stale, err := r.Open(sealed, canaryContext)
		if err != nil || string(p) != canaryText {
			return ErrWrongKey
		}
		if !stale {
			return nil
		}
	}
	return db.SetServerKeyCanary(ctx, r.Seal([]byte(canaryText), canaryContext))
}
