package mail

import (
	"strings"
	"testing"
)

// The worst a staff template can cost now that it cannot loop and its functions' work is
// bounded (noloops.go): a value grown to near maxValue, then copied until the work budget. Rendering runs inside the transaction that queues the email, so this is
// how long one email can hold its rows. Compared with the built-in password reset email in
// the same run:
//
//	go test ./server/mail -run '^$' -bench Render -benchmem
func BenchmarkRenderBuiltin(b *testing.B) {
	benchRender(b, Custom{})
}

func BenchmarkRenderWorstCustom(b *testing.B) {
	// A value grown to 25 KB, then copied for as long as the work budget lets the desk save it.
	body := "{{.Link}}{{$a := printf \"%099d\" 1}}" + strings.Repeat("{{$a = print $a $a}}", 8)
	for CheckCustom(Custom{Body: body + "{{len (print $a)}}"}, true) == nil {
		body += "{{len (print $a)}}"
	}
	if err := CheckCustom(Custom{Body: body}, true); err != nil || len(body) > 20000 {
		b.Fatalf("the desk would not save it (%d characters): %v", len(body), err)
	}
	benchRender(b, Custom{Body: body})
}

func benchRender(b *testing.B, c Custom) {
	tpl, err := LoadTemplates()
	if err != nil {
		b.Fatal(err)
	}
	m := PasswordReset{
		Brand: brand, Recipient: Recipient{Name: "Ann", Email: "ann@example.com"},
		OneTimeLink: OneTimeLink{Link: LinkPlaceholder, ExpiresIn: "30 minutes"}, Custom: c,
	}
	b.ResetTimer()
	for range b.N {
		if _, err := tpl.Render(m); err != nil {
			b.Fatal(err)
		}
	}
}
