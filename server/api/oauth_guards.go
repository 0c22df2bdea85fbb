package api

import (
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// oauthBodyLimit: an OAuth request is a handful of short form fields.
const oauthBodyLimit = 64 << 10

// Throttle of the client-authenticated OAuth endpoints (token, revocation, introspection): a
// client secret or a code can only be tried this often per IP, on every instance together.
const (
	oauthPerIP     = 600
	oauthWindow    = time.Minute
	mimeForm       = "application/x-www-form-urlencoded"
	headerOrigin   = "Origin"
	corsMaxAgeSecs = "600"
)

// oauthError answers in OAuth's error shape (RFC 6749 5.2), which OAuth clients parse,
// instead of the portal API's.
func oauthError(c *fiber.Ctx, status int, code, description string) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(status).JSON(fiber.Map{"error": code, "error_description": description})
}

// oauthGuards apply to every /oauth request: nothing is cached, and a state-changing request
// carries a small, uncompressed form body (OAuth's format; the portal API's JSON-only rule
// does not apply here, and neither does its same-origin check: apps call from their servers,
// public clients from their own origins).
func (s *Server) oauthGuards(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set("Pragma", "no-cache")
	if urlHasNUL(c.Request().URI().Path(), c.Request().URI().QueryString()) {
		return oauthError(c, 400, "invalid_request", "The request contains a NUL character.")
	}
	if !unsafeMethod(c.Method()) {
		return c.Next()
	}
	if enc := strings.ToLower(strings.TrimSpace(c.Get(fiber.HeaderContentEncoding))); enc != "" && enc != "identity" {
		return oauthError(c, 415, "invalid_request", "Compressed request bodies are not accepted.")
	}
	if len(c.Body()) > oauthBodyLimit {
		return oauthError(c, 413, "invalid_request", "The request body is too large.")
	}
	ct := strings.ToLower(strings.TrimSpace(strings.Split(c.Get(fiber.HeaderContentType), ";")[0]))
	if len(c.Body()) > 0 && ct != mimeForm {
		return oauthError(c, 415, "invalid_request", "Send the parameters as application/x-www-form-urlencoded.")
	}
	return c.Next()
}

// throttled counts a request against the caller's IP before handing it on.
func (s *Server) throttled(next fiber.Handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		n, until, err := s.Store.Hit(c.UserContext(), "oauth:ip:"+meta(c).IP, oauthWindow, s.Now())
		if err != nil {
			return err
		}
		if n > oauthPerIP {
			c.Set(fiber.HeaderRetryAfter, strconv.Itoa(max(1, int(until.Sub(s.Now()).Seconds()+0.5))))
			return oauthError(c, 429, "temporarily_unavailable", "Too many requests from your address. Try again in a minute.")
		}
		return next(c)
	}
}

// withCORS answers cross-origin calls from public (PKCE-only) clients, which run in the
// browser at one of their redirect URIs' origins: only those origins, only on the endpoints
// such a client calls (discovery, token, userinfo, key set), and never with credentials (no
// cookie is involved). Every other origin, and every other endpoint, gets no CORS at all.
func (s *Server) withCORS(next fiber.Handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		origin := c.Get(headerOrigin)
		if origin == "" || len(origin) > 300 {
			if c.Method() == fiber.MethodOptions {
				return c.SendStatus(fiber.StatusNoContent)
			}
			return next(c)
		}
		ok, err := s.Store.PublicClientOrigins(c.UserContext(), origin)
		if err != nil {
			return err
		}
		c.Vary(headerOrigin)
		if ok {
			c.Set(fiber.HeaderAccessControlAllowOrigin, origin)
		}
		if c.Method() != fiber.MethodOptions {
			return next(c)
		}
		if !ok {
			return c.SendStatus(fiber.StatusForbidden)
		}
		c.Set(fiber.HeaderAccessControlAllowMethods, "GET, POST")
		c.Set(fiber.HeaderAccessControlAllowHeaders, "Authorization, Content-Type")
		c.Set(fiber.HeaderAccessControlMaxAge, corsMaxAgeSecs)
		return c.SendStatus(fiber.StatusNoContent)
	}
}
