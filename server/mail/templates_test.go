package mail

import (
	"strings"
	"testing"
)

var brand = Brand{PortalName: "Acme Academy", Color: "#123456", SupportEmail: "help@acme.test", PublicURL: "https://acme.test"}

func TestEveryKindRenders(t *testing.T) {
	tpl, err := LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	who := Recipient{Name: "Ann", Email: "ann@example.com"}
	link := OneTimeLink{Link: LinkPlaceholder, ExpiresIn: "3 days"}
	for _, m := range []Message{
		Welcome{Brand: brand, Recipient: who, OneTimeLink: link, OfferName: "Pottery"},
		PasswordReset{Brand: brand, Recipient: who, OneTimeLink: link},
		SetPassword{Brand: brand, Recipient: who, OneTimeLink: link},
		PasswordChanged{Brand: brand, Recipient: who, When: "today", ForgotURL: "https://acme.test/forgot-password"},
		SignInAdded{Brand: brand, Recipient: who, Provider: "GitHub", When: "today", ForgotURL: "https://acme.test/forgot-password"},
		WebhookDisabled{Brand: brand, Recipient: who, URL: "https://hooks.acme.test/in", Since: "today", LastError: "HTTP 500", Link: "https://acme.test/admin/settings/webhooks"},
	} {
		r, err := tpl.Render(m)
		if err != nil {
			t.Fatalf("%s: %v", m.Kind(), err)
		}
		for _, part := range []string{r.HTML, r.Text} {
			if !strings.Contains(part, "Acme Academy") || !strings.Contains(part, "Ann") || !strings.Contains(part, "help@acme.test") {
				t.Errorf("%s: branding or greeting missing:\n%s", m.Kind(), part)
			}
		}
		if !strings.Contains(r.HTML, "#123456") {
			t.Errorf("%s: brand colour missing", m.Kind())
		}
		hasLink := strings.Contains(r.Text, LinkPlaceholder) && strings.Contains(r.HTML, LinkPlaceholder)
		if hasLink != LinkKinds[m.Kind()] {
			t.Errorf("%s: link placeholder present = %v", m.Kind(), hasLink)
		}
	}
}

// Names come from people: in HTML they are escaped, and no value can add a header line.
func TestUntrustedValuesAreContained(t *testing.T) {
	tpl, err := LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	m := Welcome{Brand: brand, Recipient: Recipient{Name: `<script>alert(1)</script>`, Email: "a@example.com"},
		OneTimeLink: OneTimeLink{Link: LinkPlaceholder, ExpiresIn: "3 days"}, OfferName: "Course\r\nBcc: evil@example.com"}
	r, err := tpl.Render(m)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.HTML, "<script>") {
		t.Fatal("a name was not escaped in HTML")
	}
	if strings.ContainsAny(r.Subject, "\r\n") {
		t.Fatalf("subject spans lines: %q", r.Subject)
	}
	if got := Paragraphs("One\n\nTwo\r\n\r\n\r\nThree  "); len(got) != 3 || got[2] != "Three" {
		t.Fatalf("paragraphs: %q", got)
	}
}

// The "sign-in method added" notice names the provider and the time, says what to do if it
// was not them, and holds no link but the forgot-password page (and the footer's portal URL).
func TestSignInAddedNotice(t *testing.T) {
	tpl, err := LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	m := SignInAdded{Brand: brand, Recipient: Recipient{Name: "Ann", Email: "ann@example.com"}, Provider: "Acme SSO",
		When: "3 March 2026 at 09:15 UTC", ForgotURL: "https://acme.test/forgot-password"}
	r, err := tpl.Render(m)
	if err != nil {
		t.Fatal(err)
	}
	if r.Subject != "A new sign-in method was added to your Acme Academy account" {
		t.Fatalf("subject %q", r.Subject)
	}
	for _, part := range []string{r.HTML, r.Text} {
		for _, want := range []string{"Acme SSO", "3 March 2026 at 09:15 UTC", "https://acme.test/forgot-password", "help@acme.test", "ann@example.com"} {
			if !strings.Contains(part, want) {
				t.Errorf("lacks %q:\n%s", want, part)
			}
		}
		if strings.Contains(part, LinkPlaceholder) || strings.Contains(part, "token") {
			t.Errorf("carries a link or token:\n%s", part)
		}
	}
	// Without a support address it says how to disconnect the provider yourself.
	m.Brand.SupportEmail = ""
	if r, err = tpl.Render(m); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Text, "disconnect Acme SSO on your account page") || strings.Contains(r.Text, "tell us at") {
		t.Fatalf("text without support address:\n%s", r.Text)
	}
	// The editable default renders the same facts.
	def, _ := EditableKind(KindSignInAdded)
	m.Custom = def.Default
	if r, err = tpl.Render(m); err != nil {
		t.Fatal(err)
	}
	if r.Subject != "A new sign-in method was added to your Acme Academy account" || !strings.Contains(r.Text, "Acme SSO was connected") ||
		!strings.Contains(r.Text, "3 March 2026 at 09:15 UTC") || !strings.Contains(r.HTML, `href="https://acme.test/forgot-password"`) {
		t.Fatalf("default template: %q\n%s", r.Subject, r.Text)
	}
}

// The sender's name: the one set in Settings, else the one in GATEHOUSE_MAIL_FROM, else the
// portal's name (renaming the portal renames the sender).
func TestFromFallsBackToThePortalName(t *testing.T) {
	for _, c := range []struct{ configured, name, address, portal, want string }{
		{"no-reply@example.com", "", "", "Pottery Club", `"Pottery Club" <no-reply@example.com>`},
		{"Studio Desk <desk@example.com>", "", "", "Pottery Club", `"Studio Desk" <desk@example.com>`},
		{"Studio Desk <desk@example.com>", "Ann at the Club", "ann@example.com", "Pottery Club", `"Ann at the Club" <ann@example.com>`},
	} {
		if got := From(c.configured, c.name, c.address, c.portal); got != c.want {
			t.Errorf("From(%q, %q, %q, %q) = %s, want %s", c.configured, c.name, c.address, c.portal, got, c.want)
		}
	}
}
