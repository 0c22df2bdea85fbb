package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/apikeys"
	"gatehouse/server/store"
)

// API keys for the machine API (Admin → Integrations). The full key is in the answer to its
// creation only; lists show its prefix.

type apiKeyJSON struct {
	ID            string     `json:"id"`
	Name          string     `json:"name"`
	Prefix        string     `json:"prefix"`
	Scopes        []string   `json:"scopes"`
	RatePerMinute int        `json:"rate_per_minute"`
	CreatedBy     string     `json:"created_by"` // the creator's email
	CreatedAt     time.Time  `json:"created_at"`
	LastUsedAt    *time.Time `json:"last_used_at"`
	RevokedAt     *time.Time `json:"revoked_at"`
}

func toAPIKeyJSON(k store.APIKey) apiKeyJSON {
	return apiKeyJSON{ID: k.ID, Name: k.Name, Prefix: k.Prefix, Scopes: k.Scopes, RatePerMinute: k.RatePerMinute,
		CreatedBy: k.CreatedByEmail, CreatedAt: k.CreatedAt, LastUsedAt: timePtr(k.LastUsedAt), RevokedAt: timePtr(k.RevokedAt)}
}

func (s *Server) listAPIKeys(c *fiber.Ctx) error {
	p, err := newestPage(c, 50, 200)
	if err != nil {
		return err
	}
	list, err := s.APIKeys.List(c.UserContext(), p)
	if err != nil {
		return err
	}
	list, next := pageOf(list, p, func(k store.APIKey) (time.Time, string) { return k.CreatedAt, k.ID })
	items := make([]apiKeyJSON, len(list))
	for i, k := range list {
		items[i] = toAPIKeyJSON(k)
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": next, "scopes": apikeys.Scopes})
}

type apiKeyRequest struct {
	Name          string   `json:"name"`
	Scopes        []string `json:"scopes"`
	RatePerMinute *int     `json:"rate_per_minute"`
}

// createAPIKey answers the new key with its secret, this once (the answer is never cached:
// apiGuards sets no-store on every /api answer).
func (s *Server) createAPIKey(c *fiber.Ctx) error {
	var req apiKeyRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	k, raw, err := s.APIKeys.Create(c.UserContext(), actor(c), apikeys.NewKey{Name: req.Name, Scopes: req.Scopes, RatePerMinute: req.RatePerMinute})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(struct {
		apiKeyJSON
		Key string `json:"key"`
	}{toAPIKeyJSON(k), raw})
}

func (s *Server) revokeAPIKey(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := emptyBody(c); err != nil {
		return err
	}
	if err := s.APIKeys.Revoke(c.UserContext(), actor(c), id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
