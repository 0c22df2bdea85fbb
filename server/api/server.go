// Package api is Gatehouse's HTTP surface: the JSON API, the OAuth redirects, the operations
// endpoints and the embedded portal, on Fiber. Handlers are thin: they parse, call store, auth
// or desk, and map results to response structs. routes.go lists every route.
package api

import (
	"database/sql"
	"io/fs"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/riverqueue/river"

	"gatehouse/server/apikeys"
	"gatehouse/server/apps"
	"gatehouse/server/auth"
	"gatehouse/server/bulk"
	"gatehouse/server/config"
	"gatehouse/server/desk"
	"gatehouse/server/importer"
	"gatehouse/server/jobs"
	"gatehouse/server/metrics"
	"gatehouse/server/oauth"
	"gatehouse/server/oidcprovider"
	"gatehouse/server/serverkey"
	"gatehouse/server/store"
	"gatehouse/server/webhooks"
	"gatehouse/server/workflows"
)

// Deps are what the API is built from; main constructs them.
type Deps struct {
	Config     *config.Config
	Store      *store.Store
	Auth       *auth.Service
	Desk       *desk.Service
	Webhooks   *jobs.Webhooks
	Workflows  *workflows.Engine
	Bulk       *bulk.Service
	Importer   *importer.Importer
	OAuth      *oauth.Registry
	River      *river.Client[*sql.Tx] // for the few handlers that queue jobs directly
	Metrics    *metrics.Metrics
	Keys       *serverkey.Ring // the server key: seals what must be read back, keys short-code HMACs
	APIKeys    *apikeys.Service
	Hooks      *webhooks.Service      // outbound webhook endpoints and their delivery logs
	Apps       *apps.Service          // Admin → Apps
	Gate       *apps.Gate             // forward-auth
	OIDC       *oidcprovider.Provider // Sign in with Gatehouse
	Frontend   fs.FS                  // the built portal
	Migrations fs.FS                  // for /readyz
	Log        *slog.Logger
	Now        func() time.Time
}

// Server holds the handlers' dependencies.
type Server struct {
	Deps
	migrated     atomic.Bool   // /readyz: once all migrations are seen applied, they stay applied
	uploadAccess audience      // who may send the import's larger body (bodylimit.go)
	provider     fiber.Handler // op's endpoints (net/http) inside Fiber
}

// New builds the Fiber app with every route.
func New(d Deps) *fiber.App {
	s := &Server{Deps: d}
	s.uploadAccess = s.accessOf(fiber.MethodPost, importPath)
	if d.OIDC != nil {
		s.provider = adaptor.HTTPHandler(d.OIDC)
	}
	cfg := fiber.Config{
		AppName:      "gatehouse",
		ErrorHandler: errorHandler(d.Log),
		// Raised per request for the import upload only, when its headers arrive (bodylimit.go).
		BodyLimit: jsonBodyLimit,
		// Multipart bodies are parsed only by the import handler, after its checks.
		DisablePreParseMultipartForm: true,
		ReadTimeout:                  30 * time.Second,
		WriteTimeout:                 60 * time.Second,
		IdleTimeout:                  120 * time.Second,
		DisableStartupMessage:        true,
		// Fiber's ProxyHeader stays off: it takes the leftmost X-Forwarded-For entry, which the
		// client writes. clientIP reads it from the right (SECURITY.md).
	}
	app := fiber.New(cfg)
	app.Server().HeaderReceived = s.requestLimits
	app.Use(s.requestID, s.clientIP, s.observe, recover.New(), s.securityHeaders)
	app.Use("/api", s.apiGuards)
	// Sessions are read only where routes use them: not for assets, the SPA's pages or probes.
	app.Use("/api", s.loadSession)
	app.Use("/auth", s.loadSession)
	app.Use("/api/v1", s.keyInQuery)
	// OAuth's endpoints take form bodies (RFC 6749) and answer in OAuth's error shape; the
	// portal session is read only by the steps a browser goes through (continue, callback,
	// sign-out) and by forward-auth's start, which runs on the portal's host.
	app.Use("/oauth", s.oauthGuards, s.loadSession)
	app.Use("/forward-auth/start", s.loadSession)
	for _, r := range s.routes() {
		handlers := []fiber.Handler{s.require(r.Access)}
		if _, key := scopeOf(r.Access); key && r.Method == fiber.MethodPost {
			handlers = append(handlers, s.idempotent)
		}
		app.Add(r.Method, r.Path, append(handlers, r.Handler)...)
	}
	app.All("/api/*", func(*fiber.Ctx) error { return fiber.ErrNotFound })
	app.All("/auth/*", func(*fiber.Ctx) error { return fiber.ErrNotFound })
	// Metrics live on their own listener; here /metrics is a plain 404, not the SPA.
	app.All("/metrics*", func(*fiber.Ctx) error { return fiber.ErrNotFound })
	app.All("/oauth/*", func(*fiber.Ctx) error { return fiber.ErrNotFound })
	app.All("/_gatehouse/*", func(*fiber.Ctx) error { return fiber.ErrNotFound })
	s.mountSPA(app)
	return app
}
