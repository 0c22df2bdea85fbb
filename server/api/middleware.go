package api

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/auth"
	"gatehouse/server/store"
)

// Locals keys.
const (
	localRequestID = "request_id"
	localClientIP  = "client_ip"
	localSession   = "session"
	localRawToken  = "session_token"
)

const csrfHeader = "X-CSRF-Token"

// requestID gives every request an id, echoed in X-Request-Id, error bodies and logs.
func (s *Server) requestID(c *fiber.Ctx) error {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	id := hex.EncodeToString(b)
	c.Locals(localRequestID, id)
	c.Set("X-Request-Id", id)
	return c.Next()
}

// clientIP decides once who the request comes from: the peer, or behind a trusted proxy the
// rightmost X-Forwarded-For entry that is not a trusted proxy (clientip).
func (s *Server) clientIP(c *fiber.Ctx) error {
	peer, _ := netip.AddrFromSlice(c.Context().RemoteIP())
	var forwarded []string
	for _, v := range c.Request().Header.PeekAll(fiber.HeaderXForwardedFor) {
		forwarded = append(forwarded, string(v))
	}
	c.Locals(localClientIP, s.Config.TrustedProxies.Client(peer, forwarded).String())
	return c.Next()
}

// observe logs each request (never its query string or body) and records its latency.
func (s *Server) observe(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	if err != nil {
		// Write the error now so the status logged is the one sent.
		if herr := c.App().ErrorHandler(c, err); herr != nil {
			c.Status(fiber.StatusInternalServerError)
		}
		err = nil
	}
	d := time.Since(start)
	status := c.Response().StatusCode()
	route := routeOf(c)
	method := strings.Clone(c.Method()) // Fiber reuses the buffer; metrics keep the label
	s.Metrics.ObserveHTTP(method, route, status, d)
	level := s.Log.Debug
	if status >= 500 {
		level = s.Log.Warn
	} else if strings.HasPrefix(c.Path(), "/api/") || strings.HasPrefix(c.Path(), "/auth/") {
		level = s.Log.Info
	}
	level("request", "request_id", c.Locals(localRequestID), "method", method, "route", route,
		"status", status, "duration_ms", float64(d.Microseconds())/1000, "ip", meta(c).IP)
	return err
}

// routeOf is the matched route pattern (bounded label set for metrics), not the raw path.
func routeOf(c *fiber.Ctx) string {
	if r := c.Route(); r != nil && r.Path != "" && r.Path != "/" {
		return r.Path
	}
	return "unmatched"
}

// securityHeaders sets the headers every response carries (SECURITY.md "Web").
func (s *Server) securityHeaders(c *fiber.Ctx) error {
	h := &c.Response().Header
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	// Token pages carry secrets in the URL fragment; no page of ours needs to tell another
	// site where the visitor came from.
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	if s.Config.Secure() {
		h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
	}
	return c.Next()
}

func unsafeMethod(m string) bool {
	return m != fiber.MethodGet && m != fiber.MethodHead && m != fiber.MethodOptions
}

// apiGuards applies to every /api request: no caching, and for state-changing methods a JSON
// body of bounded size from our own origin. JSON-only plus the origin check is what keeps
// another site's forms from acting with a member's cookies.
func (s *Server) apiGuards(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	if urlHasNUL(c.Request().URI().Path(), c.Request().URI().QueryString()) {
		return errNUL
	}
	if !unsafeMethod(c.Method()) {
		return c.Next()
	}
	webhook := strings.HasPrefix(c.Path(), "/api/webhooks/")
	if enc := strings.ToLower(strings.TrimSpace(c.Get(fiber.HeaderContentEncoding))); enc != "" && enc != "identity" {
		// fasthttp would inflate a compressed body without a limit (a zip bomb).
		return &Error{Status: 415, Code: CodeUnsupportedType, Message: "Compressed request bodies are not accepted."}
	}
	ct := strings.ToLower(strings.TrimSpace(strings.Split(c.Get(fiber.HeaderContentType), ";")[0]))
	upload := c.Path() == importPath && c.Method() == fiber.MethodPost && ct == fiber.MIMEMultipartForm
	if len(c.Body()) > jsonBodyLimit && !upload { // only the CSV import takes more (bodyLimit)
		return &Error{Status: 413, Code: "body_too_large", Message: "The request body is too large."}
	}
	if len(c.Body()) > 0 && ct != fiber.MIMEApplicationJSON && !upload {
		return &Error{Status: 415, Code: CodeUnsupportedType, Message: "Send the request body as application/json."}
	}
	// The machine API takes no cookies, so a browser on another site has nothing to ride.
	if !webhook && !machinePath(c.Path()) && !s.sameOrigin(c) {
		return &Error{Status: 403, Code: CodeCrossOrigin, Message: "This request came from another site."}
	}
	return c.Next()
}

// sameOrigin accepts a state-changing request only from our own pages: an Origin header, if
// sent, must be the public URL's or the request's own; Sec-Fetch-Site, if sent, must not be
// cross-site. Clients that send neither (curl, server-to-server) are not browsers riding a
// member's cookies.
func (s *Server) sameOrigin(c *fiber.Ctx) bool {
	if origin := c.Get(fiber.HeaderOrigin); origin != "" {
		u, err := url.Parse(origin)
		if err != nil || u.Host == "" {
			return false
		}
		return u.Host == s.Config.PublicURL.Host || u.Host == string(c.Request().Host())
	}
	switch c.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
		return true
	}
	return false
}

// loadSession resolves the session cookie, if any, for the handlers and require.
func (s *Server) loadSession(c *fiber.Ctx) error {
	raw := c.Cookies(s.cookieName())
	if raw == "" || machinePath(c.Path()) { // /api/v1 answers to API keys only
		return c.Next()
	}
	sess, err := s.Auth.Authenticate(c.UserContext(), raw)
	switch {
	case errors.Is(err, auth.ErrNoSession):
		s.clearCookie(c)
	case err != nil:
		return err
	default:
		c.Locals(localSession, sess)
		c.Locals(localRawToken, raw)
	}
	return c.Next()
}

// require enforces a route's access level, and the CSRF token on state-changing requests
// made with a session.
func (s *Server) require(level audience) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if level == public || level == providerSigned || level == appCredential {
			return c.Next()
		}
		if scope, ok := scopeOf(level); ok {
			return s.requireKey(c, scope)
		}
		sess, ok := currentSession(c)
		if !ok {
			return &Error{Status: 401, Code: CodeUnauthenticated, Message: "Please sign in."}
		}
		if level != signedIn && sess.MustChangePassword {
			return &Error{Status: 403, Code: CodePasswordChange, Message: "Choose a new password to continue."}
		}
		if min := minRole(level); min != "" && !auth.RoleAtLeast(sess.Contact.Role, min) {
			return &Error{Status: 403, Code: CodeForbidden, Message: "Your role does not allow this."}
		}
		if unsafeMethod(c.Method()) {
			raw, _ := c.Locals(localRawToken).(string)
			if !auth.ValidCSRF(raw, c.Get(csrfHeader)) {
				return &Error{Status: 403, Code: CodeCSRF, Message: "Your session token is missing or stale. Reload the page and try again."}
			}
		}
		return c.Next()
	}
}

func minRole(level audience) string {
	switch level {
	case staffSupport:
		return auth.RoleSupport
	case staffAdmin:
		return auth.RoleAdmin
	case staffOwner:
		return auth.RoleOwner
	}
	return ""
}

func currentSession(c *fiber.Ctx) (store.Session, bool) {
	sess, ok := c.Locals(localSession).(store.Session)
	return sess, ok
}

// meta is the request's origin for throttles, sessions and audit. Strings are copied: Fiber
// reuses its buffers after the handler returns.
func meta(c *fiber.Ctx) auth.Meta {
	ip, ok := c.Locals(localClientIP).(string)
	if !ok {
		ip = strings.Clone(c.IP())
	}
	return auth.Meta{IP: ip, UserAgent: strings.Clone(c.Get(fiber.HeaderUserAgent))}
}
