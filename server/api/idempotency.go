package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Idempotency-Key on the machine API's POSTs, per API key: a checkout that retries its call
// (a timeout, a crash, a double submit) grants once and sends one email.
//   - the same key and request within 24 h answers the first answer again (Idempotent-Replayed);
//   - the same key with another request (method, path or body) is 409 idempotency_key_reused;
//   - a duplicate arriving while the first still runs is 409 idempotency_in_progress with
//     Retry-After;
//   - an answer that held a secret (an access link) is never stored: its replay is 409
//     idempotency_secret_not_stored, and the caller asks for a new link with a new key.
//
// A 5xx or 429 answer is not remembered, so a retry runs again.
const (
	idempotencyHeader = "Idempotency-Key"
	idempotencyTTL    = 24 * time.Hour
	// A claim still running after this was abandoned (its process died mid-request): the same
	// request may take it over. Longer than any request may run (WriteTimeout is 60 s).
	idempotencyAbandon = 2 * time.Minute
	localSecretAnswer  = "secret_answer"
)

// idempotent wraps a POST of the machine API (after requireKey).
func (s *Server) idempotent(c *fiber.Ctx) error {
	key := c.Get(idempotencyHeader)
	if key == "" {
		return c.Next()
	}
	if !validIdempotencyKey(key) {
		return &Error{Status: 400, Code: "invalid_idempotency_key", Message: "Idempotency-Key must be 1 to 255 printable ASCII characters (a UUID is a good choice)."}
	}
	key = string([]byte(key)) // Fiber reuses the header's buffer
	k := currentKey(c)
	sum := sha256.New()
	sum.Write([]byte(c.Method() + " " + c.Path() + "\n"))
	sum.Write(c.Body())
	fp := sum.Sum(nil)
	prior, mine, err := s.Store.ClaimIdempotencyKey(c.UserContext(), k.ID, key, fp, s.Now(), idempotencyTTL, idempotencyAbandon)
	if err != nil {
		return err
	}
	if !mine {
		return replay(c, prior.Fingerprint, fp, prior.State, prior.Secret, prior.Status, prior.ContentType, prior.Body)
	}
	if err := c.Next(); err != nil {
		if herr := c.App().ErrorHandler(c, err); herr != nil {
			c.Status(fiber.StatusInternalServerError)
		}
	}
	// The request's own context may be gone (a client that hung up): the answer is still kept.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	res := c.Response()
	status := res.StatusCode()
	if status >= 500 || status == fiber.StatusTooManyRequests {
		if err := s.Store.ReleaseIdempotencyKey(ctx, k.ID, key); err != nil {
			s.Log.Warn("releasing an idempotency key", "request_id", c.Locals(localRequestID), "error", err)
		}
		return nil
	}
	secret, _ := c.Locals(localSecretAnswer).(bool)
	body := bytes.Clone(res.Body())
	if err := s.Store.FinishIdempotencyKey(ctx, k.ID, key, status, string(res.Header.ContentType()), body, secret); err != nil {
		s.Log.Warn("storing an idempotent answer", "request_id", c.Locals(localRequestID), "error", err)
	}
	return nil
}

func replay(c *fiber.Ctx, priorFP, fp []byte, state string, secret bool, status int, contentType string, body []byte) error {
	switch {
	case !bytes.Equal(priorFP, fp):
		return &Error{Status: 409, Code: "idempotency_key_reused", Message: "This Idempotency-Key was used with a different request in the last 24 hours. Use a new key for a new request."}
	case state == "running":
		return &Error{Status: 409, Code: "idempotency_in_progress", Message: "A request with this Idempotency-Key is still being processed. Retry shortly to get its answer.", RetryAfter: time.Second}
	case secret:
		return &Error{Status: 409, Code: "idempotency_secret_not_stored", Message: "The first answer to this request held a live link, which is never stored. Send a new Idempotency-Key to create another link."}
	}
	c.Set("Idempotent-Replayed", "true")
	if contentType != "" {
		c.Set(fiber.HeaderContentType, contentType)
	}
	return c.Status(status).Send(body)
}

// markSecret says the answer carries a secret: the idempotency layer must not keep it.
func markSecret(c *fiber.Ctx) { c.Locals(localSecretAnswer, true) }

func validIdempotencyKey(k string) bool {
	if len(k) == 0 || len(k) > 255 {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x20 || k[i] > 0x7e {
			return false
		}
	}
	return true
}
