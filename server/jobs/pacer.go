package jobs

import (
	"context"
	"time"

	"gatehouse/server/store"
)

// Pacer spaces requests to the mail provider so that every instance together stays under its
// rate limit: slots are booked in one shared row in PostgreSQL. A zero interval disables it
// (the local capture mailbox has no limit).
type Pacer struct {
	store    *store.Store
	interval time.Duration
}

// headroom keeps pacing 3% under the provider's limit: a request reaches the provider a few
// milliseconds after its slot, and not always the same few, so slots exactly at the limit
// would now and then arrive too close together and draw a 429 (and its hold) for everyone.
const headroom = 0.97

// NewPacer returns a pacer for a provider allowing perSecond requests per second (0: unlimited).
func NewPacer(st *store.Store, perSecond float64) *Pacer {
	p := &Pacer{store: st}
	if perSecond > 0 {
		p.interval = time.Duration(float64(time.Second) / (perSecond * headroom))
	}
	return p
}

// Wait books the next slot (so senders go in order) and sleeps until it, then takes the turn
// at the gate: the request leaves at least an interval after the previous one actually left,
// and after any hold a 429 put on every instance.
func (p *Pacer) Wait(ctx context.Context) error {
	if p.interval == 0 {
		return nil
	}
	wait, err := p.store.ReserveSendSlot(ctx, p.interval)
	for err == nil {
		if wait > 0 {
			if err := sleep(ctx, wait); err != nil {
				return err
			}
		}
		var took bool
		if took, wait, err = p.store.TakeSendTurn(ctx, p.interval); took {
			return nil
		}
	}
	return err
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Hold stops every instance from sending for d (the provider said 429, retry after d).
func (p *Pacer) Hold(ctx context.Context, d time.Duration) error {
	return p.store.HoldSends(ctx, d)
}
