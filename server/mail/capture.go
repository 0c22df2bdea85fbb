package mail

import (
	"context"

	"gatehouse/server/store"
)

// Capture delivers to the local mailbox (a table staff can read in the app) instead of a
// provider: used when no Resend API key is configured, so a fresh install works offline.
type Capture struct{ store *store.Store }

// NewCapture returns the local mailbox sender.
func NewCapture(st *store.Store) *Capture { return &Capture{store: st} }

// Name identifies the sender in logs and metrics.
func (c *Capture) Name() string { return "capture" }

// Send stores the email; the same email row is stored once however often it is retried.
func (c *Capture) Send(ctx context.Context, e Envelope, key string) (string, error) {
	msg := &store.CapturedEmail{EmailID: e.EmailID, FromAddress: e.From, ToAddress: e.To, Subject: e.Subject, HTMLBody: e.HTML, TextBody: e.Text}
	if err := c.store.CaptureEmail(ctx, msg); err != nil {
		return "", err
	}
	return "captured_" + msg.ID, nil
}

// SendBatch captures each email of the batch.
func (c *Capture) SendBatch(ctx context.Context, es []Envelope, key string) ([]BatchResult, error) {
	out := make([]BatchResult, len(es))
	for i, e := range es {
		id, err := c.Send(ctx, e, key)
		if err != nil {
			return nil, err
		}
		out[i].ProviderID = id
	}
	return out, nil
}
