package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/store"
)

type portalOfferJSON struct {
	ID           string        `json:"id"`
	Name         string        `json:"name"`
	Description  string        `json:"description"`
	ContentLinks []store.Link  `json:"content_links"`
	Apps         []appLinkJSON `json:"apps"` // the apps and sites the offer opens
	GrantedAt    time.Time     `json:"granted_at"`
}

// portalOffers lists the offers the member holds, with their content links and the apps
// each opens.
func (s *Server) portalOffers(c *fiber.Ctx) error {
	sess, _ := currentSession(c)
	grants, err := s.Store.ActiveGrants(c.UserContext(), sess.ContactID)
	if err != nil {
		return err
	}
	held := []store.Grant{}
	ids := []string{}
	for _, g := range grants {
		if g.Offer != nil && g.Offer.ArchivedAt.IsZero() {
			held, ids = append(held, g), append(ids, g.Offer.ID)
		}
	}
	opens, err := s.appsByOffer(c, sess.ContactID, ids)
	if err != nil {
		return err
	}
	items := []portalOfferJSON{}
	for _, g := range held {
		links := opens[g.Offer.ID]
		if links == nil {
			links = []appLinkJSON{}
		}
		items = append(items, portalOfferJSON{ID: g.Offer.ID, Name: g.Offer.Name, Description: g.Offer.Description,
			ContentLinks: g.Offer.ContentLinks, Apps: links, GrantedAt: g.GrantedAt})
	}
	return c.JSON(fiber.Map{"items": items})
}

type portalCommunityJSON struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	URL         string   `json:"url"`
	Direct      bool     `json:"direct"`
	ViaOffers   []string `json:"via_offers"`
}

// portalCommunities lists the communities the member belongs to, directly or through offers.
func (s *Server) portalCommunities(c *fiber.Ctx) error {
	sess, _ := currentSession(c)
	cs, err := s.Store.ContactCommunities(c.UserContext(), sess.ContactID)
	if err != nil {
		return err
	}
	items := make([]portalCommunityJSON, 0, len(cs))
	for _, cc := range cs {
		items = append(items, portalCommunityJSON{ID: cc.ID, Name: cc.Name, Description: cc.Description, URL: cc.URL, Direct: cc.Direct, ViaOffers: cc.ViaOffers})
	}
	return c.JSON(fiber.Map{"items": items})
}

type passwordChangeRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

// changePassword sets a new password for the signed-in member (also the way out of a
// temporary password).
func (s *Server) changePassword(c *fiber.Ctx) error {
	var req passwordChangeRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.NewPassword == "" {
		return validation(map[string]string{"new_password": "Choose a new password."})
	}
	sess, _ := currentSession(c)
	err := s.Auth.ChangePassword(c.UserContext(), sess, req.CurrentPassword, req.NewPassword, s.portalName(c.UserContext()), meta(c))
	if e := toError(err); err != nil && e.Code == "weak_password" {
		e.Fields = map[string]string{"new_password": e.Message}
		return e
	}
	if err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

type sessionItemJSON struct {
	ID         string    `json:"id"`
	Current    bool      `json:"current"`
	IP         string    `json:"ip"`
	UserAgent  string    `json:"user_agent"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
}

func (s *Server) listSessions(c *fiber.Ctx) error {
	sess, _ := currentSession(c)
	list, err := s.Auth.Sessions(c.UserContext(), sess.ContactID)
	if err != nil {
		return err
	}
	items := make([]sessionItemJSON, 0, len(list))
	for _, x := range list {
		items = append(items, sessionItemJSON{ID: x.ID, Current: x.ID == sess.ID, IP: x.IP, UserAgent: x.UserAgent, CreatedAt: x.CreatedAt, LastSeenAt: x.LastSeenAt})
	}
	return c.JSON(fiber.Map{"items": items})
}

func (s *Server) endSession(c *fiber.Ctx) error {
	sess, _ := currentSession(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.Auth.EndSession(c.UserContext(), sess.ContactID, id); err != nil {
		return err
	}
	if id == sess.ID {
		s.clearCookie(c)
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) endOtherSessions(c *fiber.Ctx) error {
	sess, _ := currentSession(c)
	n, err := s.Auth.EndOtherSessions(c.UserContext(), sess)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"ended": n})
}
