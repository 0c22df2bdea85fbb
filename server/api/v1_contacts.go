package api

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/access"
	"gatehouse/server/auth"
	"gatehouse/server/store"
)

type v1ContactRequest struct {
	Email      string    `json:"email"`
	Name       *string   `json:"name"`
	Phone      *string   `json:"phone"`
	Tags       *[]string `json:"tags"`
	ExternalID *string   `json:"external_id"`
}

// details checks the fields of an upsert; absent ones stay as they are.
func (r v1ContactRequest) details() (string, access.Details, map[string]string) {
	fields := map[string]string{}
	email, err := auth.CheckEmail(r.Email)
	if err != nil {
		fields["email"] = "Enter one valid email address."
	}
	d := access.Details{Tags: r.Tags}
	for name, v := range map[string]*string{"name": r.Name, "phone": r.Phone, "external_id": r.ExternalID} {
		if v == nil {
			continue
		}
		clean := strings.TrimSpace(*v)
		limit := map[string]int{"name": 200, "phone": 50, "external_id": 200}[name]
		if utf8.RuneCountInString(clean) > limit || strings.ContainsAny(clean, "\r\n") {
			fields[name] = "Use at most " + strconv.Itoa(limit) + " characters on one line."
		}
		switch name {
		case "name":
			d.Name = &clean
		case "phone":
			d.Phone = &clean
		case "external_id":
			d.ExternalID = &clean
		}
	}
	if r.Tags != nil {
		tags, problem := cleanTags(*r.Tags)
		if problem != "" {
			fields["tags"] = problem
		}
		d.Tags = &tags
	}
	return email, d, fields
}

// cleanTags trims tags and drops repeats, keeping their order.
func cleanTags(in []string) ([]string, string) {
	out := []string{}
	seen := map[string]bool{}
	for _, t := range in {
		t = strings.TrimSpace(t)
		if t == "" || utf8.RuneCountInString(t) > 50 || strings.ContainsAny(t, "\r\n") {
			return nil, "Each tag is 1 to 50 characters on one line."
		}
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	if len(out) > 50 {
		return nil, "At most 50 tags."
	}
	return out, ""
}

// v1UpsertContact creates the member with this address (201) or updates the contact that has
// it (200); fields left out stay as they are, tags given replace the contact's.
func (s *Server) v1UpsertContact(c *fiber.Ctx) error {
	var req v1ContactRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	email, d, fields := req.details()
	if len(fields) > 0 {
		return validation(fields)
	}
	ct, created, err := s.Desk.UpsertContact(c.UserContext(), keyActor(c), email, d)
	if err != nil {
		return err
	}
	out, err := s.v1ContactOf(c.UserContext(), ct)
	if err != nil {
		return err
	}
	if created {
		c.Status(fiber.StatusCreated)
	}
	return c.JSON(out)
}

// v1GetContact answers a contact with its offers, communities and access status.
func (s *Server) v1GetContact(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ct, err := s.Store.ContactByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	return s.v1Answer(c, ct)
}

// v1LookupContact finds a contact by email or by external id (exactly one of them).
func (s *Server) v1LookupContact(c *fiber.Ctx) error {
	email, ext := c.Query("email"), c.Query("external_id")
	var ct store.Contact
	var err error
	switch {
	case (email == "") == (ext == ""):
		return validation(map[string]string{"email": "Give either email or external_id.", "external_id": "Give either email or external_id."})
	case email != "":
		if email, err = auth.CheckEmail(email); err != nil {
			return validation(map[string]string{"email": "Enter one valid email address."})
		}
		ct, err = s.Store.ContactByEmail(c.UserContext(), email)
	default:
		if utf8.RuneCountInString(ext) > 200 {
			return validation(map[string]string{"external_id": "At most 200 characters."})
		}
		ct, err = s.Store.ContactByExternalID(c.UserContext(), ext)
	}
	if err != nil {
		return err
	}
	return s.v1Answer(c, ct)
}

// v1Answer answers a contact, unless it is staff: API keys never see or touch staff accounts.
func (s *Server) v1Answer(c *fiber.Ctx, ct store.Contact) error {
	if err := access.MayActOn(keyActor(c), ct.Role, access.Everyday); err != nil {
		return err
	}
	out, err := s.v1ContactOf(c.UserContext(), ct)
	if err != nil {
		return err
	}
	return c.JSON(out)
}

// v1Contact loads the path's contact for a read, refusing staff.
func (s *Server) v1Target(c *fiber.Ctx) (store.Contact, error) {
	id, err := pathID(c)
	if err != nil {
		return store.Contact{}, err
	}
	ct, err := s.Store.ContactByID(c.UserContext(), id)
	if err != nil {
		return ct, err
	}
	return ct, access.MayActOn(keyActor(c), ct.Role, access.Everyday)
}
