package api

import "github.com/gofiber/fiber/v2"

// access is who may call a route; checked on the server for every route (require).
type access int

const (
	public         access = iota // anyone
	signedIn                     // any session, even one that must first choose a new password
	member                       // a session free to use the portal
	staffSupport                 // support, admin, owner
	staffAdmin                   // admin, owner
	staffOwner                   // owner
	providerSigned               // no session: authenticated by the provider's signature
)

type route struct {
	Method  string
	Path    string
	Access  access
	Handler fiber.Handler
}

// routes is the whole HTTP surface. A test walks it against every role (routes_test.go).
func (s *Server) routes() []route {
	return []route{
		// Operations.
		{"GET", "/healthz", public, s.healthz},
		{"GET", "/readyz", public, s.readyz},
		{"GET", "/metrics", public, s.metricsHandler()},

		// Signing in and getting back in.
		{"POST", "/api/auth/login", public, s.login},
		{"POST", "/api/auth/logout", public, s.logout},
		{"GET", "/api/auth/session", public, s.session},
		{"POST", "/api/auth/forgot-password", public, s.forgotPassword},
		{"POST", "/api/auth/resend-access", public, s.resendAccess},
		{"POST", "/api/auth/reset-password", public, s.resetPassword},
		{"POST", "/api/auth/check-link", public, s.checkLink},
		{"POST", "/api/auth/renew-link", public, s.renewLink},

		// The member portal.
		{"GET", "/api/portal/offers", member, s.portalOffers},
		{"GET", "/api/portal/communities", member, s.portalCommunities},
		{"POST", "/api/portal/password", signedIn, s.changePassword},
		{"GET", "/api/portal/sessions", member, s.listSessions},
		{"DELETE", "/api/portal/sessions/:id", member, s.endSession},
		{"POST", "/api/portal/sessions/sign-out-others", member, s.endOtherSessions},

		// The staff desk.
		{"GET", "/api/admin/contacts", staffSupport, s.listContacts},
		{"POST", "/api/admin/contacts", staffSupport, s.createContact},
		{"GET", "/api/admin/contacts/:id", staffSupport, s.getContact},
		{"POST", "/api/admin/contacts/:id/offers", staffSupport, s.grantOffer},
		{"GET", "/api/admin/contacts/:id/emails", staffSupport, s.contactEmails},
		{"GET", "/api/admin/offers", staffSupport, s.listOffers},
		{"POST", "/api/admin/offers", staffAdmin, s.createOffer},
		{"GET", "/api/admin/emails", staffSupport, s.listEmails},
		{"GET", "/api/admin/mailbox", staffSupport, s.listMailbox},
		{"GET", "/api/admin/mailbox/:id", staffSupport, s.getMailbox},
		{"GET", "/api/admin/access-requests", staffSupport, s.listAccessRequests},
	}
}
