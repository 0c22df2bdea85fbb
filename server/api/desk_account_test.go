package api

import (
	"context"
	"strings"
	"testing"
	"time"
)

// Change Password: typed or generated, temporary by default, the member told (without the
// password), every session and link ended; support may not do it; nobody on a higher role.
func TestStaffSetsPassword(t *testing.T) {
	d := newDesk(t)
	h := d.h
	ctx := context.Background()
	setTemporary(t, h, d.member.ID, "old passphrase for mia")
	if err := h.store.SetPassword(ctx, d.member.ID, mustHash(t, "old passphrase for mia"), false, time.Time{}, h.now()); err != nil {
		t.Fatal(err)
	}
	phone := h.signIn("mia@example.com", "old passphrase for mia")
	expect(t, d.support.do("POST", d.path("/access-link"), `{}`), 200, "") // a pending link

	expect(t, d.support.do("POST", d.path("/password"), `{"generate":true}`), 403, "forbidden")
	expect(t, d.admin.do("POST", d.path("/password"), `{"password":"short"}`), 422, "weak_password")
	expect(t, d.admin.do("POST", d.path("/password"), `{}`), 422, "validation_failed")
	r := d.admin.do("POST", d.path("/password"), `{"generate":true}`)
	expect(t, r, 200, "")
	pw := r.json(t)["password"].(string)
	if len(pw) < 20 || r.json(t)["temporary"] != true || r.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("generated: %q %s %q", pw, r.Body, r.Header.Get("Cache-Control"))
	}
	expect(t, phone.do("GET", "/api/portal/offers", ""), 401, "unauthenticated")
	if n, _ := h.store.PendingTokens(ctx, d.member.ID, h.now()); n != 0 {
		t.Fatalf("%d links survived the password change", n)
	}
	m := h.waitMessages(1)[0]
	if !strings.Contains(m.Subject, "password was changed") || strings.Contains(m.Text+m.HTML, pw) || !strings.Contains(m.Text, "by a member of staff") {
		t.Fatalf("notification: %q\n%s", m.Subject, m.Text)
	}
	member := h.client("203.0.113.110")
	r = member.do("POST", "/api/auth/login", `{"email":"mia@example.com","password":"`+pw+`"}`)
	expect(t, r, 200, "")
	if r.json(t)["must_change_password"] != true {
		t.Fatal("a temporary password did not require a new one")
	}

	// Typed, permanent, silent.
	expect(t, d.admin.do("POST", d.path("/password"), `{"password":"typed passphrase for mia","temporary":false,"notify":false}`), 200, "")
	h.settle()
	if n := len(h.resend.Messages()); n != 1 {
		t.Fatalf("notify:false sent an email (%d)", n)
	}
	r = h.client("203.0.113.111").do("POST", "/api/auth/login", `{"email":"mia@example.com","password":"typed passphrase for mia"}`)
	if r.json(t)["must_change_password"] != false {
		t.Fatal("a permanent password required a change")
	}
	// An admin cannot act on the owner's account.
	expect(t, d.admin.do("POST", "/api/admin/contacts/"+d.ownerID+"/password", `{"generate":true}`), 403, "forbidden")
	expect(t, d.admin.do("POST", "/api/admin/contacts/"+d.ownerID+"/sign-out", `{}`), 403, "forbidden")
	if got := auditActions(t, h, d.member.ID); got[0] != "password.set" || got[1] != "password.set" {
		t.Fatalf("audit: %v", got)
	}
}

func mustHash(t *testing.T, pw string) string {
	t.Helper()
	return hashFor(t, pw)
}

// Disabled: no way in (password, link, self-service), sessions ended; enabled: back in.
func TestDisableAndEnable(t *testing.T) {
	d := newDesk(t)
	h := d.h
	if err := h.store.SetPassword(context.Background(), d.member.ID, mustHash(t, "mia passphrase here"), false, time.Time{}, h.now()); err != nil {
		t.Fatal(err)
	}
	s := h.signIn("mia@example.com", "mia passphrase here")
	link := d.support.do("POST", d.path("/access-link"), `{}`).json(t)["url"].(string)
	expect(t, d.support.do("POST", d.path("/disable"), `{}`), 403, "forbidden")
	expect(t, d.admin.do("POST", d.path("/disable"), `{}`), 204, "")
	expect(t, s.do("GET", "/api/portal/offers", ""), 401, "unauthenticated")
	c := h.client("203.0.113.112")
	expect(t, c.do("POST", "/api/auth/login", `{"email":"mia@example.com","password":"mia passphrase here"}`), 401, "invalid_credentials")
	expect(t, c.do("POST", "/api/auth/reset-password", `{"token":"`+tokenOf(link)+`","password":"a brand new passphrase"}`), 410, "token_expired")
	expect(t, c.do("POST", "/api/auth/forgot-password", `{"email":"mia@example.com"}`), 202, "")
	expect(t, d.support.do("POST", d.path("/offers/"+d.offer.ID+"/resend"), "{}"), 409, "contact_disabled")
	h.settle()
	if n := len(h.resend.Messages()); n != 0 {
		t.Fatalf("a disabled contact got %d emails", n)
	}
	if r := d.support.do("GET", d.path(""), ""); r.json(t)["status"] != "disabled" {
		t.Fatalf("record: %s", r.Body)
	}
	expect(t, d.admin.do("POST", d.path("/enable"), `{}`), 204, "")
	expect(t, c.do("POST", "/api/auth/login", `{"email":"mia@example.com","password":"mia passphrase here"}`), 200, "")
	// Nobody disables their own account.
	expect(t, d.owner.do("POST", "/api/admin/contacts/"+d.ownerID+"/disable", `{}`), 409, "own_account")
}

func TestSignOutEverywhere(t *testing.T) {
	d := newDesk(t)
	h := d.h
	if err := h.store.SetPassword(context.Background(), d.member.ID, mustHash(t, "mia passphrase here"), false, time.Time{}, h.now()); err != nil {
		t.Fatal(err)
	}
	a := h.signIn("mia@example.com", "mia passphrase here")
	b := h.signIn("mia@example.com", "mia passphrase here")
	if r := d.support.do("GET", d.path(""), ""); r.json(t)["active_sessions"] != float64(2) {
		t.Fatalf("record: %s", r.Body)
	}
	r := d.support.do("POST", d.path("/sign-out"), `{}`)
	expect(t, r, 200, "")
	if r.json(t)["ended"] != float64(2) {
		t.Fatalf("ended: %s", r.Body)
	}
	expect(t, a.do("GET", "/api/portal/offers", ""), 401, "")
	expect(t, b.do("GET", "/api/portal/offers", ""), 401, "")
}

func TestUnsuppress(t *testing.T) {
	d := newDesk(t)
	h := d.h
	if err := h.store.Suppress(context.Background(), "MIA@example.com", "bounced: mailbox does not exist", "", h.now()); err != nil {
		t.Fatal(err)
	}
	r := d.support.do("GET", d.path(""), "")
	if r.json(t)["status"] != "suppressed" || r.json(t)["suppression"] == nil {
		t.Fatalf("record: %s", r.Body)
	}
	r = d.support.do("GET", "/api/admin/contacts?status=suppressed", "")
	if items := r.json(t)["items"].([]any); len(items) != 1 {
		t.Fatalf("suppressed filter: %s", r.Body)
	}
	// Email to a suppressed address is not sent; it is recorded as suppressed, with the reason.
	expect(t, d.support.do("POST", d.path("/offers/"+d.offer.ID+"/resend"), "{}"), 202, "")
	h.settle()
	items := d.support.do("GET", d.path("/emails"), "").json(t)["items"].([]any)
	if e := items[0].(map[string]any); e["status"] != "suppressed" || !strings.Contains(e["status_reason"].(string), "mailbox does not exist") {
		t.Fatalf("email to a suppressed address: %v", e)
	}
	expect(t, d.support.do("POST", d.path("/unsuppress"), `{}`), 403, "forbidden")
	expect(t, d.admin.do("POST", d.path("/unsuppress"), `{}`), 204, "")
	expect(t, d.admin.do("POST", d.path("/unsuppress"), `{}`), 409, "not_suppressed")
	// Retry the suppressed email now that the address is clear.
	expect(t, d.support.do("POST", "/api/admin/emails/"+items[0].(map[string]any)["id"].(string)+"/retry", `{}`), 202, "")
	if m := h.waitMessages(1)[0]; m.To[0] != "mia@example.com" {
		t.Fatalf("retry went to %v", m.To)
	}
}

// Requests that try to choose the recipient are refused: email goes to the stored address.
func TestRecipientCannotBeChosen(t *testing.T) {
	d := newDesk(t)
	for _, c := range []struct{ path, body string }{
		{d.path("/offers/" + d.offer.ID + "/resend"), `{"to":"attacker@example.com"}`},
		{d.path("/reset-link"), `{"send":true,"email":"attacker@example.com"}`},
		{d.path("/offers"), `{"offer_id":"` + d.offer.ID + `","to":"attacker@example.com"}`},
	} {
		expect(t, d.support.do("POST", c.path, c.body), 422, "validation_failed")
	}
	expect(t, d.support.do("PATCH", d.path(""), `{"email":"new@example.com"}`), 200, "")
	expect(t, d.support.do("POST", d.path("/reset-link"), `{"send":true}`), 202, "")
	if m := d.h.waitMessages(1)[0]; m.To[0] != "new@example.com" {
		t.Fatalf("sent to %v", m.To)
	}
}
