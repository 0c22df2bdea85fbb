package mail

import (
	"bytes"
	"embed"
	"fmt"
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
var Kinds = []string{KindWelcome, KindPasswordReset, KindSetPassword, KindPasswordChanged}

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

// Render produces the subject, HTML and text of m.
func (t *Templates) Render(m Message) (Rendered, error) {
	var h, x bytes.Buffer
	if err := t.html.Render(&h, m.Kind(), m, "layout"); err != nil {
		return Rendered{}, fmt.Errorf("mail: render %s html: %w", m.Kind(), err)
	}
	if err := t.text.ExecuteTemplate(&x, m.Kind()+".txt", m); err != nil {
		return Rendered{}, fmt.Errorf("mail: render %s text: %w", m.Kind(), err)
	}
	return Rendered{Subject: oneLine(m.Subject()), HTML: h.String(), Text: strings.TrimSpace(x.String()) + "\n"}, nil
}

// oneLine keeps a subject to one line: a CR or LF in a name must not start a new header.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
