package api

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/store"
)

// listStaff lists staff accounts (everyone whose role is not member).
func (s *Server) listStaff(c *fiber.Ctx) error {
	list, err := s.Store.ListContacts(c.UserContext(), store.ContactFilter{Role: "staff", Sort: store.SortName, Limit: 500})
	if err != nil {
		return err
	}
	items := make([]contactListItem, 0, len(list))
	for _, x := range list {
		items = append(items, toListItem(x))
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": ""})
}

type inviteRequest struct {
	Email string `json:"email"`
	Name  string `json:"name"`
	Role  string `json:"role"`
}

// inviteStaff creates (or promotes) a staff account and emails it a set-password link.
func (s *Server) inviteStaff(c *fiber.Ctx) error {
	var req inviteRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ct, err := s.Desk.InviteStaff(c.UserContext(), actor(c), req.Email, req.Name, req.Role)
	if errors.Is(err, store.ErrConflict) {
		return &Error{Status: 409, Code: "already_staff", Message: "This address already belongs to a staff account.", Fields: map[string]string{"email": "Already staff."}}
	}
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toListItem(ct))
}

type roleRequest struct {
	Role string `json:"role"`
}

func (s *Server) changeRole(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req roleRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if err := s.Desk.ChangeRole(c.UserContext(), actor(c), id, req.Role); err != nil {
		return err
	}
	ct, err := s.Store.ContactByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(toListItem(ct))
}
