package store

import (
	"context"
	"database/sql"
	"errors"
)

// ServerKeyCanary returns the value sealed with the server key that proves which key the
// database was set up with ("" before the first start).
func (s *Store) ServerKeyCanary(ctx context.Context) (string, error) {
	var sealed string
	err := s.db.NewRaw("SELECT sealed FROM server_key_check WHERE id = 1").Scan(ctx, &sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return sealed, dbErr("read server key check", err)
}

// SetServerKeyCanary stores the sealed check value.
func (s *Store) SetServerKeyCanary(ctx context.Context, sealed string) error {
	_, err := s.db.NewRaw(`INSERT INTO server_key_check (id, sealed) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET sealed = EXCLUDED.sealed, updated_at = now()`, sealed).Exec(ctx)
	return dbErr("store server key check", err)
}
