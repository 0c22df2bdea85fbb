package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/desk"
	"gatehouse/server/store"
)

type offerJSON struct {
	ID             string       `json:"id"`
	Name           string       `json:"name"`
	Description    string       `json:"description"`
	ContentLinks   []store.Link `json:"content_links"`
	WelcomeSubject string       `json:"welcome_subject"`
	WelcomeBody    string       `json:"welcome_body"`
	Archived       bool         `json:"archived"`
	CreatedAt      time.Time    `json:"created_at"`
}

func toOfferJSON(o store.Offer) offerJSON {
	links := o.ContentLinks
	if links == nil {
		links = []store.Link{}
	}
	return offerJSON{ID: o.ID, Name: o.Name, Description: o.Description, ContentLinks: links,
		WelcomeSubject: o.WelcomeSubject, WelcomeBody: o.WelcomeBody, Archived: !o.ArchivedAt.IsZero(), CreatedAt: o.CreatedAt}
}

func (s *Server) listOffers(c *fiber.Ctx) error {
	list, err := s.Store.ListOffers(c.UserContext(), c.QueryBool("archived"))
	if err != nil {
		return err
	}
	items := make([]offerJSON, 0, len(list))
	for _, o := range list {
		items = append(items, toOfferJSON(o))
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": ""})
}

type offerRequest struct {
	Name           string       `json:"name"`
	Description    string       `json:"description"`
	ContentLinks   []store.Link `json:"content_links"`
	WelcomeSubject string       `json:"welcome_subject"`
	WelcomeBody    string       `json:"welcome_body"`
}

func (s *Server) createOffer(c *fiber.Ctx) error {
	var req offerRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	o, err := s.Desk.CreateOffer(c.UserContext(), actor(c), desk.OfferInput(req))
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toOfferJSON(o))
}
