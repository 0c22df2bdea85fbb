package api

import (
	"context"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/auth"
	"gatehouse/server/store"
)

// cookieName carries the __Host- prefix over https: the browser then refuses the cookie unless
// it is Secure, host-only and for Path=/, so a sibling subdomain cannot plant one.
func (s *Server) cookieName() string {
	if s.Config.Secure() {
		return "__Host-gatehouse_session"
	}
	return "gatehouse_session"
}

func (s *Server) setSessionCookie(c *fiber.Ctx, raw string, expires time.Time) {
	c.Cookie(&fiber.Cookie{
		Name: s.cookieName(), Value: raw, Path: "/", Expires: expires,
		Secure: s.Config.Secure(), HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
	})
}

func (s *Server) clearCookie(c *fiber.Ctx) {
	c.Cookie(&fiber.Cookie{
		Name: s.cookieName(), Value: "", Path: "/", Expires: time.Unix(0, 0), MaxAge: -1,
		Secure: s.Config.Secure(), HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
	})
}

type contactJSON struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
	Role  string `json:"role"`
}

func toContactJSON(c *store.Contact) contactJSON {
	return contactJSON{ID: c.ID, Email: c.Email, Name: c.Name, Role: c.Role}
}

type linkLifetimesJSON struct {
	StaffResetMinutes int `json:"staff_reset_minutes"`
	WelcomeMinutes    int `json:"welcome_minutes"`
}

type sessionJSON struct {
	Authenticated      bool         `json:"authenticated"`
	Contact            *contactJSON `json:"contact,omitempty"`
	CSRFToken          string       `json:"csrf_token,omitempty"`
	MustChangePassword bool         `json:"must_change_password"`
	// False for someone who only ever signed in with a provider: the account page then offers
	// to email a link to choose one instead of asking for a current password.
	HasPassword bool `json:"has_password"`
	// FreshCodeSignIn: signed in with an emailed code in the last 10 minutes, so a password
	// can be set without the current one (or without one at all).
	FreshCodeSignIn bool `json:"fresh_code_sign_in"`
	// CodeSignIn: the login page offers "Email me a sign-in code".
	CodeSignIn        bool `json:"code_sign_in"`
	MinPasswordLength int  `json:"min_password_length,omitempty"`
	// For staff: the lifetimes of the links they send, to say so before they send one.
	LinkLifetimes *linkLifetimesJSON `json:"link_lifetimes,omitempty"`
	// For staff: email is captured in the local mailbox, not sent (no Resend key): a "sent"
	// email never left the machine, and the desk says so.
	MailCaptured bool   `json:"mail_captured,omitempty"`
	PortalName   string `json:"portal_name"`
	PrimaryColor string `json:"primary_color"`
	LogoURL      string `json:"logo_url"`
}

// session tells the portal who is signed in, with the CSRF token for state-changing calls and
// the branding to show.
func (s *Server) session(c *fiber.Ctx) error {
	st, err := s.Store.Settings(c.UserContext())
	if err != nil {
		return err
	}
	out := sessionJSON{PortalName: st.PortalName, PrimaryColor: st.PrimaryColor, LogoURL: st.LogoURL, CodeSignIn: st.AllowCodeSignIn}
	if sess, ok := currentSession(c); ok {
		raw, _ := c.Locals(localRawToken).(string)
		cj := toContactJSON(sess.Contact)
		out.Authenticated, out.Contact, out.CSRFToken, out.MustChangePassword = true, &cj, auth.CSRFToken(raw), sess.MustChangePassword
		out.MinPasswordLength = auth.MinMemberPassword
		out.HasPassword = sess.Contact.PasswordHash != ""
		out.FreshCodeSignIn = s.Auth.FreshCodeSignIn(sess)
		if auth.IsStaff(sess.Contact.Role) {
			out.MinPasswordLength = auth.MinStaffPassword
			out.LinkLifetimes = &linkLifetimesJSON{StaffResetMinutes: st.StaffResetTTLMinutes, WelcomeMinutes: st.WelcomeTTLMinutes}
			out.MailCaptured = s.Config.ResendAPIKey == ""
		}
	}
	return c.JSON(out)
}

// startedSession answers a sign-in: the cookie, and the same body as GET /api/auth/session.
func (s *Server) startedSession(c *fiber.Ctx, res auth.LoginResult) error {
	s.setSessionCookie(c, res.Token, res.Session.ExpiresAt)
	c.Locals(localSession, res.Session)
	c.Locals(localRawToken, res.Token)
	return s.session(c)
}

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

func (s *Server) login(c *fiber.Ctx) error {
	var req loginRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	fields := map[string]string{}
	if strings.TrimSpace(req.Email) == "" || len(req.Email) > 254 || strings.ContainsAny(req.Email, "\r\n") {
		fields["email"] = "Enter your email address."
	}
	if req.Password == "" {
		fields["password"] = "Enter your password."
	} else if len(req.Password) > 4*auth.MaxPassword {
		fields["password"] = "That password is too long."
	}
	if len(fields) > 0 {
		return validation(fields)
	}
	res, err := s.Auth.Login(c.UserContext(), req.Email, req.Password, meta(c))
	if err != nil {
		return err // a failed attempt leaves the browser's session as it was
	}
	// A sign-in replaces whatever session this browser had.
	if raw, ok := c.Locals(localRawToken).(string); ok {
		_ = s.Auth.Logout(c.UserContext(), raw)
	}
	return s.startedSession(c, res)
}

func (s *Server) logout(c *fiber.Ctx) error {
	if raw, ok := c.Locals(localRawToken).(string); ok {
		if !auth.ValidCSRF(raw, c.Get(csrfHeader)) {
			return &Error{Status: 403, Code: CodeCSRF, Message: "Your session token is missing or stale. Reload the page and try again."}
		}
		if err := s.Auth.Logout(c.UserContext(), raw); err != nil {
			return err
		}
	}
	s.clearCookie(c)
	return c.SendStatus(fiber.StatusNoContent)
}

type emailRequest struct {
	Email string `json:"email"`
}

// accessRequest serves forgot-password and resend-access: the same 202 and body whatever the
// address, because the decision is made later by a job (SECURITY.md "Enumeration").
func (s *Server) accessRequest(c *fiber.Ctx, kind string) error {
	var req emailRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	email, err := auth.CheckEmail(req.Email)
	if err != nil {
		return err
	}
	if err := s.Auth.RequestAccess(c.UserContext(), kind, email, meta(c)); err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(fiber.Map{
		"message": "If an account exists for that address, we have sent an email to it. Check your inbox and spam folder.",
	})
}

func (s *Server) forgotPassword(c *fiber.Ctx) error {
	return s.accessRequest(c, auth.RequestForgotPassword)
}
func (s *Server) resendAccess(c *fiber.Ctx) error {
	return s.accessRequest(c, auth.RequestResendAccess)
}

// resetRequest names the link by its token, or by the code beside it with the account's
// address (a member who reads the email on another device).
type resetRequest struct {
	Token    string `json:"token"`
	Email    string `json:"email"`
	Code     string `json:"code"`
	Password string `json:"password"`
}

// resetPassword consumes a reset, welcome or set-password link and signs the member in.
func (s *Server) resetPassword(c *fiber.Ctx) error {
	var req resetRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Token == "" && req.Code == "" {
		return validation(map[string]string{"token": "The link is incomplete."})
	}
	if req.Token == "" {
		if err := (codeRequest{Email: req.Email, Code: req.Code}).check(); err != nil {
			return err
		}
	}
	if req.Password == "" {
		return validation(map[string]string{"password": "Choose a password."})
	}
	var res auth.LoginResult
	var err error
	if req.Token != "" {
		res, err = s.Auth.SetPasswordWithToken(c.UserContext(), req.Token, req.Password, s.portalName(c.UserContext()), meta(c))
	} else {
		res, err = s.Auth.SetPasswordWithCode(c.UserContext(), req.Email, req.Code, req.Password, s.portalName(c.UserContext()), meta(c))
	}
	if err != nil {
		return err
	}
	return s.startedSession(c, res)
}

type tokenRequest struct {
	Token string `json:"token"`
}

// checkLink tells the set-password page whether its link (or the code beside it, with the
// account's address) still works, without using it.
func (s *Server) checkLink(c *fiber.Ctx) error {
	var req struct {
		Token string `json:"token"`
		Email string `json:"email"`
		Code  string `json:"code"`
	}
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	var st auth.LinkState
	var err error
	if req.Token == "" && req.Code != "" {
		if err := (codeRequest{Email: req.Email, Code: req.Code}).check(); err != nil {
			return err
		}
		st, err = s.Auth.CheckLinkCode(c.UserContext(), req.Email, req.Code, meta(c))
	} else {
		st, err = s.Auth.CheckLink(c.UserContext(), req.Token, meta(c))
	}
	if err != nil {
		return err
	}
	minLen := auth.MinMemberPassword
	if st.Staff {
		minLen = auth.MinStaffPassword
	}
	return c.JSON(fiber.Map{"purpose": st.Purpose, "email": st.Email, "min_password_length": minLen})
}

// renewLink sends a fresh link to the owner of an expired or used one.
func (s *Server) renewLink(c *fiber.Ctx) error {
	var req tokenRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Token == "" || len(req.Token) > 100 {
		return validation(map[string]string{"token": "The link is incomplete."})
	}
	if err := s.Auth.RenewLink(c.UserContext(), req.Token, meta(c)); err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(fiber.Map{"message": "If that link belonged to an account, a new one is on its way to the account's email address."})
}

func (s *Server) portalName(ctx context.Context) string {
	st, err := s.Store.Settings(ctx)
	if err != nil {
		return ""
	}
	return st.PortalName
}
