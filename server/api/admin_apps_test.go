package api

import (
	"context"
	"crypto/sha256"
	"strings"
	"testing"
)

// Admin → Apps: what a registration must say, the secret shown once (stored as its SHA-256),
// a new secret replacing the old, edits and removal audited.
func TestAdminApps(t *testing.T) {
	h := newHarness(t)
	_, offerID := h.offerFor("Course")
	h.member("admin@example.com", staffPassword, "admin")
	admin := h.signIn("admin@example.com", staffPassword)

	for name, tc := range map[string]struct {
		body  map[string]any
		field string
	}{
		"no name":           {map[string]any{"kind": "oidc", "redirect_uris": []string{"https://a.example/cb"}, "rule": map[string]any{"any_member": true}}, "name"},
		"unknown kind":      {map[string]any{"name": "X", "kind": "saml", "rule": map[string]any{"any_member": true}}, "kind"},
		"no redirect":       {map[string]any{"name": "X", "kind": "oidc", "rule": map[string]any{"any_member": true}}, "redirect_uris"},
		"http redirect":     {map[string]any{"name": "X", "kind": "oidc", "redirect_uris": []string{"http://a.example/cb"}, "rule": map[string]any{"any_member": true}}, "redirect_uris"},
		"fragment":          {map[string]any{"name": "X", "kind": "oidc", "redirect_uris": []string{"https://a.example/cb#x"}, "rule": map[string]any{"any_member": true}}, "redirect_uris"},
		"host with scheme":  {map[string]any{"name": "X", "kind": "proxy", "hosts": []string{"https://v.example/"}, "rule": map[string]any{"any_member": true}}, "hosts"},
		"public proxy":      {map[string]any{"name": "X", "kind": "proxy", "public": true, "hosts": []string{"v.example"}, "rule": map[string]any{"any_member": true}}, "public"},
		"no rule":           {map[string]any{"name": "X", "kind": "proxy", "hosts": []string{"v.example"}}, "rule"},
		"empty rule":        {map[string]any{"name": "X", "kind": "proxy", "hosts": []string{"v.example"}, "rule": map[string]any{}}, "rule"},
		"two rules":         {map[string]any{"name": "X", "kind": "proxy", "hosts": []string{"v.example"}, "rule": map[string]any{"any_member": true, "staff_only": true}}, "rule"},
		"unknown offer":     {map[string]any{"name": "X", "kind": "proxy", "hosts": []string{"v.example"}, "rule": map[string]any{"offer_ids": []string{"00000000-0000-4000-8000-000000000009"}}}, "rule"},
		"offer not an id":   {map[string]any{"name": "X", "kind": "proxy", "hosts": []string{"v.example"}, "rule": map[string]any{"offer_ids": []string{"course"}}}, "rule"},
		"bad launch url":    {map[string]any{"name": "X", "kind": "proxy", "hosts": []string{"v.example"}, "launch_url": "ftp://v.example", "rule": map[string]any{"any_member": true}}, "launch_url"},
		"redirect on proxy": {map[string]any{"name": "X", "kind": "proxy", "hosts": []string{"v.example"}, "redirect_uris": []string{"https://v.example/cb"}, "rule": map[string]any{"any_member": true}}, "redirect_uris"},
	} {
		r := admin.do("POST", "/api/admin/apps", toJSON(tc.body))
		if r.Status != 422 || r.json(t)["fields"].(map[string]any)[tc.field] == nil {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
		}
	}

	r := admin.do("POST", "/api/admin/apps", toJSON(map[string]any{"name": "Forum", "kind": "oidc",
		"redirect_uris": []string{"https://forum.example.com/auth/oidc/callback", "http://localhost:3000/cb"},
		"rule":          map[string]any{"offer_ids": []string{offerID}}}))
	expect(t, r, 201, "")
	app := r.json(t)
	id, secret := app["id"].(string), app["client_secret"].(string)
	if !strings.HasPrefix(app["client_id"].(string), "gh_") || !strings.HasPrefix(secret, "ghs_") || app["public"] != false {
		t.Fatalf("created: %v", app)
	}
	stored, _ := h.store.AppByID(context.Background(), id)
	if sum := sha256.Sum256([]byte(secret)); string(stored.ClientSecretHash) != string(sum[:]) {
		t.Fatal("the secret is stored as its SHA-256")
	}
	got := admin.do("GET", "/api/admin/apps/"+id, "")
	expect(t, got, 200, "")
	if strings.Contains(string(got.Body), secret) || !strings.Contains(string(got.Body), `"issuer":"`+publicURL+`"`) {
		t.Fatalf("the secret is shown once only; the page has the issuer: %s", got.Body)
	}
	list := admin.do("GET", "/api/admin/apps", "")
	if len(list.json(t)["items"].([]any)) != 1 || strings.Contains(string(list.Body), secret) {
		t.Fatalf("list: %s", list.Body)
	}

	rotated := admin.do("POST", "/api/admin/apps/"+id+"/secret", "")
	expect(t, rotated, 200, "")
	newSecret := rotated.json(t)["client_secret"].(string)
	if newSecret == secret {
		t.Fatal("a new secret")
	}
	stored, _ = h.store.AppByID(context.Background(), id)
	if sum := sha256.Sum256([]byte(secret)); string(stored.ClientSecretHash) == string(sum[:]) {
		t.Fatal("the old secret stops working")
	}

	r = admin.do("PATCH", "/api/admin/apps/"+id, toJSON(map[string]any{"name": "Community forum", "kind": "proxy",
		"redirect_uris": []string{"https://forum.example.com/auth/oidc/callback"}, "rule": map[string]any{"any_member": true}}))
	expect(t, r, 200, "")
	if r.json(t)["kind"] != "oidc" || r.json(t)["name"] != "Community forum" {
		t.Fatalf("kind is fixed at creation: %s", r.Body)
	}
	expect(t, admin.do("DELETE", "/api/admin/apps/"+id, ""), 204, "")
	expect(t, admin.do("GET", "/api/admin/apps/"+id, ""), 404, "not_found")
	audit := admin.do("GET", "/api/admin/audit", "")
	for _, action := range []string{"app.create", "app.rotate_secret", "app.update", "app.delete"} {
		if !strings.Contains(string(audit.Body), action) {
			t.Errorf("audit lacks %s", action)
		}
	}
	if strings.Contains(string(audit.Body), secret) || strings.Contains(string(audit.Body), newSecret) {
		t.Fatal("a secret in the audit log")
	}
}
