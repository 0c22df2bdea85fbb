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

// Wait books the next slot and sleeps until it, then past any hold a 429 put on every
// instance meanwhile.
func (p *Pacer) Wait(ctx context.Context) error {
	if p.interval == 0 {
		return nil
	}
	wait, err := p.store.ReserveSendSlot(ctx, p.interval)
	if err != nil {
		return err
	}
	for wait > 0 {
		if err := sleep(ctx, wait); err != nil {
			return err
		}
		if wait, err = p.store.SendHold(ctx); err != nil {
			return err
		}
	}
	return nil
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
