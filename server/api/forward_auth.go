package api

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/apps"
	"gatehouse/server/store"
)

// forwardAuth answers a reverse proxy's question before it serves a protected site: 200 with
// who the visitor is (X-Gatehouse-* headers for the site) when the site's own cookie is live
// for this app and the member passes its rule; otherwise the way to sign in. The portal's
// session cookie is never accepted here: it never reaches another host.
func (s *Server) forwardAuth(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	app, err := s.forwardAuthApp(c, c.Query("app"))
	if err != nil {
		return err
	}
	token := c.Cookies(apps.CookieName(app.ID, true))
	if token == "" {
		token = c.Cookies(apps.CookieName(app.ID, false))
	}
	id, err := s.Gate.Check(c.UserContext(), app.ID, token)
	if errors.Is(err, apps.ErrNoAccess) {
		return s.forwardAuthDenied(c, app)
	}
	if err != nil {
		return err
	}
	h := &c.Response().Header
	h.Set("X-Gatehouse-User", id.ContactID)
	h.Set("X-Gatehouse-Email", headerSafe(id.Email))
	h.Set("X-Gatehouse-Name", headerSafe(id.Name))
	h.Set("X-Gatehouse-Offers", strings.Join(id.Offers, ","))
	h.Set("X-Gatehouse-Communities", strings.Join(id.Communities, ","))
	// Always sent, "member" included: a proxy that copies only headers present in this answer
	// (Caddy before 2.7 writes its placeholder otherwise) must overwrite a forged one.
	h.Set("X-Gatehouse-Role", id.Role)
	return c.SendStatus(fiber.StatusOK)
}

// forwardAuthApp is the app a forward-auth request names; a missing, unknown or non-proxy app
// is the site's configuration error: 404 with the reason.
func (s *Server) forwardAuthApp(c *fiber.Ctx, id string) (store.App, error) {
	if !uuidPattern.MatchString(id) {
		return store.App{}, &Error{Status: 404, Code: CodeNotFound, Message: "No such app: check the app id in the proxy's configuration (forward-auth?app=…)."}
	}
	app, err := s.Gate.App(c.UserContext(), id)
	if errors.Is(err, store.ErrNotFound) || errors.Is(err, apps.ErrNotProxy) {
		return app, &Error{Status: 404, Code: CodeNotFound, Message: "No such forward-auth app: check the app id in the proxy's configuration."}
	}
	return app, err
}

// forwardAuthDenied tells the proxy how to sign the visitor in. Caddy and Traefik pass a
// forward-auth answer other than 2xx to the browser, and say where it was going
// (X-Forwarded-Proto/-Host/-Uri): they get a redirect to sign in. nginx's auth_request turns
// anything but 401 and 403 into an error, so nginx (which sends X-Original-URL) gets 401 with
// the sign-in address in Location, for its error_page to send the browser there. The return
// address is only ever on one of the app's hosts.
func (s *Server) forwardAuthDenied(c *fiber.Ctx, app store.App) error {
	if orig := c.Get("X-Original-URL"); orig != "" {
		if start, ok := s.forwardAuthStartURL(app, orig); ok {
			c.Set(fiber.HeaderLocation, start)
		}
		return c.SendStatus(fiber.StatusUnauthorized)
	}
	host, uri := c.Get("X-Forwarded-Host"), c.Get("X-Forwarded-Uri")
	if host == "" || uri == "" || !strings.HasPrefix(uri, "/") {
		return c.SendStatus(fiber.StatusUnauthorized)
	}
	proto := c.Get("X-Forwarded-Proto")
	if proto != "http" {
		proto = "https"
	}
	start, ok := s.forwardAuthStartURL(app, proto+"://"+host+uri)
	if !ok {
		return c.SendStatus(fiber.StatusUnauthorized)
	}
	return c.Redirect(start, fiber.StatusFound)
}

// forwardAuthStartURL is where a sign-in to a site begins: the site's own /_gatehouse/start
// (through its proxy), which gives the browser a state cookie on the site before it goes to
// the portal, so the callback can tell the sign-in it finishes was started in this browser.
func (s *Server) forwardAuthStartURL(app store.App, rd string) (string, bool) {
	ret, err := apps.ReturnURL(app, rd)
	if err != nil {
		return "", false
	}
	start := url.URL{Scheme: ret.Scheme, Host: ret.Host, Path: apps.StartPath,
		RawQuery: url.Values{"app": {app.ID}, "rd": {ret.String()}}.Encode()}
	return start.String(), true
}

// forwardAuthSiteStart runs on the protected site (its proxy routes /_gatehouse/* here): it
// gives this browser a state cookie on the site, host-only, and sends it to the portal to
// sign in; the portal's one-time code then works only where that cookie is.
func (s *Server) forwardAuthSiteStart(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	portal := strings.TrimSuffix(s.Config.PublicURL.String(), "/")
	app, err := s.forwardAuthApp(c, c.Query("app"))
	if err != nil {
		return c.Redirect(portal+problemPath("unknown_app", "", ""), fiber.StatusSeeOther)
	}
	rd := c.Query("rd")
	if rd == "" {
		rd = apps.LaunchURL(app)
	}
	ret, err := apps.ReturnURL(app, rd)
	if err != nil || !strings.EqualFold(ret.Host, string(c.Request().Host())) {
		return c.Redirect(portal+problemPath("bad_return", app.ID, ""), fiber.StatusSeeOther) // never to rd
	}
	cookie, stateHash := apps.NewState()
	secure := ret.Scheme == "https"
	c.Cookie(&fiber.Cookie{Name: apps.StateCookieName(app.ID, secure), Value: cookie, Path: "/", MaxAge: int(stateLifetime.Seconds()),
		Secure: secure, HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode})
	q := url.Values{"app": {app.ID}, "rd": {ret.String()}, "state": {base64.RawURLEncoding.EncodeToString(stateHash)}}
	return c.Redirect(portal+"/forward-auth/start?"+q.Encode(), fiber.StatusFound)
}

// stateLifetime is how long a site sign-in may take, the portal's login included.
const stateLifetime = 15 * time.Minute

// forwardAuthStart runs on the portal: it signs the member in first if needed (the portal's
// login, naming the app), checks the app's rule, and sends the browser to the site's
// /_gatehouse/callback with a one-time code.
func (s *Server) forwardAuthStart(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	app, err := s.forwardAuthApp(c, c.Query("app"))
	if err != nil {
		return c.Redirect(problemPath("unknown_app", "", ""), fiber.StatusSeeOther)
	}
	rd := c.Query("rd")
	if rd == "" {
		rd = apps.LaunchURL(app)
	}
	if _, err := apps.ReturnURL(app, rd); err != nil {
		return c.Redirect(problemPath("bad_return", app.ID, ""), fiber.StatusSeeOther) // never to rd
	}
	stateHash, err := base64.RawURLEncoding.DecodeString(c.Query("state"))
	if err != nil || len(stateHash) != sha256.Size {
		// Not started on the site (an old bookmark, a link made by hand): start there, so
		// the browser gets the site's state cookie first.
		start, _ := s.forwardAuthStartURL(app, rd)
		return c.Redirect(start, fiber.StatusFound)
	}
	sess, ok := currentSession(c)
	if !ok {
		here := "/forward-auth/start?" + url.Values{"app": {app.ID}, "rd": {rd}, "state": {c.Query("state")}}.Encode()
		return c.Redirect("/login?next="+url.QueryEscape(here), fiber.StatusSeeOther)
	}
	if sess.MustChangePassword {
		return c.Redirect("/choose-password", fiber.StatusSeeOther)
	}
	to, err := s.Gate.Start(c.UserContext(), sess, app, rd, stateHash)
	switch {
	case errors.Is(err, apps.ErrNotAdmitted):
		return c.Redirect("/app-access?app="+url.QueryEscape(app.ID), fiber.StatusSeeOther)
	case err != nil:
		return err
	}
	return c.Redirect(to, fiber.StatusFound)
}

// forwardAuthCallback is reached on the protected site (its proxy routes /_gatehouse/* here):
// it turns the one-time code into the site's own cookie and goes on to the page asked for.
func (s *Server) forwardAuthCallback(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	appID := c.Query("app")
	state := c.Cookies(apps.StateCookieName(appID, true))
	if state == "" {
		state = c.Cookies(apps.StateCookieName(appID, false))
	}
	ck, err := s.Gate.Redeem(c.UserContext(), c.Query("code"), string(c.Request().Host()), c.Query("rd"), state)
	if errors.Is(err, apps.ErrBadCode) || errors.Is(err, apps.ErrWrongSite) {
		portal := strings.TrimSuffix(s.Config.PublicURL.String(), "/")
		return c.Redirect(portal+problemPath("bad_code", "", ""), fiber.StatusSeeOther)
	}
	if err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{Name: ck.Name, Value: ck.Value, Path: "/", Expires: ck.Expires,
		Secure: ck.Secure, HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode})
	c.Cookie(&fiber.Cookie{Name: apps.StateCookieName(ck.App.ID, ck.Secure), Value: "", Path: "/", MaxAge: -1, Expires: time.Unix(0, 0),
		Secure: ck.Secure, HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode})
	return c.Redirect(ck.Return, fiber.StatusFound)
}

// headerSafe keeps a header value on one line.
func headerSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}
