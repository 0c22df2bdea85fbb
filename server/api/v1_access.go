package api

import (
	"context"
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/access"
	"gatehouse/server/store"
)

// The machine API's actions on a contact's access: the same desk functions (and so the same
// access functions, rules and audit entries) as the staff desk, acting as the API key.

// offerRef finds an offer by id or by slug (a slug the offer once had still finds it).
func (s *Server) offerRef(ctx context.Context, ref string) (store.Offer, error) {
	if uuidPattern.MatchString(ref) {
		return s.Store.OfferByID(ctx, ref)
	}
	if ref == "" || len(ref) > 200 {
		return store.Offer{}, store.ErrNotFound
	}
	return s.Store.OfferBySlug(ctx, ref)
}

// communityRef finds a community by id or by slug.
func (s *Server) communityRef(ctx context.Context, ref string) (store.Community, error) {
	if uuidPattern.MatchString(ref) {
		return s.Store.CommunityByID(ctx, ref)
	}
	if ref == "" || len(ref) > 200 {
		return store.Community{}, store.ErrNotFound
	}
	return s.Store.CommunityBySlug(ctx, ref)
}

type v1GrantRequest struct {
	OfferID     string `json:"offer_id"` // the offer's id or slug
	SendWelcome *bool  `json:"send_welcome"`
}

type v1OfferRef struct {
	ID   string `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}

type v1Grant struct {
	ContactID      string     `json:"contact_id"`
	Offer          v1OfferRef `json:"offer"`
	GrantedAt      time.Time  `json:"granted_at"`
	WelcomeEmailID *string    `json:"welcome_email_id"`
	Created        bool       `json:"created"`
}

// v1Grant gives a contact an offer: 201 with the grant (and its welcome email, if asked for
// and the contact is not disabled), or 200 with the grant the contact already holds (nothing
// is sent again).
func (s *Server) v1Grant(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req v1GrantRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	fields := map[string]string{}
	if req.SendWelcome == nil {
		fields["send_welcome"] = "Required: true to email the welcome message with a link to choose a password, false to grant quietly."
	}
	o, err := s.offerRef(c.UserContext(), req.OfferID)
	if errors.Is(err, store.ErrNotFound) {
		fields["offer_id"] = "No offer has this id or slug."
	} else if err != nil {
		return err
	}
	if len(fields) > 0 {
		return validation(fields)
	}
	out := v1Grant{ContactID: id, Offer: v1OfferRef{ID: o.ID, Slug: o.Slug, Name: o.Name}, Created: true}
	g, email, err := s.Desk.GrantOffer(c.UserContext(), keyActor(c), id, o.ID, *req.SendWelcome)
	if errors.Is(err, access.ErrAlreadyGranted) {
		held, err := s.Store.ActiveGrant(c.UserContext(), id, o.ID)
		if err != nil {
			return err
		}
		out.GrantedAt, out.Created = held.GrantedAt, false
		return c.JSON(out)
	}
	if err != nil {
		return err
	}
	out.GrantedAt = g.GrantedAt
	if email != nil {
		out.WelcomeEmailID = &email.ID
	}
	return c.Status(fiber.StatusCreated).JSON(out)
}

// v1Revoke takes an offer (id or slug) away: 204, or 404 when the contact does not hold it.
func (s *Server) v1Revoke(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	o, err := s.offerRef(c.UserContext(), c.Params("offer_id"))
	if err != nil {
		return err
	}
	if err := s.Desk.RevokeOffer(c.UserContext(), keyActor(c), id, o.ID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// v1ResendWelcome sends an offer's welcome email again, with a fresh link that replaces the
// previous one.
func (s *Server) v1ResendWelcome(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := emptyBody(c); err != nil {
		return err
	}
	o, err := s.offerRef(c.UserContext(), c.Params("offer_id"))
	if err != nil {
		return err
	}
	e, _, err := s.Desk.ResendWelcome(c.UserContext(), keyActor(c), id, o.ID)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(fiber.Map{"email_id": e.ID, "status": e.Status})
}

type v1CommunityRequest struct {
	CommunityID string `json:"community_id"` // the community's id or slug
}

// v1AddCommunity makes the contact a direct member of a community (already one: no change).
func (s *Server) v1AddCommunity(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req v1CommunityRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	com, err := s.communityRef(c.UserContext(), req.CommunityID)
	if errors.Is(err, store.ErrNotFound) {
		return validation(map[string]string{"community_id": "No community has this id or slug."})
	}
	if err != nil {
		return err
	}
	if err := s.Desk.AddToCommunity(c.UserContext(), keyActor(c), id, com.ID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// v1RemoveCommunity ends a direct membership (404 when there is none; membership through an
// offer ends with the offer).
func (s *Server) v1RemoveCommunity(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	com, err := s.communityRef(c.UserContext(), c.Params("community_id"))
	if err != nil {
		return err
	}
	if err := s.Desk.RemoveFromCommunity(c.UserContext(), keyActor(c), id, com.ID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

type v1LinkRequest struct {
	TTLMinutes *int `json:"ttl_minutes"`
}

// v1SendResetLink emails the contact a password-reset link (202).
func (s *Server) v1SendResetLink(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req v1LinkRequest
	if err := decodeOptionalJSON(c, &req); err != nil {
		return err
	}
	ttl, err := linkTTL(req.TTLMinutes, 0)
	if err != nil {
		return err
	}
	_, expires, err := s.Desk.ResetLink(c.UserContext(), keyActor(c), id, true, ttl)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(fiber.Map{"expires_at": expires})
}

// v1AccessLink returns a live one-time link that lets the contact choose a password, to hand
// over by another channel. The answer is a secret: never kept for an idempotent replay.
func (s *Server) v1AccessLink(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req v1LinkRequest
	if err := decodeOptionalJSON(c, &req); err != nil {
		return err
	}
	ttl, err := linkTTL(req.TTLMinutes, 0)
	if err != nil {
		return err
	}
	url, expires, err := s.Desk.AccessLink(c.UserContext(), keyActor(c), id, ttl)
	if err != nil {
		return err
	}
	markSecret(c)
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"url": url, "expires_at": expires})
}
