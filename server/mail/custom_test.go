package mail

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckCustom(t *testing.T) {
	cases := []struct {
		name      string
		c         Custom
		needsLink bool
		line      int
		contains  string
	}{
		{"fine", Custom{Subject: "Hello {{.Name}}", Body: "Hi {{.Name}},\n\nGo here: {{.Link}}"}, true, 0, ""},
		{"syntax error with its line", Custom{Body: "Hi,\n\n{{if .Name}}no end"}, false, 3, "unexpected EOF"},
		{"unclosed action", Custom{Body: "one\ntwo {{.Name"}, false, 2, ""},
		{"unknown variable", Custom{Body: "Hi {{.Password}}"}, false, 1, "Password"},
		{"missing link", Custom{Body: "Welcome aboard, {{.Name}}!"}, true, 0, "{{.Link}}"},
		{"link only in a branch never taken", Custom{Body: "{{if false}}{{.Link}}{{end}}"}, true, 0, "{{.Link}}"},
		{"bad subject", Custom{Subject: "{{.Nope}}", Body: "{{.Link}}"}, true, 1, "Nope"},
		{"runaway output", Custom{Body: strings.Repeat("{{printf \"%099d\" 1}}", 3000) + "{{.Link}}"}, true, 0, "too much"},
		{"padding that is thrown away", Custom{Body: "{{.Link}}\n{{len (printf \"%0999999d\" 1)}}"}, true, 2, "printf"},
		{"a width from an argument", Custom{Body: "{{.Link}} {{printf \"%*d\" 999999 1}}"}, true, 1, "printf"},
		{"a wide precision", Custom{Body: "{{.Link}} {{printf \"%.999f\" 1.0}}"}, true, 1, "printf"},
		{"a format from a member's name", Custom{Body: "{{.Link}} {{printf .Name}}"}, true, 0, ""},
		{"printf as usual", Custom{Body: "{{.Link}} {{printf \"%s, %05d %.2f\" .Name 7 1.5}}"}, true, 0, ""},
		{"a value doubled by a variable", Custom{Body: "{{.Link}}\n{{$a := .Name}}" + strings.Repeat(`{{$a = print $a $a}}`, 40) + "{{len $a}}"}, true, 2, "too much text"},
		{"a value doubled by printf", Custom{Body: "{{.Link}}\n{{$a := .Name}}" + strings.Repeat(`{{$a = printf "%s%s" $a $a}}`, 40) + "{{len $a}}"}, true, 2, "too much text"},
		{"a value doubled by nested with", Custom{Body: "{{.Link}}\n{{with .Name}}" + strings.Repeat(`{{with print . .}}`, 40) + "{{len .}}" + strings.Repeat("{{end}}", 41)}, true, 2, "too much text"},
		{"escaping that doubles", Custom{Body: "{{.Link}}\n{{with print \"\\\\\"}}" + strings.Repeat(`{{with js .}}`, 40) + "{{len .}}" + strings.Repeat("{{end}}", 41)}, true, 2, "too much text"},
		{"thousands of arguments", Custom{Body: "{{.Link}}\n{{$a := printf \"%099d\" 1}}{{len (print" + strings.Repeat(" $a", 1000) + ")}}"}, true, 2, "too much text"},
		{"print and html as usual", Custom{Body: "{{.Link}} {{print .Name \" <\" .Email \">\"}} {{html .OfferDescription}} {{urlquery .Email}}"}, true, 0, ""},
		{"a loop", Custom{Body: "Hi,\n\n{{range 1000000}}{{end}}{{.Link}}"}, true, 3, "{{range}}"},
		{"a loop for real recipients only", Custom{Body: "{{.Link}}\n{{if ne .Email \"sample\"}}\n{{range 1000000}}{{end}}{{end}}"}, true, 3, "{{range}}"},
		{"a loop in the subject", Custom{Subject: "{{range 3}}x{{end}}", Body: "{{.Link}}"}, true, 1, "{{range}}"},
		{"recursion", Custom{Body: "{{.Link}}\n{{define \"x\"}}{{template \"x\"}}{{end}}"}, true, 2, "{{define}}"},
		{"a call", Custom{Body: "{{.Link}}\n\n{{template \"x\"}}"}, true, 3, "{{template}}"},
		{"a block", Custom{Body: "{{.Link}}\n{{with .Name}}\n{{block \"x\" .}}{{.}}{{end}}{{end}}"}, true, 3, "{{block}}"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckCustom(tc.c, tc.needsLink)
			if tc.contains == "" && tc.line == 0 {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("want a TemplateError, got %v", err)
			}
			if te.Line != tc.line || !strings.Contains(te.Error(), tc.contains) {
				t.Fatalf("got %q (line %d), want line %d containing %q", te.Error(), te.Line, tc.line, tc.contains)
			}
		})
	}
}

// A staff-written body: text as written; in HTML every character escaped, addresses linked,
// the one-time link a button; the branded layout around it.
func TestCustomBodyRenders(t *testing.T) {
	tpl, err := LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	m := PasswordReset{
		Brand: brand, Recipient: Recipient{Name: "<b>Ann</b>", Email: "ann@example.com"},
		OneTimeLink: OneTimeLink{Link: LinkPlaceholder, ExpiresIn: "30 minutes"},
		Custom:      Custom{Subject: "{{.PortalName}}: new password for {{.Name}}", Body: "Hello {{.Name}},\n\nClick {{.Link}} within {{.ExpiresIn}}.\nHelp: https://help.example.com/a?b=1&c=2"},
	}
	r, err := tpl.Render(m)
	if err != nil {
		t.Fatal(err)
	}
	if r.Subject != "Acme Academy: new password for <b>Ann</b>" {
		t.Fatalf("subject %q", r.Subject)
	}
	if !strings.Contains(r.Text, "Click "+LinkPlaceholder+" within 30 minutes.") || !strings.Contains(r.Text, "help@acme.test") {
		t.Fatalf("text:\n%s", r.Text)
	}
	for _, want := range []string{"Hello &lt;b&gt;Ann&lt;/b&gt;,", `href="` + LinkPlaceholder + `"`, `href="https://help.example.com/a?b=1&amp;c=2"`, "#123456", "Acme Academy"} {
		if !strings.Contains(r.HTML, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(r.HTML, "<b>Ann</b>") {
		t.Fatal("a name was not escaped")
	}
}

// A template saved before loops were refused is not run: the email goes out with the built-in
// text rather than not at all.
func TestStoredLoopFallsBackToBuiltin(t *testing.T) {
	tpl, err := LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	m := PasswordReset{Brand: brand, Recipient: Recipient{Name: "Ann", Email: "ann@example.com"},
		OneTimeLink: OneTimeLink{Link: LinkPlaceholder, ExpiresIn: "30 minutes"},
		Custom:      Custom{Subject: "{{range 1000000}}{{end}}Reset", Body: "{{range 1000000}}{{range 1000000}}{{end}}{{end}}{{.Link}}"}}
	r, err := tpl.Render(m)
	if err != nil {
		t.Fatal(err)
	}
	builtin, _ := tpl.Render(PasswordReset{Brand: m.Brand, Recipient: m.Recipient, OneTimeLink: m.OneTimeLink})
	if r != builtin {
		t.Fatalf("got %q, want the built-in email", r.Subject)
	}
}
