package api

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/access"
	"gatehouse/server/apikeys"
	"gatehouse/server/store"
)

// The machine API (/api/v1): Bearer API keys instead of sessions, scopes instead of roles,
// a rate limit per key, Idempotency-Key on POSTs (idempotency.go).

const localAPIKey = "api_key"

func machinePath(path string) bool { return path == "/api/v1" || strings.HasPrefix(path, "/api/v1/") }

// keyInQuery refuses an API key in the query string anywhere under /api/v1, before anything
// else happens: URLs end up in proxy logs, browser history and referrers, so a key sent there
// must be treated as leaked (the answer says so), never accepted.
func (s *Server) keyInQuery(c *fiber.Ctx) error {
	q, err := url.ParseQuery(string(c.Request().URI().QueryString()))
	if err != nil {
		return &Error{Status: 400, Code: "bad_request", Message: "The query string is malformed."}
	}
	for name, values := range q {
		lower := strings.ToLower(name)
		leaked := lower == "api_key" || lower == "apikey" || lower == "access_token" || lower == "key" || lower == "token"
		for _, v := range values {
			leaked = leaked || strings.Contains(v, apikeys.Prefix)
		}
		if leaked {
			return &Error{Status: 400, Code: "api_key_in_query", Message: "Send the API key in the Authorization header (Bearer), never in the URL. A key that was sent in a URL may be in logs: revoke it and make a new one."}
		}
	}
	return c.Next()
}

// requireKey authenticates the Bearer key, counts the call against its rate limit and checks
// its scope ("" for any key).
func (s *Server) requireKey(c *fiber.Ctx, scope string) error {
	auth := c.Get(fiber.HeaderAuthorization)
	raw, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || strings.TrimSpace(raw) == "" {
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="gatehouse"`)
		return &Error{Status: 401, Code: CodeUnauthenticated, Message: "Send an API key as Authorization: Bearer gatehouse_…"}
	}
	k, err := s.APIKeys.Authenticate(c.UserContext(), strings.TrimSpace(raw))
	if err != nil {
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="gatehouse", error="invalid_token"`)
		return err
	}
	if err := s.APIKeys.Allow(c.UserContext(), k); err != nil {
		return err
	}
	if scope != "" && !apikeys.Has(k, scope) {
		return &Error{Status: 403, Code: "insufficient_scope", Message: "This API key does not have the " + scope + " scope."}
	}
	c.Locals(localAPIKey, k)
	return c.Next()
}

// currentKey is the API key of a /api/v1 request (set by requireKey).
func currentKey(c *fiber.Ctx) store.APIKey {
	k, _ := c.Locals(localAPIKey).(store.APIKey)
	return k
}

// keyActor is the key acting, for the role rule (never on staff) and the audit log.
func keyActor(c *fiber.Ctx) access.Actor {
	m := meta(c)
	return apikeys.Actor(currentKey(c), m.IP, m.UserAgent)
}
