package api

import (
	"bytes"
	"errors"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/zitadel/oidc/v3/pkg/oidc"

	"gatehouse/server/oidcprovider"
)

// providerEndpoint hands a request to op (discovery, authorize, token, userinfo, revocation,
// introspection, key set): the protocol is op's, not ours.
func (s *Server) providerEndpoint(c *fiber.Ctx) error {
	if s.provider == nil {
		return fiber.ErrNotFound
	}
	return s.provider(c)
}

// authorize is op's /authorize, with its refusals turned into a page: a request op will not
// send back to the app (unknown client, a redirect URI that is not registered) must not
// redirect anywhere, and a person should read why rather than op's plain-text 400.
func (s *Server) authorize(c *fiber.Ctx) error {
	if err := s.providerEndpoint(c); err != nil {
		return err
	}
	return s.problemInsteadOfText(c)
}

func (s *Server) problemInsteadOfText(c *fiber.Ctx) error {
	res := c.Response()
	if res.StatusCode() != fiber.StatusBadRequest || !bytes.HasPrefix(res.Header.ContentType(), []byte("text/plain")) {
		return nil
	}
	detail := strings.TrimSpace(string(res.Body()))
	if len(detail) > 300 {
		detail = detail[:300]
	}
	res.ResetBody()
	return c.Redirect(problemPath("invalid_request", "", detail), fiber.StatusSeeOther)
}

// problemPath is the portal page that explains a refused app sign-in.
func problemPath(reason, appID, detail string) string {
	q := url.Values{"reason": {reason}}
	if appID != "" {
		q.Set("app", appID)
	}
	if detail != "" {
		q.Set("detail", detail)
	}
	return "/app-problem?" + q.Encode()
}

// oidcContinue is the step between /authorize and op's callback: it makes sure a member is
// signed in on the portal (sending them to the portal's own login, which names the app) and
// passes the app's rule (else a page saying so, never a token), then marks the request done.
// No consent screen: these are the business's own apps.
func (s *Server) oidcContinue(c *fiber.Ctx) error {
	ctx := c.UserContext()
	pd, err := s.OIDC.Pending(ctx, c.Query("id"))
	if errors.Is(err, oidcprovider.ErrNoRequest) {
		return c.Redirect(problemPath("expired", "", ""), fiber.StatusSeeOther)
	}
	if err != nil {
		return err
	}
	here := oidcprovider.LoginPath + "?id=" + url.QueryEscape(pd.Request.ID)
	sess, signedIn := currentSession(c)
	if signedIn && pd.NeedsFreshSignIn(sess.CreatedAt, s.Now()) {
		// prompt=login or max_age: the app wants a sign-in newer than this session's.
		raw, _ := c.Locals(localRawToken).(string)
		if err := s.Auth.Logout(ctx, raw); err != nil {
			return err
		}
		s.clearCookie(c)
		signedIn = false
	}
	switch {
	case !signedIn && pd.Silent():
		return s.appError(c, pd, oidc.ErrLoginRequired())
	case !signedIn:
		return c.Redirect("/login?next="+url.QueryEscape(here), fiber.StatusSeeOther)
	case sess.MustChangePassword:
		return c.Redirect("/choose-password", fiber.StatusSeeOther)
	}
	ok, err := s.Store.AppAdmits(ctx, pd.App.ID, sess.ContactID)
	if err != nil {
		return err
	}
	if !ok {
		if pd.Silent() {
			return s.appError(c, pd, oidc.ErrAccessDenied().WithDescription("the account does not include this app"))
		}
		return c.Redirect("/app-access?app="+url.QueryEscape(pd.App.ID), fiber.StatusSeeOther)
	}
	if err := s.OIDC.Complete(ctx, pd, sess); err != nil {
		if errors.Is(err, oidcprovider.ErrNoRequest) {
			return c.Redirect(problemPath("expired", "", ""), fiber.StatusSeeOther)
		}
		return err
	}
	return c.Redirect(oidcprovider.CallbackURL(pd.Request.ID), fiber.StatusFound)
}

// appError sends the browser back to the app with an OAuth error (to the redirect URI op
// checked when the request was made).
func (s *Server) appError(c *fiber.Ctx, pd oidcprovider.Pending, e *oidc.Error) error {
	to, err := s.OIDC.ErrorRedirect(pd, e)
	if err != nil {
		return err
	}
	return c.Redirect(to, fiber.StatusFound)
}

// oidcCallback is op's callback (it issues the code), for the browser session that completed
// the request only: an authorization request completed in another browser yields nothing here.
func (s *Server) oidcCallback(c *fiber.Ctx) error {
	sess, ok := currentSession(c)
	if !ok {
		return c.Redirect(problemPath("expired", "", ""), fiber.StatusSeeOther)
	}
	allowed, err := s.OIDC.CallbackAllowed(c.UserContext(), c.Query("id"), sess.ID)
	if err != nil {
		return err
	}
	if !allowed {
		return c.Redirect(problemPath("expired", "", ""), fiber.StatusSeeOther)
	}
	if err := s.providerEndpoint(c); err != nil {
		return err
	}
	return s.problemInsteadOfText(c)
}

// oidcEndSession is RP-initiated logout: op checks the id_token_hint and the post-logout
// redirect URI, the app's tokens for the member are revoked (storage.TerminateSession), and
// when the hint names the member signed in in this browser, their portal session ends too.
// Without a valid hint nothing on the portal ends (a link from anywhere must not sign people
// out).
func (s *Server) oidcEndSession(c *fiber.Ctx) error {
	subject := s.OIDC.EndSessionSubject(c.UserContext(), c.Query("id_token_hint"))
	if err := s.providerEndpoint(c); err != nil {
		return err
	}
	if status := c.Response().StatusCode(); status != fiber.StatusFound {
		c.Response().ResetBody()
		return c.Redirect(problemPath("invalid_logout", "", ""), fiber.StatusSeeOther)
	}
	if sess, ok := currentSession(c); ok && subject != "" && sess.ContactID == subject {
		raw, _ := c.Locals(localRawToken).(string)
		if err := s.Auth.Logout(c.UserContext(), raw); err != nil {
			return err
		}
		s.clearCookie(c)
	}
	return nil
}
