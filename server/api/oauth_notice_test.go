package api

import (
	"strings"
	"testing"

	"github.com/oauth2-proxy/mockoidc"

	"gatehouse/server/mail"
	"gatehouse/server/resendfake"
	"gatehouse/server/store"
)

// signInAddedEmails returns the "sign-in method added" emails queued for a contact, oldest first.
func (h *harness) signInAddedEmails(contactID string) []store.Email {
	h.t.Helper()
	rows, err := h.store.SQLDB().Query(`SELECT id, to_address, subject, text_body, html_body, status FROM emails
		WHERE contact_id = $1 AND kind = $2 ORDER BY created_at, id`, contactID, mail.KindSignInAdded)
	if err != nil {
		h.t.Fatal(err)
	}
	defer rows.Close()
	var out []store.Email
	for rows.Next() {
		var e store.Email
		if err := rows.Scan(&e.ID, &e.ToAddress, &e.Subject, &e.TextBody, &e.HTMLBody, &e.Status); err != nil {
			h.t.Fatal(err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		h.t.Fatal(err)
	}
	return out
}

// expectOneNotice waits for the jobs to settle and fails unless exactly one notice was queued
// for the contact and one email sent in all.
func (h *harness) expectOneNotice(contactID, when string) {
	h.t.Helper()
	h.settle()
	if n, sent := len(h.signInAddedEmails(contactID)), len(h.resend.Messages()); n != 1 || sent != 1 {
		h.t.Fatalf("%s: %d notices queued, %d emails sent", when, n, sent)
	}
}

// assertSignInNotice checks a delivered notice: to the stored address, naming the provider,
// with the forgot-password page and no one-time link or token anywhere.
func assertSignInNotice(t *testing.T, m resendfake.Message, to, provider string) {
	t.Helper()
	if len(m.To) != 1 || m.To[0] != to || m.Subject != "A new sign-in method was added to your Gatehouse account" {
		t.Fatalf("notice to %v: %q", m.To, m.Subject)
	}
	for _, part := range []string{m.Text, m.HTML} {
		if !strings.Contains(part, provider+" was connected") && !strings.Contains(part, "<strong>"+provider+"</strong> was connected") {
			t.Fatalf("the notice does not name %s:\n%s", provider, part)
		}
		if !strings.Contains(part, publicURL+"/forgot-password") {
			t.Fatalf("no forgot-password address:\n%s", part)
		}
		for _, secret := range []string{"token", "/reset", "/set-password", mail.LinkPlaceholder} {
			if strings.Contains(part, secret) {
				t.Fatalf("the notice holds %q:\n%s", secret, part)
			}
		}
	}
}

// Connecting a provider from the account page tells the account's owner, at the stored
// address (not the provider account's), once.
func TestConnectingAProviderSendsANotice(t *testing.T) {
	rig := newOAuthRig(t)
	m := rig.member("ada@example.com", goodPassword)
	member := rig.signIn("ada@example.com", goodPassword)
	rig.github.queue(githubUser{ID: 100, Login: "ada-gh", Emails: []githubEmail{{Email: "ada@personal.example", Primary: true, Verified: true}}})
	if to := member.oauthSignIn("/auth/github?mode=link"); to != "/account?connected=github" {
		t.Fatalf("connect landed on %q", to)
	}
	assertSignInNotice(t, rig.waitMessages(1)[0], "ada@example.com", "GitHub")
	rig.expectOneNotice(m.ID, "after connecting")
	// Connecting the same account again changes nothing and says nothing.
	rig.github.queue(githubUser{ID: 100, Login: "ada-gh"})
	if to := member.oauthSignIn("/auth/github?mode=link"); to != "/account?connected=github" {
		t.Fatalf("second connect landed on %q", to)
	}
	rig.expectOneNotice(m.ID, "after connecting again")
}

// A sign-in that links an existing contact by verified address tells them, with the
// provider's configured label; signing in again with the linked identity says nothing new.
func TestLinkingByVerifiedEmailSendsANotice(t *testing.T) {
	rig := newOAuthRig(t)
	m := rig.member("ada@example.com", goodPassword)
	rig.oidc.QueueUser(&mockoidc.MockUser{Subject: "acme-ada", Email: "ada@example.com", EmailVerified: true})
	if to := rig.client("203.0.113.5").oauthSignIn("/auth/acme"); to != "/offers" {
		t.Fatalf("landed on %q", to)
	}
	assertSignInNotice(t, rig.waitMessages(1)[0], "ada@example.com", "Acme SSO")

	rig.oidc.QueueUser(&mockoidc.MockUser{Subject: "acme-ada", Email: "ada@example.com", EmailVerified: true})
	if to := rig.client("203.0.113.6").oauthSignIn("/auth/acme"); to != "/offers" {
		t.Fatalf("second sign-in landed on %q", to)
	}
	rig.expectOneNotice(m.ID, "after signing in again")
}

// An account made from a provider account has had nothing added to it: no notice.
func TestSelfSignUpSendsNoNotice(t *testing.T) {
	rig := newOAuthRig(t)
	rig.member("owner@example.com", staffPassword, "owner")
	staff := rig.signIn("owner@example.com", staffPassword)
	expect(t, staff.do("PATCH", "/api/admin/settings", `{"allow_self_signup":true}`), 200, "")
	rig.oidc.QueueUser(&mockoidc.MockUser{Subject: "acme-new", Email: "new@example.com", EmailVerified: true})
	browser := rig.client("203.0.113.5")
	if to := browser.oauthSignIn("/auth/acme"); to != "/offers" || whoAmI(t, browser) != "new@example.com" {
		t.Fatalf("self-sign-up landed on %q", to)
	}
	rig.settle()
	var n int
	if err := rig.store.SQLDB().QueryRow(`SELECT count(*) FROM emails WHERE kind = $1`, mail.KindSignInAdded).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if sent := rig.resend.Messages(); n != 0 || len(sent) != 0 {
		t.Fatalf("self-sign-up: %d notices, %d emails sent", n, len(sent))
	}
}

// A notice that failed is sent again as it was: same provider, same time.
func TestFailedNoticeCanBeRetried(t *testing.T) {
	rig := newOAuthRig(t)
	m := rig.member("ada@example.com", goodPassword)
	rig.member("admin@example.com", staffPassword, "admin")
	rig.resend.Fail(resendfake.Fault{Status: 422, Name: "validation_error", Message: "Invalid `to` field."})
	rig.oidc.QueueUser(&mockoidc.MockUser{Subject: "acme-ada", Email: "ada@example.com", EmailVerified: true})
	rig.client("203.0.113.5").oauthSignIn("/auth/acme")
	rig.settle()
	failed := rig.signInAddedEmails(m.ID)
	if len(failed) != 1 || failed[0].Status != store.EmailFailed {
		t.Fatalf("notices: %+v", failed)
	}
	admin := rig.signIn("admin@example.com", staffPassword)
	expect(t, admin.do("POST", "/api/admin/emails/"+failed[0].ID+"/retry", "{}"), 202, "")
	sent := rig.waitMessages(1)[0]
	assertSignInNotice(t, sent, "ada@example.com", "Acme SSO")
	if strings.TrimSpace(sent.Text) != strings.TrimSpace(failed[0].TextBody) {
		t.Fatalf("the retry differs from the first notice:\n%s\n---\n%s", sent.Text, failed[0].TextBody)
	}
}

// Staff can preview and rewrite the notice like the other emails; the preview names a sample
// provider, and its text needs no {{.Link}} (it has none).
func TestSignInNoticeTemplate(t *testing.T) {
	d := newDesk(t)
	r := d.support.do("POST", "/api/admin/email-templates/sign_in_added/preview", `{}`)
	expect(t, r, 200, "")
	if p := r.json(t); p["subject"] != "A new sign-in method was added to your Gatehouse account" || !strings.Contains(p["text"].(string), "Google was connected") {
		t.Fatalf("built-in preview: %s", r.Body)
	}
	def, _ := mail.EditableKind(mail.KindSignInAdded)
	body := toJSON(map[string]string{"subject": def.Default.Subject, "body": def.Default.Body, "contact_id": d.member.ID})
	r = d.support.do("POST", "/api/admin/email-templates/sign_in_added/preview", body)
	expect(t, r, 200, "")
	if text := r.json(t)["text"].(string); !strings.Contains(text, "Google was connected to your Gatehouse account, mia@example.com") || !strings.Contains(text, publicURL+"/forgot-password") {
		t.Fatalf("default preview: %s", text)
	}
	expect(t, d.admin.do("PATCH", "/api/admin/email-templates/sign_in_added", `{"body":"{{.Provider}} was added on {{.When}}."}`), 200, "")
}
