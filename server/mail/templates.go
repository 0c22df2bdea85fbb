package mail

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	texttemplate "text/template"

	"github.com/gofiber/template/html/v2"
)

//go:embed templates
var templateFS embed.FS

// Message is an email's typed content: each kind of email has its own struct (messages.go).
type Message interface {
	Kind() string
	Subject() string
}

// Rendered is a message ready to queue.
type Rendered struct {
	Subject string
	HTML    string
	Text    string
}

// Templates renders messages: HTML through gofiber/template/html with the shared branded
// layout, text through text/template (HTML escaping has no place in a text part).
type Templates struct {
	html *html.Engine
	text *texttemplate.Template
}

// Kinds lists every message kind; LoadTemplates refuses to start if one lacks a part.
var Kinds = []string{KindWelcome, KindPasswordReset, KindSetPassword, KindPasswordChanged, KindSignInAdded, KindSignInCode, KindStaffInvite, KindStaffNotice, KindWebhookDisabled, "custom"}

// LoadTemplates parses the embedded templates once.
func LoadTemplates() (*Templates, error) {
	sub, err := fs.Sub(templateFS, "templates")
	if err != nil {
		return nil, err
	}
	engine := html.NewFileSystem(http.FS(sub), ".html")
	if err := engine.Load(); err != nil {
		return nil, fmt.Errorf("mail: html templates: %w", err)
	}
	text, err := texttemplate.New("").ParseFS(sub, "*.txt")
	if err != nil {
		return nil, fmt.Errorf("mail: text templates: %w", err)
	}
	for _, kind := range Kinds {
		if engine.Templates.Lookup(kind) == nil || text.Lookup(kind+".txt") == nil {
			return nil, fmt.Errorf("mail: template %q needs both %[1]s.html and %[1]s.txt", kind)
		}
	}
	return &Templates{html: engine, text: text}, nil
}

// customizable messages may carry a staff-written subject and body.
type customizable interface {
	customized() (Custom, TemplateData, Brand)
}

// customPage is what custom.html and custom.txt render inside the branded layout.
type customPage struct {
	Brand    Brand
	HTMLBody template.HTML
	TextBody string
}

// Render produces the subject, HTML and text of m: from its staff-written template when it has
// one, from the built-in one otherwise, always inside the branded layout.
func (t *Templates) Render(m Message) (Rendered, error) {
	cm, ok := m.(customizable)
	if !ok {
		return t.renderBuiltin(m.Kind(), m, m.Subject())
	}
	c, data, brand := cm.customized()
	c = withoutLoops(c)
	subject := m.Subject()
	if c.Subject != "" {
		var err error
		if subject, err = customSubject(c.Subject, data); err != nil {
			return Rendered{}, err
		}
	}
	if c.Body == "" {
		return t.renderBuiltin(m.Kind(), m, subject)
	}
	text, html, err := customBody(c.Body, data, brand.Color)
	if err != nil {
		return Rendered{}, err
	}
	return t.renderBuiltin("custom", customPage{Brand: brand, HTMLBody: html, TextBody: strings.TrimSpace(text)}, subject)
}

// withoutLoops drops a stored subject or body that loops (saved before loops were refused):
// the email goes out with the built-in text rather than pinning a core or not going out.
func withoutLoops(c Custom) Custom {
	for _, f := range []*string{&c.Subject, &c.Body} {
		if _, err := parseCustom("", *f); errors.Is(err, errLoop) {
			*f = ""
		}
	}
	return c
}

func (t *Templates) renderBuiltin(name string, data any, subject string) (Rendered, error) {
	var h, x bytes.Buffer
	if err := t.html.Render(&h, name, data, "layout"); err != nil {
		return Rendered{}, fmt.Errorf("mail: render %s html: %w", name, err)
	}
	if err := t.text.ExecuteTemplate(&x, name+".txt", data); err != nil {
		return Rendered{}, fmt.Errorf("mail: render %s text: %w", name, err)
	}
	return Rendered{Subject: oneLine(subject), HTML: h.String(), Text: strings.TrimSpace(x.String()) + "\n"}, nil
}

// oneLine keeps a subject to one line: a CR or LF in a name must not start a new header.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
