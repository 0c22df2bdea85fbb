package api

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
)

// healthz says the process is up; it touches nothing else.
func (s *Server) healthz(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"status": "ok"})
}

// readyz says the instance can serve: the database answers and every migration is applied.
func (s *Server) readyz(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
	defer cancel()
	if err := s.Store.Ping(ctx); err != nil {
		return &Error{Status: 503, Code: "database_unavailable", Message: "The database is not reachable."}
	}
	if !s.migrated.Load() {
		pending, err := s.Store.Pending(ctx, s.Migrations)
		if err != nil || pending > 0 {
			return &Error{Status: 503, Code: "migrations_pending", Message: "Database migrations are not applied yet."}
		}
		s.migrated.Store(true)
	}
	return c.JSON(fiber.Map{"status": "ready"})
}
