package api

import (
	"fmt"
	"strings"
	"testing"
)

func TestEmailTemplates(t *testing.T) {
	d := newDesk(t)
	h := d.h
	r := d.support.do("GET", "/api/admin/email-templates", "")
	expect(t, r, 200, "")
	items := r.json(t)["items"].([]any)
	if len(items) != 6 || items[0].(map[string]any)["default_body"] == "" {
		t.Fatalf("templates: %s", r.Body)
	}
	// Each kind offers the variables it fills in: a notice has no link, a welcome its offer.
	vars := map[string]string{}
	for _, it := range items {
		vars[it.(map[string]any)["kind"].(string)] = fmt.Sprint(it.(map[string]any)["variables"])
	}
	welcome := fmt.Sprint(r.json(t)["welcome_default"].(map[string]any)["variables"])
	if !strings.Contains(vars["password_reset"], "Link") || strings.Contains(vars["password_changed"], "Link") ||
		!strings.Contains(vars["sign_in_added"], "Provider") || strings.Contains(vars["password_reset"], "OfferName") || !strings.Contains(welcome, "OfferName") {
		t.Fatalf("variables: %v, welcome %s", vars, welcome)
	}

	// Refused: support may not save; bad syntax names the line; a reset without its link.
	expect(t, d.support.do("PATCH", "/api/admin/email-templates/password_reset", `{"body":"{{.Link}}"}`), 403, "forbidden")
	r = d.admin.do("PATCH", "/api/admin/email-templates/password_reset", `{"subject":"Reset","body":"Hi {{.Name}},\n\n{{if .Link}}\nno end"}`)
	expect(t, r, 422, "validation_failed")
	if msg := r.json(t)["fields"].(map[string]any)["body"].(string); !strings.HasPrefix(msg, "Line 4:") {
		t.Fatalf("syntax error message %q", msg)
	}
	r = d.admin.do("PATCH", "/api/admin/email-templates/password_reset", `{"body":"Hi {{.Name}}, call us."}`)
	expect(t, r, 422, "validation_failed")
	if msg := r.json(t)["fields"].(map[string]any)["body"].(string); !strings.Contains(msg, "{{.Link}}") {
		t.Fatalf("missing link message %q", msg)
	}
	expect(t, d.admin.do("PATCH", "/api/admin/email-templates/password_reset", `{"subject":"{{.Secret}}","body":"{{.Link}}"}`), 422, "validation_failed")
	expect(t, d.admin.do("PATCH", "/api/admin/email-templates/nonsense", `{"body":"{{.Link}}"}`), 404, "not_found")

	// Preview with a chosen contact, link masked.
	body := `{"subject":"{{.PortalName}} reset for {{.Name}}","body":"Hello {{.Name}},\n\nUse {{.Link}} within {{.ExpiresIn}}.","contact_id":"` + d.member.ID + `"}`
	r = d.support.do("POST", "/api/admin/email-templates/password_reset/preview", body)
	expect(t, r, 200, "")
	if p := r.json(t); p["subject"] != "Gatehouse reset for mia@example.com" || !strings.Contains(p["text"].(string), "Use [one-time link, hidden] within 30 minutes.") {
		t.Fatalf("preview: %s", r.Body)
	}
	htmlURL := r.json(t)["html_url"].(string)
	r = d.support.do("GET", htmlURL, "")
	expect(t, r, 200, "")
	if !strings.HasPrefix(r.Header.Get("Content-Security-Policy"), "sandbox;") || !strings.Contains(string(r.Body), "Use <a href=\"[one-time link, hidden]\"") {
		t.Fatalf("preview html: %q", r.Body)
	}
	expect(t, d.support.do("POST", "/api/admin/email-templates/password_reset/preview", `{"body":"{{end}}"}`), 422, "validation_failed")

	// Save, and the next reset email uses it.
	expect(t, d.admin.do("PATCH", "/api/admin/email-templates/password_reset", `{"subject":"New password for {{.Name}}","body":"Hello {{.Name}},\n\nUse {{.Link}} within {{.ExpiresIn}}."}`), 200, "")
	expect(t, h.client("203.0.113.140").do("POST", "/api/auth/forgot-password", `{"email":"mia@example.com"}`), 202, "")
	m := h.waitMessages(1)[0]
	if m.Subject != "New password for mia@example.com" || !strings.Contains(m.Text, "Use https://portal.example.test/reset#token=") || !strings.Contains(m.HTML, "Open your link") {
		t.Fatalf("custom reset email: %q\n%s", m.Subject, m.Text)
	}
	linkIn(t, m) // the link works in both parts

	// A test send goes to the staff member only, and its link opens nothing.
	r = d.support.do("POST", "/api/admin/email-templates/password_reset/test", `{"body":"Test {{.Link}}"}`)
	expect(t, r, 202, "")
	m = h.waitMessages(2)[1]
	if m.To[0] != "support@example.com" || !strings.Contains(m.Text, "this-is-a-test-email") {
		t.Fatalf("test email: %v\n%s", m.To, m.Text)
	}
	r = d.support.do("POST", "/api/admin/offers/"+d.offer.ID+"/test-welcome", `{}`)
	expect(t, r, 202, "")
	if m := h.waitMessages(3)[2]; m.To[0] != "support@example.com" || !strings.Contains(m.Subject, "Pottery") {
		t.Fatalf("welcome test: %v %q", m.To, m.Subject)
	}
	// Clearing a template brings the built-in one back.
	expect(t, d.admin.do("PATCH", "/api/admin/email-templates/password_reset", `{"subject":"","body":""}`), 200, "")
}

// Staff templates cannot loop (SECURITY.md): range, define, template and block are refused at
// save and at preview with their line, so no template can pin a core or hold a row lock.
func TestTemplatesCannotLoop(t *testing.T) {
	d := newDesk(t)
	loops := map[string]string{
		"range":     `Hi {{.Name}},\n\n{{range 1000000}}{{range 1000000}}{{end}}{{end}}{{.Link}}`,
		"real only": `Hi,\n\n{{if ne .Email \"sample\"}}{{range 1000000}}{{end}}{{end}}{{.Link}}`,
		"define":    `Hi,\n\n{{define \"x\"}}{{template \"x\"}}{{end}}{{.Link}}`,
		"block":     `Hi,\n\n{{block \"x\" .}}{{.Name}}{{end}}{{.Link}}`,
		// No loop, but a value doubled forty times: a thousand billion copies of the name.
		"doubling": `Hi,\n\n{{$a := .Name}}` + strings.Repeat(`{{$a = print $a $a}}`, 40) + `{{len $a}}{{.Link}}`,
	}
	for name, body := range loops {
		r := d.admin.do("PATCH", "/api/admin/email-templates/password_reset", `{"body":"`+body+`"}`)
		expect(t, r, 422, "validation_failed")
		if msg := r.json(t)["fields"].(map[string]any)["body"].(string); !strings.HasPrefix(msg, "Line 3:") {
			t.Errorf("save %s: %q, want the line", name, msg)
		}
		r = d.support.do("POST", "/api/admin/email-templates/password_reset/preview", `{"body":"`+body+`"}`)
		expect(t, r, 422, "validation_failed")
		if msg := r.json(t)["fields"].(map[string]any)["body"].(string); !strings.HasPrefix(msg, "Line 3:") {
			t.Errorf("preview %s: %q, want the line", name, msg)
		}
	}
	// The offer's welcome email too, at save and preview; the subject as well.
	r := d.admin.do("PATCH", "/api/admin/offers/"+d.offer.ID, `{"welcome_body":"`+loops["range"]+`"}`)
	expect(t, r, 422, "validation_failed")
	if msg := r.json(t)["fields"].(map[string]any)["welcome_body"].(string); !strings.HasPrefix(msg, "Line 3:") {
		t.Errorf("offer save: %q", msg)
	}
	r = d.support.do("POST", "/api/admin/offers/preview", `{"name":"Pottery","welcome_body":"`+loops["range"]+`"}`)
	expect(t, r, 422, "validation_failed")
	if msg := r.json(t)["fields"].(map[string]any)["welcome_body"].(string); !strings.HasPrefix(msg, "Line 3:") {
		t.Errorf("offer preview: %q", msg)
	}
	expect(t, d.admin.do("PATCH", "/api/admin/email-templates/password_reset", `{"subject":"{{range 5}}x{{end}}","body":"{{.Link}}"}`), 422, "validation_failed")
	// Padding that {{len}} throws away is work without output: wide printf verbs are refused.
	r = d.support.do("POST", "/api/admin/email-templates/password_reset/preview", `{"body":"{{.Link}}\n{{len (printf \"%0999999d\" 1)}}"}`)
	expect(t, r, 422, "validation_failed")
	if msg := r.json(t)["fields"].(map[string]any)["body"].(string); !strings.HasPrefix(msg, "Line 2:") || !strings.Contains(msg, "printf") {
		t.Errorf("wide printf: %q", msg)
	}
	// Conditionals and variables still work.
	expect(t, d.admin.do("PATCH", "/api/admin/email-templates/password_reset", `{"subject":"{{with .Name}}For {{.}}{{end}}","body":"{{if .Name}}Hi {{.Name}}{{else}}Hi{{end}},\n\n{{.Link}}"}`), 200, "")
}
