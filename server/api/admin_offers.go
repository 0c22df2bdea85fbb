package api

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/desk"
	"gatehouse/server/mail"
	"gatehouse/server/store"
)

type offerJSON struct {
	ID             string       `json:"id"`
	Name           string       `json:"name"`
	Slug           string       `json:"slug"`
	Description    string       `json:"description"`
	ContentLinks   []store.Link `json:"content_links"`
	WelcomeSubject string       `json:"welcome_subject"`
	WelcomeBody    string       `json:"welcome_body"`
	CommunityIDs   []string     `json:"community_ids"`
	Members        int          `json:"members"`
	Archived       bool         `json:"archived"`
	CreatedAt      time.Time    `json:"created_at"`
}

func toOfferJSON(o store.Offer) offerJSON {
	links := o.ContentLinks
	if links == nil {
		links = []store.Link{}
	}
	return offerJSON{ID: o.ID, Name: o.Name, Slug: o.Slug, Description: o.Description, ContentLinks: links, CommunityIDs: []string{},
		WelcomeSubject: o.WelcomeSubject, WelcomeBody: o.WelcomeBody, Archived: !o.ArchivedAt.IsZero(), CreatedAt: o.CreatedAt}
}

func (s *Server) listOffers(c *fiber.Ctx) error {
	ctx := c.UserContext()
	list, err := s.Store.ListOffers(ctx, c.QueryBool("archived"))
	if err != nil {
		return err
	}
	counts, err := s.Store.CountActiveGrants(ctx)
	if err != nil {
		return err
	}
	items := make([]offerJSON, 0, len(list))
	for _, o := range list {
		j := toOfferJSON(o)
		j.Members = counts[o.ID]
		items = append(items, j)
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": ""})
}

func (s *Server) getOffer(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	o, err := s.Store.OfferByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	return s.offerAnswer(c, o, fiber.StatusOK)
}

func (s *Server) offerAnswer(c *fiber.Ctx, o store.Offer, status int) error {
	j := toOfferJSON(o)
	ids, err := s.Store.OfferCommunityIDs(c.UserContext(), o.ID)
	if err != nil {
		return err
	}
	counts, err := s.Store.CountActiveGrants(c.UserContext())
	if err != nil {
		return err
	}
	j.CommunityIDs, j.Members = ids, counts[o.ID]
	return c.Status(status).JSON(j)
}

type offerRequest struct {
	Name           string       `json:"name"`
	Slug           string       `json:"slug"`
	Description    string       `json:"description"`
	ContentLinks   []store.Link `json:"content_links"`
	WelcomeSubject string       `json:"welcome_subject"`
	WelcomeBody    string       `json:"welcome_body"`
	CommunityIDs   []string     `json:"community_ids"`
}

func (r offerRequest) input() (desk.OfferInput, error) {
	for _, id := range r.CommunityIDs {
		if !uuidPattern.MatchString(id) {
			return desk.OfferInput{}, validation(map[string]string{"community_ids": "Not a community id."})
		}
	}
	return desk.OfferInput(r), nil
}

func (s *Server) createOffer(c *fiber.Ctx) error {
	var req offerRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	in, err := req.input()
	if err != nil {
		return err
	}
	o, err := s.Desk.CreateOffer(c.UserContext(), actor(c), in)
	if err != nil {
		return err
	}
	return s.offerAnswer(c, o, fiber.StatusCreated)
}

func (s *Server) updateOffer(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	current, err := s.Store.OfferByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	// PATCH: absent fields stay; absent community_ids leave the communities as they are.
	req := offerRequest{Name: current.Name, Slug: current.Slug, Description: current.Description, ContentLinks: current.ContentLinks,
		WelcomeSubject: current.WelcomeSubject, WelcomeBody: current.WelcomeBody}
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	in, err := req.input()
	if err != nil {
		return err
	}
	o, err := s.Desk.UpdateOffer(c.UserContext(), actor(c), id, in)
	if err != nil {
		return err
	}
	return s.offerAnswer(c, o, fiber.StatusOK)
}

func (s *Server) archiveOffer(c *fiber.Ctx) error { return s.setOfferArchived(c, true) }
func (s *Server) restoreOffer(c *fiber.Ctx) error { return s.setOfferArchived(c, false) }

func (s *Server) setOfferArchived(c *fiber.Ctx, archive bool) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.Desk.ArchiveOffer(c.UserContext(), actor(c), id, archive); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

type previewRequest struct {
	Name           string `json:"name"`
	Description    string `json:"description"`
	WelcomeSubject string `json:"welcome_subject"`
	WelcomeBody    string `json:"welcome_body"`
	ContactID      string `json:"contact_id"`
}

func (r previewRequest) offer() store.Offer {
	name := strings.TrimSpace(r.Name)
	if name == "" {
		name = "Your offer"
	}
	return store.Offer{Name: name, Description: r.Description}
}

// previewWelcome renders an offer's welcome email as it would be sent (the live preview while
// editing), for a chosen contact or a sample one, with the link masked.
func (s *Server) previewWelcome(c *fiber.Ctx) error {
	var req previewRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if len(req.Name) > 200 || len(req.Description) > 5000 {
		return validation(map[string]string{"name": "Too long to preview."})
	}
	return s.renderPreview(c, mail.KindWelcome, templateRequest{Subject: req.WelcomeSubject, Body: req.WelcomeBody, ContactID: req.ContactID}, req.offer())
}

// testWelcome emails the signed-in staff member the offer's welcome email (as saved, or as
// being edited if given); its link opens nothing.
func (s *Server) testWelcome(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	o, err := s.Store.OfferByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	req := previewRequest{Name: o.Name, Description: o.Description, WelcomeSubject: o.WelcomeSubject, WelcomeBody: o.WelcomeBody}
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	return s.sendTest(c, mail.KindWelcome, mail.Custom{Subject: req.WelcomeSubject, Body: req.WelcomeBody}, req.offer())
}
