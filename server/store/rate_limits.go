package store

import (
	"context"
	"time"
)

// Hit counts one event against key in a fixed window and returns the count so far in the
// current window and when that window ends. One upsert, so every instance shares the counter.
func (s *Store) Hit(ctx context.Context, key string, window time.Duration, now time.Time) (int, time.Time, error) {
	var row struct {
		Count       int       `bun:"count"`
		WindowStart time.Time `bun:"window_start"`
	}
	err := s.db.NewRaw(`
		INSERT INTO rate_limits AS r (key, window_start, count) VALUES (?0, ?1, 1)
		ON CONFLICT (key) DO UPDATE SET
			count = CASE WHEN r.window_start <= ?1::timestamptz - make_interval(secs => ?2) THEN 1 ELSE r.count + 1 END,
			window_start = CASE WHEN r.window_start <= ?1::timestamptz - make_interval(secs => ?2) THEN ?1 ELSE r.window_start END
		RETURNING count, window_start`, key, now, window.Seconds()).Scan(ctx, &row)
	if err != nil {
		return 0, time.Time{}, dbErr("rate limit hit", err)
	}
	return row.Count, row.WindowStart.Add(window), nil
}

// Peek returns the current count for key without adding to it.
func (s *Store) Peek(ctx context.Context, key string, window time.Duration, now time.Time) (int, error) {
	var n int
	err := s.db.NewRaw(`SELECT coalesce(max(count), 0) FROM rate_limits WHERE key = ? AND window_start > ?`,
		key, now.Add(-window)).Scan(ctx, &n)
	return n, dbErr("rate limit peek", err)
}

// PruneRateLimits deletes counters whose windows ended before cutoff.
func (s *Store) PruneRateLimits(ctx context.Context, cutoff time.Time) error {
	_, err := s.db.NewRaw(`DELETE FROM rate_limits WHERE window_start < ?`, cutoff).Exec(ctx)
	return dbErr("prune rate limits", err)
}
