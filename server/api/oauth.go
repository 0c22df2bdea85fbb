package api

import (
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/auth"
	"gatehouse/server/oauth"
)

// The browser key of a sign-in in progress rides in its own cookie, SameSite=Lax so that it
// comes back with the provider's top-level redirect.
func (s *Server) oauthCookieName() string {
	if s.Config.Secure() {
		return "__Host-gatehouse_oauth"
	}
	return "gatehouse_oauth"
}

func (s *Server) setOAuthCookie(c *fiber.Ctx, value string, maxAge int) {
	c.Cookie(&fiber.Cookie{
		Name: s.oauthCookieName(), Value: value, Path: "/", MaxAge: maxAge, Expires: time.Now().Add(time.Duration(maxAge) * time.Second),
		Secure: s.Config.Secure(), HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
	})
}

// providers lists the sign-in buttons for the login page.
func (s *Server) providers(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"providers": s.OAuth.List()})
}

// oauthStart sends the browser to the provider. ?mode=link connects a provider account to the
// signed-in contact instead of signing in; ?next= is where to land afterwards.
func (s *Server) oauthStart(c *fiber.Ctx) error {
	name := strings.Clone(c.Params("provider"))
	in := oauth.Intent{Mode: oauth.ModeLogin, Next: safeNext(c.Query("next")), IP: meta(c).IP}
	if c.Query("mode") == oauth.ModeLink {
		sess, ok := currentSession(c)
		if !ok {
			return c.Redirect("/login?next=%2Faccount", fiber.StatusSeeOther)
		}
		if sess.MustChangePassword { // a temporary password is replaced before anything else
			return c.Redirect("/choose-password", fiber.StatusSeeOther)
		}
		in.Mode, in.ContactID = oauth.ModeLink, sess.ContactID
	}
	started, err := s.OAuth.Start(c.UserContext(), name, in)
	if err != nil {
		return s.oauthProblem(c, name, err)
	}
	s.setOAuthCookie(c, started.BrowserKey, 600)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Redirect(started.URL, fiber.StatusFound)
}

// oauthCallback finishes a sign-in. Every failure ends on the portal's sign-in problem page,
// never a JSON error or a 500: a person is looking at this in a browser.
func (s *Server) oauthCallback(c *fiber.Ctx) error {
	name := strings.Clone(c.Params("provider"))
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set("Referrer-Policy", "no-referrer")
	cb := oauth.Callback{State: c.Query("state"), Code: c.Query("code"), Error: c.Query("error"), BrowserKey: c.Cookies(s.oauthCookieName())}
	s.setOAuthCookie(c, "", -1)
	prof, st, err := s.OAuth.Finish(c.UserContext(), name, cb)
	if err != nil {
		return s.oauthProblem(c, name, err)
	}
	current, signedIn := currentSession(c)
	if st.Mode == oauth.ModeLink {
		// The person who started connecting must still be the one signed in.
		if !signedIn || current.ContactID != st.ContactID {
			return s.oauthProblem(c, name, oauth.ErrStateInvalid)
		}
		if err := s.Auth.LinkExternal(c.UserContext(), st.ContactID, prof, meta(c)); err != nil {
			return s.oauthProblem(c, name, err)
		}
		return c.Redirect("/account?connected="+url.QueryEscape(name), fiber.StatusSeeOther)
	}
	res, err := s.Auth.SignInExternal(c.UserContext(), prof, meta(c))
	if err != nil {
		return s.oauthProblem(c, name, err)
	}
	// A sign-in replaces whatever session this browser had.
	if raw, ok := c.Locals(localRawToken).(string); ok {
		_ = s.Auth.Logout(c.UserContext(), raw)
	}
	s.setSessionCookie(c, res.Token, res.Session.ExpiresAt)
	next := st.NextPath
	switch {
	case res.Session.MustChangePassword:
		next = "/choose-password"
	case next == "" && auth.IsStaff(res.Session.Contact.Role):
		next = "/admin"
	case next == "":
		next = "/offers"
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}

// oauthProblem sends the browser to the page that explains what went wrong, in words; the
// cause is logged for the operator.
func (s *Server) oauthProblem(c *fiber.Ctx, provider string, err error) error {
	reason := "error"
	for _, r := range []struct {
		err    error
		reason string
	}{
		{oauth.ErrUnknownProvider, "unknown_provider"}, {oauth.ErrUnavailable, "unavailable"},
		{oauth.ErrStateInvalid, "expired"}, {oauth.ErrDenied, "denied"}, {oauth.ErrProvider, "provider_error"},
		{oauth.ErrThrottled, "rate_limited"}, {auth.ErrNoAccount, "no_account"}, {auth.ErrEmailUnverified, "unverified_email"},
		{auth.ErrAccountDisabled, "disabled"}, {auth.ErrIdentityTaken, "identity_taken"},
	} {
		if errors.Is(err, r.err) {
			reason = r.reason
			break
		}
	}
	switch reason {
	case "error":
		s.Log.Error("oauth sign-in failed", "provider", provider, "err", err, "request_id", c.Locals(localRequestID))
	case "unavailable", "provider_error":
		s.Log.Warn("oauth provider problem", "provider", provider, "err", err, "request_id", c.Locals(localRequestID))
	}
	q := url.Values{"reason": {reason}}
	if label := s.OAuth.Label(provider); label != "" {
		q.Set("provider", label)
	}
	return c.Redirect("/sign-in-problem?"+q.Encode(), fiber.StatusSeeOther)
}

// safeNext keeps a same-origin path ("/x", never "//x" or "/\x") and drops anything else.
func safeNext(raw string) string {
	if raw == "" || len(raw) > 2000 || !strings.HasPrefix(raw, "/") || strings.HasPrefix(raw, "//") || strings.ContainsAny(raw, "\\\r\n\t") {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "/login" {
		return ""
	}
	return u.RequestURI()
}
