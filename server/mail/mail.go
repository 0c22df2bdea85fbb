// Package mail turns Gatehouse's messages into email and hands them to a provider: Resend in
// production, the local capture mailbox when no API key is set. Templates are embedded.
package mail

import (
	"context"
	"errors"
	"fmt"
	netmail "net/mail"
	"time"
)

// Envelope is what a Sender delivers.
type Envelope struct {
	EmailID string // our email row; the capture mailbox links back to it
	From    string
	To      string
	Subject string
	HTML    string
	Text    string
	Tags    map[string]string
}

// Sender hands an email to a provider. idempotencyKey is stable for one email row across
// retries and restarts, so a retry never delivers twice. It returns the provider's message id.
type Sender interface {
	Send(ctx context.Context, e Envelope, idempotencyKey string) (providerID string, err error)
	// SendBatch hands over up to MaxBatch emails in one request. The key covers the batch,
	// whose membership must not change between attempts. Results are per email, in order: an
	// email the provider refused has Err set (a PermanentError); err is for the whole request.
	SendBatch(ctx context.Context, es []Envelope, idempotencyKey string) ([]BatchResult, error)
	Name() string
}

// MaxBatch is the most emails one batch request may carry (Resend's limit).
const MaxBatch = 100

// BatchResult is one email's outcome in a batch.
type BatchResult struct {
	ProviderID string
	Err        error
}

// RateLimitedError means the provider asked us to slow down and try again after RetryAfter.
type RateLimitedError struct{ RetryAfter time.Duration }

func (e *RateLimitedError) Error() string {
	return fmt.Sprintf("mail: rate limited, retry after %s", e.RetryAfter)
}

// PermanentError means the provider refused this email and retrying cannot help (a validation
// error, a bad address). Reason is the provider's message.
type PermanentError struct{ Reason string }

func (e *PermanentError) Error() string { return "mail: refused: " + e.Reason }

// IsPermanent reports whether err is a PermanentError.
func IsPermanent(err error) bool {
	var p *PermanentError
	return errors.As(err, &p)
}

// From builds the From header. The name is, in order: the one staff set in Settings, the one
// in GATEHOUSE_MAIL_FROM (configured), the portal's name; the address is the one set in
// Settings, else GATEHOUSE_MAIL_FROM's. So renaming the portal renames the sender too, unless
// someone chose a sender name on purpose.
func From(configured, name, address, portalName string) string {
	a, err := netmail.ParseAddress(configured)
	if err != nil {
		a = &netmail.Address{Address: configured}
	}
	if address != "" {
		a.Address = address
	}
	a.Name = SenderName(configured, name, portalName)
	return a.String()
}

// SenderName is the name From uses (Settings shows it as what an empty field falls back to).
func SenderName(configured, name, portalName string) string {
	if name != "" {
		return name
	}
	if a, err := netmail.ParseAddress(configured); err == nil && a.Name != "" {
		return a.Name
	}
	return portalName
}
