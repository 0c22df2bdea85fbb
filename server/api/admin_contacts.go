package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/desk"
	"gatehouse/server/store"
)

type contactListItem struct {
	contactJSON
	Disabled    bool       `json:"disabled"`
	LastLoginAt *time.Time `json:"last_login_at"`
	CreatedAt   time.Time  `json:"created_at"`
}

func toListItem(c store.Contact) contactListItem {
	return contactListItem{contactJSON: toContactJSON(&c), Disabled: c.Disabled(), LastLoginAt: timePtr(c.LastLoginAt), CreatedAt: c.CreatedAt}
}

type contactCursor struct {
	CreatedAt time.Time `json:"c"`
	ID        string    `json:"i"`
}

func (s *Server) listContacts(c *fiber.Ctx) error {
	limit, err := queryLimit(c, 50, 200)
	if err != nil {
		return err
	}
	f := store.ContactFilter{Q: c.Query("q"), Limit: limit + 1}
	if len(f.Q) > 200 {
		return validation(map[string]string{"q": "Search for at most 200 characters."})
	}
	if v := c.Query("offer_id"); v != "" {
		if !uuidPattern.MatchString(v) {
			return validation(map[string]string{"offer_id": "Not an offer id."})
		}
		f.OfferID = v
	}
	if cur := c.Query("cursor"); cur != "" {
		var pos contactCursor
		if err := decodeCursor(cur, &pos); err != nil || !uuidPattern.MatchString(pos.ID) {
			return validation(map[string]string{"cursor": "This cursor is not valid; start from the first page."})
		}
		f.Before, f.BeforeID = pos.CreatedAt, pos.ID
	}
	list, err := s.Store.ListContacts(c.UserContext(), f)
	if err != nil {
		return err
	}
	next := ""
	if len(list) > limit {
		list = list[:limit]
		last := list[limit-1]
		next = encodeCursor(contactCursor{CreatedAt: last.CreatedAt, ID: last.ID})
	}
	items := make([]contactListItem, 0, len(list))
	for _, x := range list {
		items = append(items, toListItem(x))
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": next})
}

type createContactRequest struct {
	Email string `json:"email"`
	Name  string `json:"name"`
}

func (s *Server) createContact(c *fiber.Ctx) error {
	var req createContactRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ct, err := s.Desk.CreateContact(c.UserContext(), actor(c), desk.NewContact{Email: req.Email, Name: req.Name})
	if err != nil {
		if e := toError(err); e.Code == "conflict" {
			return &Error{Status: 409, Code: "email_taken", Message: "A contact with this email address already exists.", Fields: map[string]string{"email": "Already in use."}}
		}
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toListItem(ct))
}

type grantJSON struct {
	OfferID   string    `json:"offer_id"`
	OfferName string    `json:"offer_name"`
	GrantedAt time.Time `json:"granted_at"`
}

type contactDetail struct {
	contactListItem
	FailedLogins   int         `json:"failed_logins"`
	LockedUntil    *time.Time  `json:"locked_until"`
	ActiveSessions int         `json:"active_sessions"`
	PendingLinks   int         `json:"pending_links"`
	Offers         []grantJSON `json:"offers"`
}

func (s *Server) getContact(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	ct, err := s.Store.ContactByID(ctx, id)
	if err != nil {
		return err
	}
	now := s.Now()
	sessions, err := s.Store.LiveSessions(ctx, id, now)
	if err != nil {
		return err
	}
	pending, err := s.Store.PendingTokens(ctx, id, now)
	if err != nil {
		return err
	}
	grants, err := s.Store.ActiveGrants(ctx, id)
	if err != nil {
		return err
	}
	out := contactDetail{contactListItem: toListItem(ct), FailedLogins: ct.FailedLogins, LockedUntil: timePtr(ct.LockedUntil),
		ActiveSessions: len(sessions), PendingLinks: pending, Offers: []grantJSON{}}
	for _, g := range grants {
		out.Offers = append(out.Offers, grantJSON{OfferID: g.OfferID, OfferName: g.Offer.Name, GrantedAt: g.GrantedAt})
	}
	return c.JSON(out)
}

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

// actor is the signed-in staff member, for the audit log.
func actor(c *fiber.Ctx) desk.Actor {
	sess, _ := currentSession(c)
	m := meta(c)
	return desk.Actor{ID: sess.ContactID, Email: sess.Contact.Email, Role: sess.Contact.Role, IP: m.IP, UserAgent: m.UserAgent}
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
