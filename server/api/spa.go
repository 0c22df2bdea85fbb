package api

import (
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/filesystem"
)

// mountSPA serves the embedded portal: real files as they are (hashed assets cached for a
// year), any other GET outside /api and /auth gets index.html (client-side routes), which is
// never cached so a deploy is picked up at once.
func (s *Server) mountSPA(app *fiber.App) {
	index, err := fs.ReadFile(s.Frontend, "index.html")
	if err != nil {
		index = []byte("<!doctype html><title>Gatehouse</title><p>The portal is not built. Run <code>npm run build</code>, then rebuild the server.</p>")
	}
	files := http.FS(s.Frontend)
	app.Get("/*", func(c *fiber.Ctx) error {
		p := path.Clean("/" + c.Params("*"))
		if strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/auth/") {
			return fiber.ErrNotFound
		}
		if name := strings.TrimPrefix(p, "/"); name != "" && name != "index.html" {
			if st, err := fs.Stat(s.Frontend, name); err == nil && !st.IsDir() {
				if strings.HasPrefix(name, "assets/") {
					c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
				} else {
					c.Set(fiber.HeaderCacheControl, "no-cache")
				}
				return filesystem.SendFile(c, files, name)
			}
			if strings.HasPrefix(name, "assets/") {
				return fiber.ErrNotFound // a missing asset is a 404, not the app
			}
		}
		c.Set(fiber.HeaderCacheControl, "no-cache")
		c.Type("html")
		return c.Send(index)
	})
}
