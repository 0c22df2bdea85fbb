package main

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"gatehouse/server/access"
	"gatehouse/server/auth"
	"gatehouse/server/bulk"
	"gatehouse/server/jobs"
	"gatehouse/server/store"
)

// benchBulk bulk-resends the welcome email to n members through the real bulk operation and
// delivery pipeline: the time to queue every email (the operation done), then the delivery
// rate into the fake Resend.
func benchBulk(n int, rate float64) error {
	ctx := context.Background()
	r, err := newRig(ctx, rate)
	if err != nil {
		return err
	}
	defer r.close()
	svc := bulk.New(r.st, r.access, r.auth, r.rc, time.Now)
	river.AddWorker(r.workers, jobs.NewBulkOperations(svc))
	o := store.Offer{Name: "Bench course"}
	if err := r.st.CreateOffer(ctx, &o); err != nil {
		return err
	}
	if err := r.st.Exec(ctx, `INSERT INTO contacts (email, name) SELECT 'm' || i || '@example.com', 'Member ' || i FROM generate_series(1, ?::int) i`, n); err != nil {
		return err
	}
	if err := r.st.Exec(ctx, `INSERT INTO offer_grants (contact_id, offer_id) SELECT id, ?::uuid FROM contacts`, o.ID); err != nil {
		return err
	}
	boss := store.Contact{Email: "boss@example.com", Role: auth.RoleOwner}
	if err := r.st.CreateContact(ctx, &boss); err != nil {
		return err
	}
	if err := r.rc.Start(ctx); err != nil {
		return err
	}
	start := time.Now()
	op, err := svc.Start(ctx, access.Staff(boss.ID, boss.Email, boss.Role, "", ""), bulk.Request{Action: bulk.ResendWelcome, OfferID: o.ID, Filter: &store.ContactFilter{OfferID: o.ID}})
	if err != nil {
		return err
	}
	for {
		cur, err := r.st.BulkOperationByID(ctx, op.ID, false)
		if err != nil {
			return err
		}
		if cur.Status == bulk.StatusDone {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	queued := time.Since(start)
	if err := r.fake.WaitForMessages(ctx, n); err != nil {
		return err
	}
	drain := time.Since(start)
	fmt.Printf("bulk resend to %d contacts: every email queued in %s (%.0f/s), first batches already sending meanwhile\n", n, queued.Round(time.Millisecond), float64(n)/queued.Seconds())
	printDrain(r.fake, n, drain, rate)
	return nil
}
