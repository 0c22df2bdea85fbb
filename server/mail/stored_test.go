package mail

import "testing"

// Every kind of message comes back from its stored form as it was, and renders the same.
func TestStoredMessagesRoundTrip(t *testing.T) {
	tpl, err := LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	who := Recipient{Name: "Ann <b>", Email: "ann@example.com"}
	link := OneTimeLink{Link: LinkPlaceholder, ExpiresIn: "3 days", Code: CodePlaceholder}
	msgs := []Message{
		Welcome{Brand: brand, Recipient: who, OneTimeLink: link, OfferName: "Pottery", OfferDescription: "Wheel",
			ContentLinks: []ContentLink{{Label: "Lesson", URL: "https://learn.example.com/1"}}, Custom: Custom{Body: "Hi {{.Name}} {{.Link}}"}},
		PasswordReset{Brand: brand, Recipient: who, OneTimeLink: link},
		SetPassword{Brand: brand, Recipient: who, OneTimeLink: link, Staff: true},
		PasswordChanged{Brand: brand, Recipient: who, ByStaff: true, When: "today", ForgotURL: "https://p.example.com/forgot-password"},
		StaffInvite{Brand: brand, Recipient: who, OneTimeLink: link, Role: "admin"},
		StaffNotice{Brand: brand, Recipient: who, About: Recipient{Email: "tom@example.com"}, Workflow: "Welcome", Message: "Call Tom", Link: "https://p.example.com/admin"},
		SignInAdded{Brand: brand, Recipient: who, Provider: "Google", When: "today", ForgotURL: "https://p.example.com/forgot-password"},
		SignInCode{Brand: brand, Recipient: who},
		WebhookDisabled{Brand: brand, Recipient: who, URL: "https://hooks.example.com", Since: "Monday", LastError: "500", Link: "https://p.example.com/admin"},
	}
	for _, m := range msgs {
		s, err := EncodeMessage(m)
		if err != nil {
			t.Fatalf("%s: %v", m.Kind(), err)
		}
		back, err := DecodeMessage(s)
		if err != nil {
			t.Fatalf("%s: %v", m.Kind(), err)
		}
		want, err1 := tpl.Render(m)
		got, err2 := tpl.Render(back)
		if err1 != nil || err2 != nil || want != got {
			t.Fatalf("%s renders differently after storing (%v, %v)", m.Kind(), err1, err2)
		}
	}
	if _, err := DecodeMessage(`{"kind":"nope","data":{}}`); err == nil {
		t.Fatal("an unknown kind decoded")
	}
}
