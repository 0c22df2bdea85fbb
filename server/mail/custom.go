package mail

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"html/template"
	"regexp"
	"strings"
	texttemplate "text/template"
)

// Custom is a staff-written subject and body for a kind of email (or an offer's welcome
// email), in Go template syntax with the variables of TemplateData. Empty fields fall back to
// the built-in template.
type Custom struct {
	Subject string
	Body    string
}

// TemplateData is what a staff-written template can use: {{.Name}}, {{.Link}} …
type TemplateData struct {
	Name             string // the recipient's name, or their address
	Email            string
	PortalName       string
	PortalURL        string
	SupportEmail     string
	Link             string // the one-time link (credential emails)
	ExpiresIn        string // how long the link works: "3 days"
	OfferName        string
	OfferDescription string
	OfferLinks       string // the offer's content links, one "Label: address" per line
	When             string // password changed, sign-in method added: when
	ForgotURL        string // password changed, sign-in method added: where to reset the password
	Provider         string // sign-in method added: the provider's name ("Google")
	Code             string // the six-digit code (sign-in code; beside a link)
	Device           string // sign-in code: the browser and system that asked ("Firefox on Windows")
}

// VariablesOf lists the variables an email of kind fills in, for the editor to offer: a
// notice has no link to print, a reset email no offer.
func VariablesOf(kind string) []string {
	vars := []string{"Name", "Email", "PortalName", "PortalURL", "SupportEmail"}
	if LinkKinds[kind] {
		vars = append(vars, "Link", "Code", "ExpiresIn")
	}
	switch kind {
	case KindWelcome:
		vars = append(vars, "OfferName", "OfferDescription", "OfferLinks")
	case KindPasswordChanged:
		vars = append(vars, "When", "ForgotURL")
	case KindSignInAdded:
		vars = append(vars, "When", "ForgotURL", "Provider")
	case KindSignInCode:
		vars = append(vars, "Code", "ExpiresIn", "Device", "When")
	}
	return vars
}

// TemplateError says what is wrong with a staff-written template, with the line when known.
type TemplateError struct {
	Field   string // "subject" or "body"
	Line    int
	Message string
}

func (e *TemplateError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("Line %d: %s", e.Line, e.Message)
	}
	return e.Message
}

// maxCustomOutput bounds what a template may produce ({{range 1000000000}} stops here).
const maxCustomOutput = 200 << 10

var lineInError = regexp.MustCompile(`^template: \w+:(\d+):(?:\d+:)? ?(.*)$`)

// parseCustom parses one staff-written template, turning Go's error into a TemplateError, and
// refuses loops and sub-templates (noloops.go). Save, preview and sending all come here.
func parseCustom(field, src string) (*texttemplate.Template, error) {
	t, err := texttemplate.New(field).Option("missingkey=error").Funcs(textFuncs()).Parse(src)
	if err != nil {
		return nil, templateError(field, err)
	}
	if err := refuseLoops(field, src, t); err != nil {
		return nil, err
	}
	return t, nil
}

func templateError(field string, err error) *TemplateError {
	msg := err.Error()
	if m := lineInError.FindStringSubmatch(msg); m != nil {
		line := 0
		fmt.Sscanf(m[1], "%d", &line)
		return &TemplateError{Field: field, Line: line, Message: strings.TrimPrefix(m[2], "executing \""+field+"\" at ")}
	}
	return &TemplateError{Field: field, Message: msg}
}

// execCustom runs a parsed template into at most maxCustomOutput bytes.
func execCustom(field string, t *texttemplate.Template, data TemplateData) (string, error) {
	var buf limitedBuffer
	if err := t.Execute(&buf, data); err != nil {
		if errors.Is(err, errTooLong) {
			return "", &TemplateError{Field: field, Message: "The template produces too much text."}
		}
		return "", templateError(field, err)
	}
	return buf.String(), nil
}

// CheckCustom validates a staff-written template before it is saved: it must parse, run with
// sample data, and, for an email that carries a one-time link, print {{.Link}}.
func CheckCustom(c Custom, needsLink bool) error {
	sample := TemplateData{Name: "Sam", Email: "sam@example.com", PortalName: "Portal", PortalURL: "https://portal.example.com",
		SupportEmail: "help@example.com", Link: "https://portal.example.com/reset#token=SAMPLE", ExpiresIn: "3 days",
		OfferName: "Offer", OfferDescription: "About the offer", When: "today", ForgotURL: "https://portal.example.com/forgot-password",
		Provider: "Google"}
	if c.Subject != "" {
		t, err := parseCustom("subject", c.Subject)
		if err != nil {
			return err
		}
		if _, err := execCustom("subject", t, sample); err != nil {
			return err
		}
	}
	if c.Body == "" {
		return nil
	}
	t, err := parseCustom("body", c.Body)
	if err != nil {
		return err
	}
	out, err := execCustom("body", t, sample)
	if err != nil {
		return err
	}
	if needsLink && !strings.Contains(out, sample.Link) {
		return &TemplateError{Field: "body", Message: "This email carries the member's one-time link: put {{.Link}} in the text, or the member cannot get in."}
	}
	return nil
}

// customSubject renders a staff-written subject.
func customSubject(src string, data TemplateData) (string, error) {
	t, err := parseCustom("subject", src)
	if err != nil {
		return "", err
	}
	return execCustom("subject", t, data)
}

// customBody renders a staff-written body: the text part as written, the HTML part as escaped
// paragraphs in which addresses become links and the one-time link a button.
func customBody(src string, data TemplateData, color string) (string, template.HTML, error) {
	t, err := parseCustom("body", src)
	if err != nil {
		return "", "", err
	}
	text, err := execCustom("body", t, data)
	if err != nil {
		return "", "", err
	}
	return text, paragraphsHTML(text, data.Link, color), nil
}

var urlPattern = regexp.MustCompile(`https?://[^\s<>"]+`)

// paragraphsHTML turns text into HTML: blank lines separate paragraphs, every character is
// escaped, URLs become links, and the one-time link becomes a button.
func paragraphsHTML(text, link, color string) template.HTML {
	var b strings.Builder
	for _, p := range Paragraphs(text) {
		b.WriteString(`<p>`)
		last := 0
		for _, loc := range urlPattern.FindAllStringIndex(p, -1) {
			b.WriteString(strings.ReplaceAll(html.EscapeString(p[last:loc[0]]), "\n", "<br>"))
			u := html.EscapeString(p[loc[0]:loc[1]])
			if link != "" && p[loc[0]:loc[1]] == link {
				fmt.Fprintf(&b, `<a href="%s" style="display:inline-block;background:%s;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 22px;border-radius:6px;">Open your link</a><br><span style="font-size:13px;color:#52525b;word-break:break-all;">%s</span>`, u, html.EscapeString(color), u)
			} else {
				fmt.Fprintf(&b, `<a href="%s" style="color:#3f3f46;">%s</a>`, u, u)
			}
			last = loc[1]
		}
		b.WriteString(strings.ReplaceAll(html.EscapeString(p[last:]), "\n", "<br>"))
		b.WriteString("</p>\n")
	}
	return template.HTML(b.String()) // built from escaped pieces only
}

var errTooLong = errors.New("mail: template output too long")

type limitedBuffer struct{ bytes.Buffer }

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if l.Len()+len(p) > maxCustomOutput {
		return 0, errTooLong
	}
	return l.Buffer.Write(p)
}
