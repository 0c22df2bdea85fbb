package api

import (
	"github.com/gofiber/fiber/v2"

	"gatehouse/server/mail"
)

// resendWebhook takes Resend's delivery events. It is authenticated by the Svix signature (no
// session, no CSRF token: SECURITY.md), stores the event once per svix-id and queues the job
// that applies it, then answers at once: Resend retries slow or failed deliveries.
func (s *Server) resendWebhook(c *fiber.Ctx) error {
	secret := s.Config.ResendWebhookSecret
	if secret == "" {
		return &Error{Status: 404, Code: CodeNotFound, Message: "Webhooks are not configured (GATEHOUSE_RESEND_WEBHOOK_SECRET)."}
	}
	body := c.Body()
	if err := mail.VerifyWebhook(secret, c.Get("svix-id"), c.Get("svix-timestamp"), c.Get("svix-signature"), body, s.Now()); err != nil {
		return &Error{Status: 401, Code: "invalid_signature", Message: "The webhook signature is missing, wrong or too old."}
	}
	ev, err := mail.ParseWebhook(body)
	if err != nil {
		return &Error{Status: 400, Code: CodeInvalidJSON, Message: "The body is not a Resend event."}
	}
	fresh, err := s.Webhooks.Receive(c.UserContext(), c.Get("svix-id"), ev, body)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"received": true, "duplicate": !fresh})
}
