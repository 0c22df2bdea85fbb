package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/desk"
	"gatehouse/server/store"
)

type communityJSON struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Slug        string    `json:"slug"`
	Description string    `json:"description"`
	URL         string    `json:"url"`
	Archived    bool      `json:"archived"`
	CreatedAt   time.Time `json:"created_at"`
}

func toCommunityJSON(c store.Community) communityJSON {
	return communityJSON{ID: c.ID, Name: c.Name, Slug: c.Slug, Description: c.Description, URL: c.URL, Archived: !c.ArchivedAt.IsZero(), CreatedAt: c.CreatedAt}
}

func (s *Server) listCommunities(c *fiber.Ctx) error {
	list, err := s.Store.ListCommunities(c.UserContext(), c.QueryBool("archived"))
	if err != nil {
		return err
	}
	items := make([]communityJSON, 0, len(list))
	for _, x := range list {
		items = append(items, toCommunityJSON(x))
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": ""})
}

func (s *Server) getCommunity(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	x, err := s.Store.CommunityByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(toCommunityJSON(x))
}

type communityBody struct {
	Name        string `json:"name"`
	Slug        string `json:"slug"`
	Description string `json:"description"`
	URL         string `json:"url"`
}

func (s *Server) createCommunity(c *fiber.Ctx) error {
	var req communityBody
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	x, err := s.Desk.CreateCommunity(c.UserContext(), actor(c), desk.CommunityInput(req))
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toCommunityJSON(x))
}

func (s *Server) updateCommunity(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	current, err := s.Store.CommunityByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	req := communityBody{Name: current.Name, Slug: current.Slug, Description: current.Description, URL: current.URL} // PATCH
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	x, err := s.Desk.UpdateCommunity(c.UserContext(), actor(c), id, desk.CommunityInput(req))
	if err != nil {
		return err
	}
	return c.JSON(toCommunityJSON(x))
}

func (s *Server) archiveCommunity(c *fiber.Ctx) error { return s.setCommunityArchived(c, true) }
func (s *Server) restoreCommunity(c *fiber.Ctx) error { return s.setCommunityArchived(c, false) }

func (s *Server) setCommunityArchived(c *fiber.Ctx, archive bool) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.Desk.ArchiveCommunity(c.UserContext(), actor(c), id, archive); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

type communityMemberJSON struct {
	contactListItem
	Direct    bool     `json:"direct"`
	ViaOffers []string `json:"via_offers"`
}

// communityMembers lists who is in a community and how (directly or through which offers).
func (s *Server) communityMembers(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if _, err := s.Store.CommunityByID(c.UserContext(), id); err != nil {
		return err
	}
	list, err := s.Store.CommunityMembers(c.UserContext(), id, 500)
	if err != nil {
		return err
	}
	items := make([]communityMemberJSON, 0, len(list))
	for _, m := range list {
		items = append(items, communityMemberJSON{contactListItem: toListItem(m.Contact), Direct: m.Direct, ViaOffers: m.ViaOffers})
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": ""})
}
