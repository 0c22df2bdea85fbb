package api

import (
	"crypto/rand"
	"encoding/base64"
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/auth"
)

// browserCookie holds a random id that binds a sign-in code to the browser that asked for it:
// a code read on the phone signs in only where it was asked for, and someone who asks for a
// code for your address cannot use the one you receive.
func (s *Server) browserCookie() string {
	if s.Config.Secure() {
		return "__Host-gatehouse_browser"
	}
	return "gatehouse_browser"
}

// browserID returns this browser's id, giving it one if it has none (or a malformed one).
func (s *Server) browserID(c *fiber.Ctx) string {
	if id := c.Cookies(s.browserCookie()); len(id) == 43 {
		return id
	}
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	id := base64.RawURLEncoding.EncodeToString(b)
	c.Cookie(&fiber.Cookie{Name: s.browserCookie(), Value: id, Path: "/", Expires: time.Now().AddDate(1, 0, 0),
		Secure: s.Config.Secure(), HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode})
	return id
}

// requestCode is "Email me a sign-in code": the same 202 and body whatever the address (known,
// unknown, disabled, staff, throttled), decided later by a job, like forgot password.
func (s *Server) requestCode(c *fiber.Ctx) error {
	var req emailRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	email, err := auth.CheckEmail(req.Email)
	if err != nil {
		return err
	}
	if err := s.Auth.RequestCode(c.UserContext(), email, s.browserID(c), meta(c)); err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(fiber.Map{
		"message": "If an account may sign in with a code, we have emailed one to that address. It works in this browser for 10 minutes.",
	})
}

type codeRequest struct {
	Email string `json:"email"`
	Code  string `json:"code"`
}

func (r codeRequest) check() error {
	fields := map[string]string{}
	if _, err := auth.CheckEmail(r.Email); err != nil {
		fields["email"] = "Enter an email address like name@example.com."
	}
	if _, err := auth.NormalizeCode(r.Code); err != nil {
		fields["code"] = codeFormatMessage
	}
	if len(fields) > 0 {
		return validation(fields)
	}
	return nil
}

const codeFormatMessage = "Enter the 6 digits from the email (spaces and dashes are fine)."

// verifyCode signs in with a sign-in code, in the browser that asked for it.
func (s *Server) verifyCode(c *fiber.Ctx) error {
	var req codeRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if err := req.check(); err != nil {
		return err
	}
	browser := c.Cookies(s.browserCookie())
	if browser == "" {
		return auth.ErrCodeInvalid // the code was asked for elsewhere: it cannot work here
	}
	res, err := s.Auth.VerifyCode(c.UserContext(), req.Email, req.Code, browser, meta(c))
	if err != nil {
		return err
	}
	if raw, ok := c.Locals(localRawToken).(string); ok { // a sign-in replaces this browser's session
		_ = s.Auth.Logout(c.UserContext(), raw)
	}
	return s.startedSession(c, res)
}
