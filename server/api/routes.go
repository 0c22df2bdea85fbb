package api

import (
	"github.com/gofiber/fiber/v2"

	"gatehouse/server/apikeys"
	"gatehouse/server/apps"
	"gatehouse/server/oidcprovider"
)

// audience is who may call a route; checked on the server for every route (require).
type audience int

const (
	public         audience = iota // anyone
	signedIn                       // any session, even one that must first choose a new password
	member                         // a session free to use the portal
	staffSupport                   // support, admin, owner
	staffAdmin                     // admin, owner
	staffOwner                     // owner
	providerSigned                 // no session: authenticated by the provider's signature

	// The machine API (/api/v1 only): a Bearer API key, never a session cookie. keyAny is
	// any live key; each other level is a key holding that one scope (scopeOf).
	keyAny
	keyContactsRead
	keyContactsWrite
	keyOffersGrant
	keyCredentialsSend
	keyCredentialsLinks
	keyEmailsRead
	appCredential // no portal session: an app's client credentials, access token or site cookie
)

// scopeOf is the scope an API key level needs ("" for keyAny), and whether level is one.
func scopeOf(level audience) (string, bool) {
	scope, ok := map[audience]string{
		keyAny: "", keyContactsRead: apikeys.ContactsRead, keyContactsWrite: apikeys.ContactsWrite,
		keyOffersGrant: apikeys.OffersGrant, keyCredentialsSend: apikeys.CredentialsSend,
		keyCredentialsLinks: apikeys.CredentialsLinks, keyEmailsRead: apikeys.EmailsRead,
	}[level]
	return scope, ok
}

type route struct {
	Method  string
	Path    string
	Access  audience
	Handler fiber.Handler
}

// routes is the whole HTTP surface. A test walks it against every role (routes_test.go).
func (s *Server) routes() []route {
	return []route{
		// Operations (metrics are served on a listener of their own: metrics.Server).
		{"GET", "/healthz", public, s.healthz},
		{"GET", "/readyz", public, s.readyz},

		// Signing in and getting back in.
		{"POST", "/api/auth/login", public, s.login},
		{"POST", "/api/auth/logout", public, s.logout},
		{"GET", "/api/auth/session", public, s.session},
		{"POST", "/api/auth/forgot-password", public, s.forgotPassword},
		{"POST", "/api/auth/code", public, s.requestCode},
		{"POST", "/api/auth/code/verify", public, s.verifyCode},
		{"POST", "/api/auth/resend-access", public, s.resendAccess},
		{"POST", "/api/auth/reset-password", public, s.resetPassword},
		{"POST", "/api/auth/check-link", public, s.checkLink},
		{"POST", "/api/auth/renew-link", public, s.renewLink},
		{"GET", "/api/auth/providers", public, s.providers},
		{"GET", "/auth/:provider", public, s.oauthStart},
		{"GET", "/auth/:provider/callback", public, s.oauthCallback},

		// Sign in with Gatehouse: the OpenID Connect provider (op's endpoints; oidc.go). The
		// browser steps read the portal session; apps call the rest with their credentials.
		{"GET", "/.well-known/openid-configuration", public, s.withCORS(s.providerEndpoint)},
		{"OPTIONS", "/.well-known/openid-configuration", public, s.withCORS(s.providerEndpoint)},
		{"GET", oidcprovider.AuthorizePath, public, s.authorize},
		{"POST", oidcprovider.AuthorizePath, public, s.authorize},
		{"GET", oidcprovider.LoginPath, public, s.oidcContinue},
		{"GET", oidcprovider.CallbackPath, public, s.oidcCallback},
		{"GET", oidcprovider.EndSessionPath, public, s.oidcEndSession},
		{"GET", oidcprovider.KeysPath, public, s.withCORS(s.providerEndpoint)},
		{"OPTIONS", oidcprovider.KeysPath, public, s.withCORS(s.providerEndpoint)},
		{"POST", oidcprovider.TokenPath, appCredential, s.withCORS(s.throttled(s.providerEndpoint))},
		{"OPTIONS", oidcprovider.TokenPath, public, s.withCORS(s.providerEndpoint)},
		{"GET", oidcprovider.UserinfoPath, appCredential, s.withCORS(s.providerEndpoint)},
		{"POST", oidcprovider.UserinfoPath, appCredential, s.withCORS(s.providerEndpoint)},
		{"OPTIONS", oidcprovider.UserinfoPath, public, s.withCORS(s.providerEndpoint)},
		{"POST", oidcprovider.RevokePath, appCredential, s.throttled(s.providerEndpoint)},
		{"POST", oidcprovider.IntrospectPath, appCredential, s.throttled(s.providerEndpoint)},
		{"GET", "/api/auth/sign-in-target", public, s.signInTarget},

		// Forward-auth for sites behind a reverse proxy (forward_auth.go): the proxy asks, the
		// portal hands the sign-in over, the site's /_gatehouse/callback sets its own cookie.
		{"GET", "/forward-auth", appCredential, s.forwardAuth},
		{"GET", "/forward-auth/start", public, s.forwardAuthStart},
		{"GET", apps.StartPath, public, s.forwardAuthSiteStart},
		{"GET", apps.CallbackPath, public, s.forwardAuthCallback},

		// Delivery events from Resend, authenticated by their signature.
		{"POST", "/api/webhooks/resend", providerSigned, s.resendWebhook},

		// The member portal.
		{"GET", "/api/portal/offers", member, s.portalOffers},
		{"GET", "/api/portal/communities", member, s.portalCommunities},
		{"POST", "/api/portal/password", signedIn, s.changePassword},
		{"GET", "/api/portal/sessions", member, s.listSessions},
		{"DELETE", "/api/portal/sessions/:id", member, s.endSession},
		{"POST", "/api/portal/sessions/sign-out-others", member, s.endOtherSessions},
		{"GET", "/api/portal/identities", member, s.myIdentities},
		{"GET", "/api/portal/apps", member, s.portalApps},
		{"GET", "/api/portal/apps/:id/access", member, s.portalAppAccess},
		{"DELETE", "/api/portal/identities/:id", member, s.disconnectIdentity},

		// The staff desk: contacts and the one-click fixes on the contact record.
		{"GET", "/api/admin/contacts", staffSupport, s.listContacts},
		{"POST", "/api/admin/contacts", staffSupport, s.createContact},
		{"GET", "/api/admin/contacts/:id", staffSupport, s.getContact},
		{"PATCH", "/api/admin/contacts/:id", staffSupport, s.updateContact},
		{"GET", "/api/admin/contacts/:id/events", staffSupport, s.contactEvents},
		{"GET", "/api/admin/contacts/:id/emails", staffSupport, s.contactEmails},
		{"POST", "/api/admin/contacts/:id/offers", staffSupport, s.grantOffer},
		{"DELETE", "/api/admin/contacts/:id/offers/:offer_id", staffAdmin, s.revokeOffer},
		{"POST", "/api/admin/contacts/:id/offers/:offer_id/resend", staffSupport, s.resendWelcome},
		{"POST", "/api/admin/contacts/:id/password", staffAdmin, s.setPassword},
		{"POST", "/api/admin/contacts/:id/reset-link", staffSupport, s.resetLink},
		{"POST", "/api/admin/contacts/:id/access-link", staffSupport, s.accessLink},
		{"POST", "/api/admin/contacts/:id/sign-out", staffSupport, s.signOutContact},
		{"POST", "/api/admin/contacts/:id/disable", staffAdmin, s.disableContact},
		{"POST", "/api/admin/contacts/:id/enable", staffAdmin, s.enableContact},
		{"POST", "/api/admin/contacts/:id/unsuppress", staffAdmin, s.unsuppress},
		{"POST", "/api/admin/contacts/:id/communities", staffSupport, s.addContactCommunity},
		{"DELETE", "/api/admin/contacts/:id/communities/:community_id", staffSupport, s.removeContactCommunity},
		{"GET", "/api/admin/contacts/:id/identities", staffSupport, s.contactIdentities},
		{"DELETE", "/api/admin/contacts/:id/identities/:identity_id", staffAdmin, s.unlinkIdentity},

		// Email.
		{"GET", "/api/admin/emails", staffSupport, s.listEmails},
		{"GET", "/api/admin/emails/overview", staffSupport, s.emailOverview},
		{"POST", "/api/admin/emails/:id/retry", staffSupport, s.retryEmail},
		{"GET", "/api/admin/mailbox", staffOwner, s.listMailbox},
		{"GET", "/api/admin/emails/:id/html", staffSupport, s.getEmailHTML},
		{"GET", "/api/admin/mailbox/:id", staffOwner, s.getMailbox},
		{"GET", "/api/admin/mailbox/:id/html", staffOwner, s.getMailboxHTML},
		{"GET", "/api/admin/access-requests", staffSupport, s.listAccessRequests},

		// Offers and communities.
		{"GET", "/api/admin/offers", staffSupport, s.listOffers},
		{"POST", "/api/admin/offers", staffAdmin, s.createOffer},
		{"POST", "/api/admin/offers/preview", staffSupport, s.previewWelcome},
		{"GET", "/api/admin/offers/:id", staffSupport, s.getOffer},
		{"PATCH", "/api/admin/offers/:id", staffAdmin, s.updateOffer},
		{"DELETE", "/api/admin/offers/:id", staffAdmin, s.archiveOffer},
		{"POST", "/api/admin/offers/:id/restore", staffAdmin, s.restoreOffer},
		{"POST", "/api/admin/offers/:id/test-welcome", staffSupport, s.testWelcome},
		{"GET", "/api/admin/communities", staffSupport, s.listCommunities},
		{"POST", "/api/admin/communities", staffAdmin, s.createCommunity},
		{"GET", "/api/admin/communities/:id", staffSupport, s.getCommunity},
		{"PATCH", "/api/admin/communities/:id", staffAdmin, s.updateCommunity},
		{"DELETE", "/api/admin/communities/:id", staffAdmin, s.archiveCommunity},
		{"POST", "/api/admin/communities/:id/restore", staffAdmin, s.restoreCommunity},
		{"GET", "/api/admin/communities/:id/members", staffSupport, s.communityMembers},

		// Workflows.
		{"GET", "/api/admin/workflows", staffSupport, s.listWorkflows},
		{"POST", "/api/admin/workflows", staffAdmin, s.createWorkflow},
		{"POST", "/api/admin/workflows/recipes/welcome-nudge", staffAdmin, s.createRecipe},
		{"GET", "/api/admin/workflows/:id", staffSupport, s.getWorkflow},
		{"PATCH", "/api/admin/workflows/:id", staffAdmin, s.updateWorkflow},
		{"DELETE", "/api/admin/workflows/:id", staffAdmin, s.deleteWorkflow},
		{"GET", "/api/admin/workflows/:id/runs", staffSupport, s.workflowRuns},
		{"POST", "/api/admin/workflows/:id/test", staffAdmin, s.testWorkflow},
		{"GET", "/api/admin/contacts/:id/workflow-runs", staffSupport, s.contactRuns},

		// Bulk operations.
		{"GET", "/api/admin/bulk", staffSupport, s.listBulk},
		{"POST", "/api/admin/bulk", staffSupport, s.startBulk},
		{"GET", "/api/admin/bulk/:id", staffSupport, s.getBulk},
		{"POST", "/api/admin/bulk/:id/cancel", staffSupport, s.cancelBulk},
		{"POST", "/api/admin/bulk/:id/resume", staffSupport, s.resumeBulk},
		{"GET", "/api/admin/bulk/:id/report", staffSupport, s.bulkReport},

		// CSV import.
		{"GET", "/api/admin/imports", staffAdmin, s.listImports},
		{"POST", "/api/admin/imports", staffAdmin, s.createImport},
		{"GET", "/api/admin/imports/:id", staffAdmin, s.getImport},
		{"POST", "/api/admin/imports/:id/run", staffAdmin, s.runImport},
		{"POST", "/api/admin/imports/:id/cancel", staffAdmin, s.cancelImport},
		{"GET", "/api/admin/imports/:id/report", staffAdmin, s.importReport},
		{"GET", "/api/admin/imports/:id/problems", staffAdmin, s.importProblems},

		// Email templates.
		{"GET", "/api/admin/email-templates", staffSupport, s.listTemplates},
		{"PATCH", "/api/admin/email-templates/:kind", staffAdmin, s.saveTemplate},
		{"POST", "/api/admin/email-templates/:kind/preview", staffSupport, s.previewTemplate},
		{"POST", "/api/admin/email-templates/:kind/test", staffSupport, s.sendTemplateTest},
		{"GET", "/api/admin/previews/:id/html", staffSupport, s.getPreviewHTML},

		// Apps: what offers open (OpenID Connect clients and forward-auth sites).
		{"GET", "/api/admin/apps", staffAdmin, s.listApps},
		{"POST", "/api/admin/apps", staffAdmin, s.createApp},
		{"GET", "/api/admin/apps/:id", staffAdmin, s.getApp},
		{"PATCH", "/api/admin/apps/:id", staffAdmin, s.updateApp},
		{"DELETE", "/api/admin/apps/:id", staffAdmin, s.deleteApp},
		{"POST", "/api/admin/apps/:id/secret", staffAdmin, s.rotateAppSecret},
		{"GET", "/api/admin/contacts/:id/apps", staffSupport, s.contactApps},

		// Staff, settings, audit.
		{"GET", "/api/admin/staff", staffAdmin, s.listStaff},
		{"POST", "/api/admin/staff", staffOwner, s.inviteStaff},
		{"PATCH", "/api/admin/staff/:id", staffOwner, s.changeRole},
		{"GET", "/api/admin/settings", staffAdmin, s.getSettings},
		{"PATCH", "/api/admin/settings", staffAdmin, s.updateSettings},
		{"GET", "/api/admin/audit", staffAdmin, s.listAudit},
		{"GET", "/api/admin/audit.csv", staffAdmin, s.auditCSV},

		// Integrations: API keys and outbound webhooks (admins and owners).
		{"GET", "/api/admin/api-keys", staffAdmin, s.listAPIKeys},
		{"POST", "/api/admin/api-keys", staffAdmin, s.createAPIKey},
		{"DELETE", "/api/admin/api-keys/:id", staffAdmin, s.revokeAPIKey},
		{"GET", "/api/admin/webhooks", staffAdmin, s.listWebhooks},
		{"POST", "/api/admin/webhooks", staffAdmin, s.createWebhook},
		{"GET", "/api/admin/webhooks/:id", staffAdmin, s.getWebhook},
		{"PATCH", "/api/admin/webhooks/:id", staffAdmin, s.updateWebhook},
		{"DELETE", "/api/admin/webhooks/:id", staffAdmin, s.deleteWebhook},
		{"POST", "/api/admin/webhooks/:id/rotate-secret", staffAdmin, s.rotateWebhookSecret},
		{"POST", "/api/admin/webhooks/:id/test", staffAdmin, s.testWebhook},
		{"GET", "/api/admin/webhooks/:id/deliveries", staffAdmin, s.webhookDeliveries},
		{"POST", "/api/admin/webhooks/:id/deliveries/:delivery_id/redeliver", staffAdmin, s.redeliverWebhook},

		// The machine API, version 1 (Bearer API keys; openapi.json is its contract). Every
		// POST takes an Idempotency-Key.
		{"GET", "/api/v1/openapi.json", public, s.openAPIDocument},
		{"POST", "/api/v1/contacts", keyContactsWrite, s.v1UpsertContact},
		{"GET", "/api/v1/contacts/lookup", keyContactsRead, s.v1LookupContact},
		{"GET", "/api/v1/contacts/:id", keyContactsRead, s.v1GetContact},
		{"POST", "/api/v1/contacts/:id/offers", keyOffersGrant, s.v1Grant},
		{"DELETE", "/api/v1/contacts/:id/offers/:offer_id", keyOffersGrant, s.v1Revoke},
		{"POST", "/api/v1/contacts/:id/offers/:offer_id/resend", keyCredentialsSend, s.v1ResendWelcome},
		{"POST", "/api/v1/contacts/:id/communities", keyOffersGrant, s.v1AddCommunity},
		{"DELETE", "/api/v1/contacts/:id/communities/:community_id", keyOffersGrant, s.v1RemoveCommunity},
		{"POST", "/api/v1/contacts/:id/reset-link", keyCredentialsSend, s.v1SendResetLink},
		{"POST", "/api/v1/contacts/:id/access-link", keyCredentialsLinks, s.v1AccessLink},
		{"GET", "/api/v1/contacts/:id/emails", keyEmailsRead, s.v1ContactEmails},
		{"GET", "/api/v1/offers", keyAny, s.v1Offers},
		{"GET", "/api/v1/communities", keyAny, s.v1Communities},
	}
}
