package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"gatehouse/server/mail"
	"gatehouse/server/outbox"
	"gatehouse/server/store"
)

// AssembleBatches groups queued bulk emails into batches of up to 100 (fixing each batch's
// membership in the database) and queues one delivery job per batch, in one transaction each.
type AssembleBatches struct {
	river.WorkerDefaults[outbox.AssembleBatchesArgs]
	store       *store.Store
	client      *river.Client[*sql.Tx]
	maxAttempts int
	now         func() time.Time
}

// NewAssembleBatches returns the batching worker; client inserts the batch delivery jobs.
func NewAssembleBatches(st *store.Store, client *river.Client[*sql.Tx], maxAttempts int, now func() time.Time) *AssembleBatches {
	return &AssembleBatches{store: st, client: client, maxAttempts: maxAttempts, now: now}
}

// Work batches until no unbatched bulk email is left.
func (w *AssembleBatches) Work(ctx context.Context, job *river.Job[outbox.AssembleBatchesArgs]) error {
	for {
		var batchID string
		err := w.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
			var err error
			if batchID, _, err = tx.AssembleBatch(ctx, mail.MaxBatch, w.now()); err != nil || batchID == "" {
				return err
			}
			_, err = w.client.InsertTx(ctx, tx.SQLTx(), outbox.DeliverBatchArgs{BatchID: batchID},
				&river.InsertOpts{Queue: outbox.LaneBulk, MaxAttempts: w.maxAttempts})
			return err
		})
		if err != nil || batchID == "" {
			return err
		}
	}
}

// DeliverBatch hands one batch to the provider (the bulk lane).
type DeliverBatch struct {
	river.WorkerDefaults[outbox.DeliverBatchArgs]
	sending
}

// NewDeliverBatch returns the batch delivery worker.
func NewDeliverBatch(d *Deliver) *DeliverBatch { return &DeliverBatch{sending: d.sending} }

// Work sends the batch. Its key names the batch, whose members were fixed before the first
// attempt, so a retry (after a timeout, a crash, a kill) repeats the same request and the
// provider delivers each email once.
func (w *DeliverBatch) Work(ctx context.Context, job *river.Job[outbox.DeliverBatchArgs]) (err error) {
	defer w.lastAttempt(job.Attempt, job.MaxAttempts, &err, func(ctx context.Context) ([]store.Email, error) {
		return w.store.BatchEmails(ctx, job.Args.BatchID)
	})
	return w.work(ctx, job)
}

func (w *DeliverBatch) work(ctx context.Context, job *river.Job[outbox.DeliverBatchArgs]) error {
	es, err := w.store.BatchEmails(ctx, job.Args.BatchID)
	if err != nil {
		return err
	}
	pending := 0
	for _, e := range es {
		if e.Status == store.EmailQueued || e.Status == store.EmailSending {
			pending++
		}
	}
	if pending == 0 {
		return nil // every member already has its outcome
	}
	if es, err = w.rendered(ctx, es); err != nil || len(es) == 0 {
		return err
	}
	envs, err := w.envelopes(ctx, es)
	if err != nil {
		return err
	}
	// Everything before the request is done before waiting for the slot, so the request
	// leaves when its slot starts.
	if err := w.setAll(ctx, es, store.EmailSending, "", w.now()); err != nil {
		return err
	}
	if err := w.pacer.Wait(ctx); err != nil {
		return err
	}
	results, err := w.sender.SendBatch(ctx, envs, "gatehouse-batch-"+job.Args.BatchID)
	if err != nil {
		return w.failed(ctx, es, err, job.Attempt, job.MaxAttempts)
	}
	if len(results) != len(es) {
		return fmt.Errorf("jobs: batch of %d got %d results", len(es), len(results))
	}
	now := w.now()
	w.log.Info("email batch sent", "batch_id", job.Args.BatchID, "emails", len(es), "attempt", job.Attempt)
	outcomes := make([]store.EmailOutcome, len(es))
	for i, e := range es {
		outcomes[i] = store.EmailOutcome{ID: e.ID, Status: store.EmailSent, ProviderID: results[i].ProviderID}
		if results[i].Err != nil {
			outcomes[i] = store.EmailOutcome{ID: e.ID, Status: store.EmailFailed, Reason: reason(results[i].Err)}
		}
	}
	return w.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := w.settle(ctx, tx, es, outcomes, now); err != nil {
			return err
		}
		return tx.MarkBatchSent(ctx, job.Args.BatchID, now)
	})
}
