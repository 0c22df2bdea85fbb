package api

import (
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/access"
	"gatehouse/server/desk"
	"gatehouse/server/store"
)

type contactListItem struct {
	contactJSON
	Status      string     `json:"status"`
	Disabled    bool       `json:"disabled"`
	LastLoginAt *time.Time `json:"last_login_at"`
	CreatedAt   time.Time  `json:"created_at"`
}

func toListItem(c store.Contact) contactListItem {
	status := store.StatusActive
	switch {
	case c.Disabled():
		status = store.StatusDisabled
	case c.LastLoginAt.IsZero():
		status = store.StatusInvited
	}
	return contactListItem{contactJSON: toContactJSON(&c), Status: status, Disabled: c.Disabled(), LastLoginAt: timePtr(c.LastLoginAt), CreatedAt: c.CreatedAt}
}

var contactStatuses = map[string]bool{"": true, store.StatusInvited: true, store.StatusActive: true, store.StatusDisabled: true, store.StatusSuppressed: true}
var contactSorts = map[string]bool{"": true, store.SortCreated: true, store.SortName: true, store.SortLastLogin: true}

// listContacts searches and filters contacts, one keyset page at a time.
func (s *Server) listContacts(c *fiber.Ctx) error {
	limit, err := queryLimit(c, 50, 200)
	if err != nil {
		return err
	}
	f := store.ContactFilter{Q: c.Query("q"), Status: c.Query("status"), Sort: c.Query("sort"), Limit: limit + 1}
	fields := map[string]string{}
	if len(f.Q) > 200 {
		fields["q"] = "Search for at most 200 characters."
	}
	if !contactStatuses[f.Status] {
		fields["status"] = "Use invited, active, disabled or suppressed."
	}
	if !contactSorts[f.Sort] {
		fields["sort"] = "Use created, name or last_login."
	}
	for name, dst := range map[string]*string{"offer_id": &f.OfferID, "community_id": &f.CommunityID} {
		if v := c.Query(name); v != "" {
			if !uuidPattern.MatchString(v) {
				fields[name] = "Not an id."
			}
			*dst = v
		}
	}
	if cur := c.Query("cursor"); cur != "" {
		var pos store.ContactCursor
		if err := decodeCursor(cur, &pos); err != nil || !uuidPattern.MatchString(pos.ID) || !storable(pos.Created) ||
			(pos.LastLogin != nil && !storable(*pos.LastLogin)) {
			fields["cursor"] = "This cursor is not valid; start from the first page."
		}
		f.After = &pos
	}
	if len(fields) > 0 {
		return validation(fields)
	}
	list, err := s.Store.ListContacts(c.UserContext(), f)
	if err != nil {
		return err
	}
	next := ""
	if len(list) > limit {
		list = list[:limit]
		next = encodeCursor(store.CursorOf(list[limit-1], f.Sort))
	}
	items := make([]contactListItem, 0, len(list))
	for _, x := range list {
		items = append(items, toListItem(x))
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": next})
}

type contactRequest struct {
	Email string `json:"email"`
	Name  string `json:"name"`
}

func (s *Server) createContact(c *fiber.Ctx) error {
	var req contactRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ct, err := s.Desk.CreateContact(c.UserContext(), actor(c), desk.NewContact(req))
	if err != nil {
		return emailTaken(err)
	}
	return c.Status(fiber.StatusCreated).JSON(toListItem(ct))
}

func (s *Server) updateContact(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req struct {
		Email *string `json:"email"` // absent fields stay as they are (merged in the desk's transaction)
		Name  *string `json:"name"`
	}
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ct, err := s.Desk.UpdateContact(c.UserContext(), actor(c), id, desk.ContactPatch{Email: req.Email, Name: req.Name})
	if err != nil {
		return emailTaken(err)
	}
	return c.JSON(toListItem(ct))
}

// emailTaken words a unique-address conflict for the form.
func emailTaken(err error) error {
	if errors.Is(err, store.ErrConflict) {
		return &Error{Status: 409, Code: "email_taken", Message: "A contact with this email address already exists.", Fields: map[string]string{"email": "Already in use."}}
	}
	return err
}

// actor is the signed-in staff member, for the role rule and the audit log.
func actor(c *fiber.Ctx) access.Actor {
	sess, _ := currentSession(c)
	m := meta(c)
	return access.Staff(sess.ContactID, sess.Contact.Email, sess.Contact.Role, m.IP, m.UserAgent)
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
