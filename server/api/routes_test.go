package api

import (
	"context"
	"slices"
	"strings"
	"testing"

	"gatehouse/server/access"
	"gatehouse/server/apikeys"
)

// expectedAccess is the authorization table, written out by hand: a new route fails this test
// until someone decides who may call it.
var expectedAccess = map[string]audience{
	"GET /healthz": public, "GET /readyz": public,
	"POST /api/auth/login": public, "POST /api/auth/logout": public, "GET /api/auth/session": public,
	"POST /api/auth/forgot-password": public, "POST /api/auth/code": public, "POST /api/auth/code/verify": public, "POST /api/auth/resend-access": public,
	"POST /api/auth/reset-password": public, "POST /api/webhooks/resend": providerSigned, "POST /api/auth/check-link": public, "POST /api/auth/renew-link": public,
	"GET /api/auth/providers": public, "GET /auth/:provider": public, "GET /auth/:provider/callback": public,

	"GET /.well-known/openid-configuration": public, "OPTIONS /.well-known/openid-configuration": public,
	"GET /oauth/authorize": public, "POST /oauth/authorize": public, "GET /oauth/continue": public,
	"GET /oauth/authorize/callback": public, "GET /oauth/end_session": public,
	"GET /oauth/keys": public, "OPTIONS /oauth/keys": public, "OPTIONS /oauth/token": public, "OPTIONS /oauth/userinfo": public,
	"POST /oauth/token": appCredential, "GET /oauth/userinfo": appCredential, "POST /oauth/userinfo": appCredential,
	"POST /oauth/revoke": appCredential, "POST /oauth/introspect": appCredential, "GET /api/auth/sign-in-target": public,
	"GET /forward-auth": appCredential, "GET /forward-auth/start": public, "GET /_gatehouse/start": public, "GET /_gatehouse/callback": public,

	"GET /api/portal/offers": member, "GET /api/portal/communities": member, "POST /api/portal/password": signedIn,
	"GET /api/portal/sessions": member, "DELETE /api/portal/sessions/:id": member, "POST /api/portal/sessions/sign-out-others": member,
	"GET /api/portal/identities": member, "DELETE /api/portal/identities/:id": member,
	"GET /api/portal/apps": member, "GET /api/portal/apps/:id/access": member,

	"GET /api/admin/contacts": staffSupport, "POST /api/admin/contacts": staffSupport,
	"GET /api/admin/contacts/:id": staffSupport, "PATCH /api/admin/contacts/:id": staffSupport,
	"GET /api/admin/contacts/:id/events": staffSupport, "GET /api/admin/contacts/:id/emails": staffSupport,
	"POST /api/admin/contacts/:id/offers": staffSupport, "DELETE /api/admin/contacts/:id/offers/:offer_id": staffAdmin,
	"POST /api/admin/contacts/:id/offers/:offer_id/resend": staffSupport, "POST /api/admin/contacts/:id/password": staffAdmin,
	"POST /api/admin/contacts/:id/reset-link": staffSupport, "POST /api/admin/contacts/:id/access-link": staffSupport,
	"POST /api/admin/contacts/:id/sign-out": staffSupport, "POST /api/admin/contacts/:id/disable": staffAdmin,
	"POST /api/admin/contacts/:id/enable": staffAdmin, "POST /api/admin/contacts/:id/unsuppress": staffAdmin,
	"POST /api/admin/contacts/:id/communities": staffSupport, "DELETE /api/admin/contacts/:id/communities/:community_id": staffSupport,
	"GET /api/admin/contacts/:id/identities": staffSupport, "DELETE /api/admin/contacts/:id/identities/:identity_id": staffAdmin,

	"GET /api/admin/emails": staffSupport, "GET /api/admin/emails/overview": staffSupport, "POST /api/admin/emails/:id/retry": staffSupport,
	"GET /api/admin/mailbox": staffOwner, "GET /api/admin/mailbox/:id": staffOwner,
	"GET /api/admin/mailbox/:id/html": staffOwner, "GET /api/admin/emails/:id/html": staffSupport, "GET /api/admin/access-requests": staffSupport,

	"GET /api/admin/offers": staffSupport, "POST /api/admin/offers": staffAdmin, "POST /api/admin/offers/preview": staffSupport,
	"GET /api/admin/offers/:id": staffSupport, "PATCH /api/admin/offers/:id": staffAdmin, "DELETE /api/admin/offers/:id": staffAdmin,
	"POST /api/admin/offers/:id/restore": staffAdmin, "POST /api/admin/offers/:id/test-welcome": staffSupport,
	"GET /api/admin/workflows": staffSupport, "POST /api/admin/workflows": staffAdmin,
	"POST /api/admin/workflows/recipes/welcome-nudge": staffAdmin, "GET /api/admin/workflows/:id": staffSupport,
	"PATCH /api/admin/workflows/:id": staffAdmin, "DELETE /api/admin/workflows/:id": staffAdmin,
	"GET /api/admin/workflows/:id/runs": staffSupport, "POST /api/admin/workflows/:id/test": staffAdmin,
	"GET /api/admin/contacts/:id/workflow-runs": staffSupport,
	"GET /api/admin/imports":                    staffAdmin, "POST /api/admin/imports": staffAdmin, "GET /api/admin/imports/:id": staffAdmin,
	"POST /api/admin/imports/:id/run": staffAdmin, "POST /api/admin/imports/:id/cancel": staffAdmin, "GET /api/admin/imports/:id/report": staffAdmin, "GET /api/admin/imports/:id/problems": staffAdmin,
	"GET /api/admin/bulk": staffSupport, "POST /api/admin/bulk": staffSupport, "GET /api/admin/bulk/:id": staffSupport,
	"POST /api/admin/bulk/:id/cancel": staffSupport, "POST /api/admin/bulk/:id/resume": staffSupport, "GET /api/admin/bulk/:id/report": staffSupport,
	"GET /api/admin/email-templates": staffSupport, "PATCH /api/admin/email-templates/:kind": staffAdmin,
	"POST /api/admin/email-templates/:kind/preview": staffSupport, "POST /api/admin/email-templates/:kind/test": staffSupport,
	"GET /api/admin/previews/:id/html": staffSupport,
	"GET /api/admin/communities":       staffSupport, "POST /api/admin/communities": staffAdmin, "GET /api/admin/communities/:id": staffSupport,
	"PATCH /api/admin/communities/:id": staffAdmin, "DELETE /api/admin/communities/:id": staffAdmin,
	"POST /api/admin/communities/:id/restore": staffAdmin, "GET /api/admin/communities/:id/members": staffSupport,

	"GET /api/admin/staff": staffAdmin, "POST /api/admin/staff": staffOwner, "PATCH /api/admin/staff/:id": staffOwner,
	"GET /api/admin/settings": staffAdmin, "PATCH /api/admin/settings": staffAdmin,
	"GET /api/admin/audit": staffAdmin, "GET /api/admin/audit.csv": staffAdmin,

	"GET /api/admin/api-keys": staffAdmin, "POST /api/admin/api-keys": staffAdmin, "DELETE /api/admin/api-keys/:id": staffAdmin,
	"GET /api/admin/webhooks": staffAdmin, "POST /api/admin/webhooks": staffAdmin, "GET /api/admin/webhooks/:id": staffAdmin,
	"PATCH /api/admin/webhooks/:id": staffAdmin, "DELETE /api/admin/webhooks/:id": staffAdmin,
	"POST /api/admin/webhooks/:id/rotate-secret": staffAdmin, "POST /api/admin/webhooks/:id/test": staffAdmin,
	"GET /api/admin/webhooks/:id/deliveries": staffAdmin, "POST /api/admin/webhooks/:id/deliveries/:delivery_id/redeliver": staffAdmin,

	"GET /api/v1/openapi.json": public,
	"POST /api/v1/contacts":    keyContactsWrite, "GET /api/v1/contacts/lookup": keyContactsRead, "GET /api/v1/contacts/:id": keyContactsRead,
	"POST /api/v1/contacts/:id/offers": keyOffersGrant, "DELETE /api/v1/contacts/:id/offers/:offer_id": keyOffersGrant,
	"POST /api/v1/contacts/:id/offers/:offer_id/resend": keyCredentialsSend,
	"POST /api/v1/contacts/:id/communities":             keyOffersGrant, "DELETE /api/v1/contacts/:id/communities/:community_id": keyOffersGrant,
	"POST /api/v1/contacts/:id/reset-link": keyCredentialsSend, "POST /api/v1/contacts/:id/access-link": keyCredentialsLinks,
	"GET /api/v1/contacts/:id/emails": keyEmailsRead, "GET /api/v1/offers": keyAny, "GET /api/v1/communities": keyAny,
	"GET /api/admin/apps": staffAdmin, "POST /api/admin/apps": staffAdmin, "GET /api/admin/apps/:id": staffAdmin,
	"PATCH /api/admin/apps/:id": staffAdmin, "DELETE /api/admin/apps/:id": staffAdmin,
	"POST /api/admin/apps/:id/secret": staffAdmin, "GET /api/admin/contacts/:id/apps": staffSupport,
}

// TestEveryRouteAgainstEveryRole calls every registered route as anonymous, member, support,
// admin and owner and checks the server lets in exactly who the table says.
func TestEveryRouteAgainstEveryRole(t *testing.T) {
	h := newHarness(t)
	registered := map[string]bool{}
	for _, r := range h.app.GetRoutes(true) {
		key := r.Method + " " + r.Path
		if r.Method == "HEAD" || strings.HasSuffix(r.Path, "*") {
			continue // Fiber's automatic HEAD routes and the catch-alls (JSON 404, the SPA)
		}
		registered[key] = true
		if _, ok := expectedAccess[key]; !ok {
			t.Errorf("route %s is not in the authorization table", key)
		}
	}
	for key := range expectedAccess {
		if !registered[key] {
			t.Errorf("the table lists %s, which is not registered", key)
		}
	}
	server := &Server{}
	for _, r := range server.routes() {
		if want := expectedAccess[r.Method+" "+r.Path]; r.Access != want {
			t.Errorf("%s %s is registered with access %d, the table says %d", r.Method, r.Path, r.Access, want)
		}
	}

	h.member("member@example.com", goodPassword)
	h.member("support@example.com", staffPassword, "support")
	h.member("admin@example.com", staffPassword, "admin")
	h.member("owner@example.com", staffPassword, "owner")
	callers := []struct {
		name  string
		c     *client
		level audience // the highest access level this caller has
	}{
		{"anonymous", h.client("203.0.113.90"), public},
		{"member", h.signIn("member@example.com", goodPassword), member},
		{"support", h.signIn("support@example.com", staffPassword), staffSupport},
		{"admin", h.signIn("admin@example.com", staffPassword), staffAdmin},
		{"owner", h.signIn("owner@example.com", staffPassword), staffOwner},
	}
	const someID = "00000000-0000-4000-8000-000000000001"
	keys := keyCallers(h)
	for key, need := range expectedAccess {
		if need == public {
			continue
		}
		method, path, _ := strings.Cut(key, " ")
		for _, p := range []string{":id", ":offer_id", ":community_id", ":identity_id", ":delivery_id"} {
			path = strings.ReplaceAll(path, p, someID)
		}
		if scope, isKey := scopeOf(need); isKey {
			checkKeyRoute(t, key, method, path, scope, callers[1:], keys)
			continue
		}
		path = strings.ReplaceAll(path, ":kind", "password_reset")
		if key == "POST /api/auth/logout" {
			continue
		}
		for _, caller := range callers {
			body := ""
			if method != "GET" && method != "DELETE" {
				body = "{}"
			}
			r := caller.c.do(method, path, body)
			allowed := caller.level >= need || (need == signedIn && caller.level >= member)
			switch {
			case need == appCredential:
				// No portal session of any role stands in for an app's credentials (client
				// secret, access token, a site's forward-auth cookie): refused, never a 5xx.
				if r.Status != 401 && r.Status != 400 && r.Status != 404 && r.Status != 415 {
					t.Errorf("%s as %s without app credentials: %d %s, want 400/401/404/415", key, caller.name, r.Status, r.Body)
				}
			case need == providerSigned:
				if r.Status != 401 { // no session of any role stands in for the provider's signature
					t.Errorf("%s as %s without a signature: %d, want 401", key, caller.name, r.Status)
				}
			case caller.level == public && r.Status != 401:
				t.Errorf("%s as %s: %d, want 401", key, caller.name, r.Status)
			case caller.level != public && !allowed && r.Status != 403:
				t.Errorf("%s as %s: %d, want 403", key, caller.name, r.Status)
			case allowed && (r.Status == 401 || r.Status == 403 || r.Status >= 500):
				t.Errorf("%s as %s: %d %s, want it let through", key, caller.name, r.Status, r.Body)
			}
		}
	}
}

// keyCallers are clients with API keys: for each scope, one key with only that scope and one
// with every scope but it.
func keyCallers(h *harness) map[string][2]*client {
	out := map[string][2]*client{}
	svc := apikeys.New(h.store, h.now)
	for _, scope := range apikeys.Scopes {
		others := slices.DeleteFunc(slices.Clone(apikeys.Scopes), func(s string) bool { return s == scope })
		var pair [2]*client
		for i, scopes := range [][]string{{scope}, others} {
			_, raw, err := svc.Create(context.Background(), access.Actor{Kind: access.KindStaff}, apikeys.NewKey{Name: "k " + scope, Scopes: scopes})
			if err != nil {
				h.t.Fatal(err)
			}
			pair[i] = h.client("203.0.113.91")
			pair[i].header["Authorization"] = "Bearer " + raw
		}
		out[scope] = pair
	}
	return out
}

// checkKeyRoute: a machine API route answers 401 to every session (cookies are not keys
// there), 403 to a key without its scope, and lets a key with it through.
func checkKeyRoute(t *testing.T, route, method, path, scope string, sessions []struct {
	name  string
	c     *client
	level audience
}, keys map[string][2]*client) {
	t.Helper()
	body := ""
	if method == "POST" {
		body = "{}"
	}
	for _, caller := range sessions {
		if r := caller.c.do(method, path, body); r.Status != 401 {
			t.Errorf("%s as %s (a session, no key): %d, want 401", route, caller.name, r.Status)
		}
	}
	if scope == "" {
		for s, pair := range keys {
			if r := pair[0].do(method, path, body); r.Status == 401 || r.Status == 403 || r.Status >= 500 {
				t.Errorf("%s with a %s key: %d %s, want it let through", route, s, r.Status, r.Body)
			}
		}
		return
	}
	if r := keys[scope][1].do(method, path, body); r.Status != 403 || r.code(t) != "insufficient_scope" {
		t.Errorf("%s with every scope but %s: %d %s, want 403 insufficient_scope", route, scope, r.Status, r.Body)
	}
	if r := keys[scope][0].do(method, path, body); r.Status == 401 || r.Status == 403 || r.Status >= 500 {
		t.Errorf("%s with only %s: %d %s, want it let through", route, scope, r.Status, r.Body)
	}
}
