package api

import (
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/mail"
	"gatehouse/server/store"
)

type templateJSON struct {
	Kind           string     `json:"kind"`
	Label          string     `json:"label"`
	Description    string     `json:"description"`
	Subject        string     `json:"subject"`
	Body           string     `json:"body"`
	DefaultSubject string     `json:"default_subject"`
	DefaultBody    string     `json:"default_body"`
	RequiresLink   bool       `json:"requires_link"`
	Variables      []string   `json:"variables"`
	UpdatedAt      *time.Time `json:"updated_at"`
}

// listTemplates lists the editable kinds of email with what staff wrote (empty: built-in) and
// a starting point for each.
func (s *Server) listTemplates(c *fiber.Ctx) error {
	saved, err := s.Store.EmailTemplates(c.UserContext())
	if err != nil {
		return err
	}
	byKind := map[string]store.EmailTemplate{}
	for _, t := range saved {
		byKind[t.Kind] = t
	}
	items := []templateJSON{}
	for _, k := range mail.EditableKinds {
		t := byKind[k.Kind]
		items = append(items, templateJSON{Kind: k.Kind, Label: k.Label, Description: k.Description, Subject: t.Subject, Body: t.Body,
			DefaultSubject: k.Default.Subject, DefaultBody: k.Default.Body, RequiresLink: mail.LinkKinds[k.Kind],
			Variables: mail.VariablesOf(k.Kind), UpdatedAt: timePtr(t.UpdatedAt)})
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": "", "welcome_default": fiber.Map{"subject": mail.WelcomeDefault.Subject,
		"body": mail.WelcomeDefault.Body, "variables": mail.VariablesOf(mail.KindWelcome)}})
}

type templateRequest struct {
	Subject   string `json:"subject"`
	Body      string `json:"body"`
	ContactID string `json:"contact_id"`
}

func (s *Server) saveTemplate(c *fiber.Ctx) error {
	var req templateRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	kind := c.Params("kind")
	if err := s.Desk.SaveTemplate(c.UserContext(), actor(c), kind, mail.Custom{Subject: req.Subject, Body: req.Body}); err != nil {
		return err
	}
	return c.JSON(fiber.Map{"kind": kind, "subject": req.Subject, "body": req.Body})
}

// previewTemplate renders a kind of email with an unsaved template, for a chosen or sample
// contact, link masked.
func (s *Server) previewTemplate(c *fiber.Ctx) error {
	kind := c.Params("kind")
	if _, ok := mail.EditableKind(kind); !ok {
		return &Error{Status: 404, Code: CodeNotFound, Message: "No such email."}
	}
	var req templateRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	return s.renderPreview(c, kind, req, store.Offer{})
}

func (s *Server) renderPreview(c *fiber.Ctx, kind string, req templateRequest, offer store.Offer) error {
	tpl := mail.Custom{Subject: req.Subject, Body: req.Body}
	if err := checkForPreview(tpl, kind); err != nil {
		return err
	}
	who := store.Contact{Name: "Sam Sample", Email: "sam@example.com"}
	if req.ContactID != "" {
		if !uuidPattern.MatchString(req.ContactID) {
			return validation(map[string]string{"contact_id": "Not a contact id."})
		}
		ct, err := s.Store.ContactByID(c.UserContext(), req.ContactID)
		if err != nil {
			return err
		}
		who = ct
	}
	r, err := s.Auth.PreviewTemplate(c.UserContext(), kind, who, tpl, offer)
	if err != nil {
		return err
	}
	html := maskedText(r.HTML)
	sess, _ := currentSession(c)
	id, err := s.Store.SavePreview(c.UserContext(), html, sess.ContactID, s.Now())
	if err != nil {
		return err
	}
	// html_url serves the same HTML with a policy that lets its inline styles apply in a frame.
	return c.JSON(fiber.Map{"subject": r.Subject, "html": html, "html_url": "/api/admin/previews/" + id + "/html", "text": maskedText(r.Text), "to": who.Email})
}

// getPreviewHTML serves a preview rendered by one of the preview endpoints, for an <iframe>.
func (s *Server) getPreviewHTML(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	html, err := s.Store.Preview(c.UserContext(), id, s.Now())
	if err != nil {
		return err
	}
	return emailHTML(c, html)
}

// checkForPreview reports template problems as field errors (a preview of a broken template
// says what is broken, with the line).
func checkForPreview(tpl mail.Custom, kind string) error {
	if len(tpl.Subject) > 300 || len(tpl.Body) > 20000 {
		return validation(map[string]string{"body": "Too long to preview."})
	}
	var te *mail.TemplateError
	if err := mail.CheckCustom(tpl, false); errors.As(err, &te) {
		field := te.Field
		if kind == mail.KindWelcome {
			field = "welcome_" + field
		}
		return validation(map[string]string{field: te.Error()})
	} else if err != nil {
		return err
	}
	return nil
}

// sendTemplateTest emails the signed-in staff member the kind of email with the given
// template; its link opens nothing.
func (s *Server) sendTemplateTest(c *fiber.Ctx) error {
	kind := c.Params("kind")
	if _, ok := mail.EditableKind(kind); !ok {
		return &Error{Status: 404, Code: CodeNotFound, Message: "No such email."}
	}
	var req templateRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	return s.sendTest(c, kind, mail.Custom{Subject: req.Subject, Body: req.Body}, store.Offer{})
}

func (s *Server) sendTest(c *fiber.Ctx, kind string, tpl mail.Custom, offer store.Offer) error {
	if err := checkForPreview(tpl, kind); err != nil {
		return err
	}
	sess, _ := currentSession(c)
	e, err := s.Auth.SendTest(c.UserContext(), *sess.Contact, kind, tpl, offer)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(fiber.Map{"email_id": e.ID, "to": e.ToAddress})
}
