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

// TakeSendTurn is the gate every request passes just before it leaves: if no request left in
// the last interval (and no 429 hold is on), it takes the turn, holding the others off for
// interval from now; otherwise it says how long to wait. Spacing is thus measured between
// actual departures, on one clock, whatever delayed a sender after its booked slot.
func (s *Store) TakeSendTurn(ctx context.Context, interval time.Duration) (bool, time.Duration, error) {
	var row struct {
		Took bool    `bun:"took"`
		Wait float64 `bun:"wait"`
	}
	err := s.db.NewRaw(`
		WITH cur AS (SELECT held_until, clock_timestamp() AS now FROM send_pacer FOR UPDATE)
		UPDATE send_pacer p SET held_until = CASE WHEN cur.held_until <= cur.now THEN cur.now + make_interval(secs => ?) ELSE p.held_until END
		FROM cur
		RETURNING cur.held_until <= cur.now AS took, greatest(extract(epoch FROM (cur.held_until - cur.now)), 0) AS wait`, interval.Seconds()).Scan(ctx, &row)
	return row.Took, time.Duration(row.Wait * float64(time.Second)), dbErr("take send turn", err)
}
