package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/auth"
	"gatehouse/server/desk"
)

// The one-click fixes on the contact record. Each is a desk action: checked against the
// actor's role and the target's, done in one transaction, written to the audit log.

type grantRequest struct {
	OfferID     string `json:"offer_id"`
	SendWelcome *bool  `json:"send_welcome"`
}

// grantOffer gives the contact an offer; the welcome email is sent unless send_welcome is false.
func (s *Server) grantOffer(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req grantRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if !uuidPattern.MatchString(req.OfferID) {
		return validation(map[string]string{"offer_id": "Choose an offer."})
	}
	send := req.SendWelcome == nil || *req.SendWelcome
	g, email, err := s.Desk.GrantOffer(c.UserContext(), actor(c), id, req.OfferID, send)
	if err != nil {
		return err
	}
	out := fiber.Map{"id": g.ID, "offer_id": g.OfferID, "granted_at": g.GrantedAt, "welcome_email_id": nil}
	if email != nil {
		out["welcome_email_id"] = email.ID
	}
	return c.Status(fiber.StatusCreated).JSON(out)
}

func (s *Server) revokeOffer(c *fiber.Ctx) error {
	id, offerID, err := twoIDs(c, "offer_id")
	if err != nil {
		return err
	}
	if err := emptyBody(c); err != nil {
		return err
	}
	if err := s.Desk.RevokeOffer(c.UserContext(), actor(c), id, offerID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// resendWelcome sends the offer's welcome email again with a fresh link (202); a repeat within
// seconds answers with the email already queued.
func (s *Server) resendWelcome(c *fiber.Ctx) error {
	id, offerID, err := twoIDs(c, "offer_id")
	if err != nil {
		return err
	}
	if err := emptyBody(c); err != nil {
		return err
	}
	e, sent, err := s.Desk.ResendWelcome(c.UserContext(), actor(c), id, offerID)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(fiber.Map{"email_id": e.ID, "status": e.Status, "deduplicated": !sent})
}

type passwordRequest struct {
	Password  string `json:"password"`
	Generate  bool   `json:"generate"`
	Temporary *bool  `json:"temporary"`
	Notify    *bool  `json:"notify"`
}

// setPassword is the Change Password dialog. A generated password is in the answer, once;
// the answer is never cached (apiGuards sets no-store on every /api response).
func (s *Server) setPassword(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req passwordRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	in := deskPassword(req)
	pw, err := s.Desk.SetPassword(c.UserContext(), actor(c), id, in)
	if err != nil {
		return err
	}
	out := fiber.Map{"temporary": in.Temporary, "notified": in.Notify}
	if pw != "" {
		out["password"] = pw
	}
	return c.JSON(out)
}

type linkRequest struct {
	Send       bool `json:"send"`
	TTLMinutes *int `json:"ttl_minutes"`
}

// resetLink emails a reset link (202) or returns one to copy ({url, expires_at}).
func (s *Server) resetLink(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req linkRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ttl, err := linkTTL(req.TTLMinutes, 0)
	if err != nil {
		return err
	}
	url, expires, err := s.Desk.ResetLink(c.UserContext(), actor(c), id, req.Send, ttl)
	if err != nil {
		return err
	}
	if req.Send {
		return c.Status(fiber.StatusAccepted).JSON(fiber.Map{"expires_at": expires})
	}
	return c.JSON(fiber.Map{"url": url, "expires_at": expires})
}

type accessLinkRequest struct {
	TTLMinutes *int `json:"ttl_minutes"`
}

// accessLink returns a fresh one-time set-password link to copy (Copy access link).
func (s *Server) accessLink(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req accessLinkRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ttl, err := linkTTL(req.TTLMinutes, 0) // 0: the settings' welcome lifetime
	if err != nil {
		return err
	}
	url, expires, err := s.Desk.AccessLink(c.UserContext(), actor(c), id, ttl)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"url": url, "expires_at": expires})
}

func (s *Server) signOutContact(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := emptyBody(c); err != nil {
		return err
	}
	n, err := s.Desk.SignOutEverywhere(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"ended": n})
}

func (s *Server) disableContact(c *fiber.Ctx) error { return s.setDisabled(c, true) }
func (s *Server) enableContact(c *fiber.Ctx) error  { return s.setDisabled(c, false) }

func (s *Server) setDisabled(c *fiber.Ctx, disable bool) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := emptyBody(c); err != nil {
		return err
	}
	if err := s.Desk.DisableContact(c.UserContext(), actor(c), id, disable); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) unsuppress(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := emptyBody(c); err != nil {
		return err
	}
	if err := s.Desk.UnsuppressContact(c.UserContext(), actor(c), id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

type communityRequest struct {
	CommunityID string `json:"community_id"`
}

func (s *Server) addContactCommunity(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req communityRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if !uuidPattern.MatchString(req.CommunityID) {
		return validation(map[string]string{"community_id": "Choose a community."})
	}
	if err := s.Desk.AddToCommunity(c.UserContext(), actor(c), id, req.CommunityID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) removeContactCommunity(c *fiber.Ctx) error {
	id, communityID, err := twoIDs(c, "community_id")
	if err != nil {
		return err
	}
	if err := emptyBody(c); err != nil {
		return err
	}
	if err := s.Desk.RemoveFromCommunity(c.UserContext(), actor(c), id, communityID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// retryEmail sends a failed email again as a new email (with a fresh link if it had one).
func (s *Server) retryEmail(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := emptyBody(c); err != nil {
		return err
	}
	e, err := s.Desk.RetryEmail(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(fiber.Map{"email_id": e.ID, "retry_of": id})
}

// linkTTL reads an optional ttl_minutes (absent: the flow's default from the settings); the
// bounds are auth.CheckLifetime's, checked here only so a huge number cannot overflow.
func linkTTL(minutes *int, def time.Duration) (time.Duration, error) {
	if minutes == nil {
		return def, nil
	}
	ttl := time.Duration(min(max(*minutes, 0), 1<<20)) * time.Minute
	if err := auth.CheckLifetime(ttl); err != nil {
		return 0, err
	}
	return ttl, nil
}

func twoIDs(c *fiber.Ctx, second string) (string, string, error) {
	id, err := pathID(c)
	if err != nil {
		return "", "", err
	}
	other, err := pathUUID(c, second)
	return id, other, err
}

// deskPassword applies the dialog's defaults: temporary and notify are on unless turned off.
func deskPassword(r passwordRequest) desk.PasswordChange {
	return desk.PasswordChange{Password: r.Password, Generate: r.Generate, Temporary: boolOr(r.Temporary, true), Notify: boolOr(r.Notify, true)}
}
