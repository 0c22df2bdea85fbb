package api

import (
	_ "embed"

	"github.com/gofiber/fiber/v2"
)

// openAPIv1 describes the machine API. It is the contract: the API tests validate every
// request and answer against it, so it cannot drift from what the server does.
//
//go:embed openapi.json
var openAPIv1 []byte

// OpenAPIv1 returns the document (tests validate against it).
func OpenAPIv1() []byte { return openAPIv1 }

// openAPIDocument serves the document to anyone: it holds no secret, and tools (code
// generators, the admin area's reference page) read it without a key.
func (s *Server) openAPIDocument(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	return c.Send(openAPIv1)
}
