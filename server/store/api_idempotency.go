package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// IdempotentRequest is the remembered first answer to a POST sent with an Idempotency-Key.
type IdempotentRequest struct {
	APIKeyID    string    `bun:"api_key_id"`
	Key         string    `bun:"key"`
	Fingerprint []byte    `bun:"fingerprint"`
	State       string    `bun:"state"` // running, done
	Status      int       `bun:"status"`
	ContentType string    `bun:"content_type"`
	Body        []byte    `bun:"body"`
	Secret      bool      `bun:"secret"` // the answer held a secret and was not kept
	CreatedAt   time.Time `bun:"created_at"`
}

// ClaimIdempotencyKey makes this request the owner of (keyID, key) and reports true, unless
// another request owns it: then it returns that one's row and false. A row older than ttl is
// forgotten, and a row still 'running' after abandonAfter (its request died with its
// process) is taken over by a request with the same fingerprint.
func (s *Store) ClaimIdempotencyKey(ctx context.Context, keyID, key string, fingerprint []byte, now time.Time, ttl, abandonAfter time.Duration) (IdempotentRequest, bool, error) {
	var got IdempotentRequest
	err := s.db.NewRaw(`
		INSERT INTO api_idempotency AS i (api_key_id, key, fingerprint, state, created_at)
		VALUES (?0, ?1, ?2, 'running', ?3)
		ON CONFLICT (api_key_id, key) DO UPDATE
			SET fingerprint = EXCLUDED.fingerprint, state = 'running', status = NULL, body = NULL,
				content_type = '', secret = false, created_at = EXCLUDED.created_at
			WHERE i.created_at <= ?4 OR (i.state = 'running' AND i.created_at <= ?5 AND i.fingerprint = EXCLUDED.fingerprint)
		RETURNING api_key_id`, keyID, key, fingerprint, now, now.Add(-ttl), now.Add(-abandonAfter)).Scan(ctx, &got.APIKeyID)
	if err == nil {
		return got, true, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return got, false, dbErr("claim idempotency key", err)
	}
	err = s.db.NewRaw(`SELECT api_key_id, key, fingerprint, state, coalesce(status, 0) AS status, content_type,
		body, secret, created_at FROM api_idempotency WHERE api_key_id = ? AND key = ?`, keyID, key).Scan(ctx, &got)
	return got, false, dbErr("read idempotency key", err)
}

// FinishIdempotencyKey stores the answer of the request that owns (keyID, key). A secret
// answer keeps its status but no body.
func (s *Store) FinishIdempotencyKey(ctx context.Context, keyID, key string, status int, contentType string, body []byte, secret bool) error {
	if secret {
		body = nil
	}
	_, err := s.db.NewRaw(`UPDATE api_idempotency SET state = 'done', status = ?, content_type = ?, body = ?, secret = ?
		WHERE api_key_id = ? AND key = ?`, status, contentType, body, secret, keyID, key).Exec(ctx)
	return dbErr("finish idempotency key", err)
}

// ReleaseIdempotencyKey forgets a claim whose request failed on our side, so a retry runs.
func (s *Store) ReleaseIdempotencyKey(ctx context.Context, keyID, key string) error {
	_, err := s.db.NewRaw(`DELETE FROM api_idempotency WHERE api_key_id = ? AND key = ? AND state = 'running'`, keyID, key).Exec(ctx)
	return dbErr("release idempotency key", err)
}

// PruneIdempotencyKeys deletes answers older than cutoff.
func (s *Store) PruneIdempotencyKeys(ctx context.Context, cutoff time.Time) error {
	_, err := s.db.NewRaw(`DELETE FROM api_idempotency WHERE created_at < ?`, cutoff).Exec(ctx)
	return dbErr("prune idempotency keys", err)
}
