package outbox

// The delivery jobs. Credential email is one job per email on the credential queue; bulk email
// is collected into batches (AssembleBatchesArgs) and each batch is one job on the bulk queue.

// DeliverArgs is the job that hands one email row to the provider.
type DeliverArgs struct {
	EmailID string `json:"email_id"`
}

// Kind is River's name for the job.
func (DeliverArgs) Kind() string { return "deliver_email" }

// AssembleBatchesArgs is the job that groups queued bulk emails into batches of up to 100. At
// most one waits at a time (a unique job), however many bulk emails are queued.
type AssembleBatchesArgs struct{}

// Kind is River's name for the job.
func (AssembleBatchesArgs) Kind() string { return "assemble_email_batches" }

// DeliverBatchArgs is the job that hands one batch to the provider.
type DeliverBatchArgs struct {
	BatchID string `json:"batch_id"`
}

// Kind is River's name for the job.
func (DeliverBatchArgs) Kind() string { return "deliver_email_batch" }
