package api

import (
	"strings"
	"testing"
)

// The owner's mailbox shows a captured email's HTML in a frame. Its links open in a new tab
// (followed inside the frame they loaded the portal, which refuses to be framed), and the
// frame may do that and nothing more: no scripts. The email log's preview stays fully shut.
func TestMailboxHTMLOpensLinksInANewTab(t *testing.T) {
	d := newDesk(t)
	db := d.h.store.SQLDB()
	html := `<!doctype html><html><HEAD lang="en"><title>Welcome</title></HEAD><body><a href="http://127.0.0.1/set-password#token=abc">Choose your password</a></body></html>`
	if _, err := db.Exec(`INSERT INTO captured_emails (from_address, to_address, subject, html_body, text_body) VALUES ('a@example.com', 'b@example.com', 'Welcome', $1, '')`, html); err != nil {
		t.Fatal(err)
	}
	r := d.owner.do("GET", "/api/admin/mailbox", "")
	expect(t, r, 200, "")
	id := r.json(t)["items"].([]any)[0].(map[string]any)["id"].(string)

	r = d.owner.do("GET", "/api/admin/mailbox/"+id+"/html", "")
	expect(t, r, 200, "")
	body := string(r.Body)
	if !strings.Contains(body, `<HEAD lang="en"><base target="_blank"><title>`) || strings.Count(body, "<base") != 1 {
		t.Fatalf("mailbox html: %s", body)
	}
	csp := r.Header.Get("Content-Security-Policy")
	if !strings.HasPrefix(csp, "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none';") || strings.Contains(csp, "allow-scripts") {
		t.Fatalf("mailbox html CSP: %q", csp)
	}

	for in, want := range map[string]string{
		"<p>no head</p>":                `<base target="_blank"><p>no head</p>`,
		"<html><head><title>t</title>":  `<html><head><base target="_blank"><title>t</title>`,
		"<header>not the head</header>": `<base target="_blank"><header>not the head</header>`,
	} {
		if got := linksInNewTab(in); got != want {
			t.Errorf("linksInNewTab(%q) = %q, want %q", in, got, want)
		}
	}
}
