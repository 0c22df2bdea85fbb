package store

import (
	"context"
	"time"
)

// ReserveSendSlot books the next free request slot to the mail provider, spacing slots interval
// apart across every instance (one row, updated atomically). It returns how long the caller must
// wait before its request. The database clock is the one clock all instances share.
func (s *Store) ReserveSendSlot(ctx context.Context, interval time.Duration) (time.Duration, error) {
	var wait float64
	err := s.db.NewRaw(`
		UPDATE send_pacer SET next_slot = greatest(next_slot, clock_timestamp()) + make_interval(secs => ?0)
		RETURNING extract(epoch FROM (next_slot - make_interval(secs => ?0) - clock_timestamp()))`, interval.Seconds()).Scan(ctx, &wait)
	if err != nil {
		return 0, dbErr("reserve send slot", err)
	}
	return max(time.Duration(wait*float64(time.Second)), 0), nil
}

// HoldSends stops every instance from sending for d (the provider answered 429 with
// retry-after d): new slots start after it, and slots already booked wait for it too.
func (s *Store) HoldSends(ctx context.Context, d time.Duration) error {
	_, err := s.db.NewRaw(`UPDATE send_pacer SET
		held_until = greatest(held_until, clock_timestamp() + make_interval(secs => ?0)),
		next_slot = greatest(next_slot, clock_timestamp() + make_interval(secs => ?0))`, d.Seconds()).Exec(ctx)
	return dbErr("hold sends", err)
}

// SendHold returns how long sends are still on hold (0 if not).
func (s *Store) SendHold(ctx context.Context) (time.Duration, error) {
	var wait float64
	err := s.db.NewRaw(`SELECT greatest(extract(epoch FROM (held_until - clock_timestamp())), 0) FROM send_pacer`).Scan(ctx, &wait)
	return time.Duration(wait * float64(time.Second)), dbErr("send hold", err)
}
