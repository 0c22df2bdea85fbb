package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/store"
)

type identityJSON struct {
	ID         string     `json:"id"`
	Provider   string     `json:"provider"`
	Label      string     `json:"label"`
	Email      string     `json:"email"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
}

func (s *Server) identitiesJSON(ids []store.Identity) []identityJSON {
	out := make([]identityJSON, 0, len(ids))
	for _, id := range ids {
		label := s.OAuth.Label(id.Provider)
		if label == "" {
			label = id.Provider // a provider since turned off: still shown, still removable
		}
		out = append(out, identityJSON{ID: id.ID, Provider: id.Provider, Label: label, Email: id.Email, CreatedAt: id.CreatedAt, LastUsedAt: timePtr(id.LastUsedAt)})
	}
	return out
}

// myIdentities is the account page's "sign-in methods": linked providers, the ones that can
// still be connected, and whether the account has a password.
func (s *Server) myIdentities(c *fiber.Ctx) error {
	sess, _ := currentSession(c)
	ids, err := s.Auth.Identities(c.UserContext(), sess.ContactID)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"identities": s.identitiesJSON(ids), "providers": s.OAuth.List(), "has_password": sess.Contact.PasswordHash != ""})
}

// disconnectIdentity removes one of the member's linked providers (never the last way in).
func (s *Server) disconnectIdentity(c *fiber.Ctx) error {
	sess, _ := currentSession(c)
	id, err := pathUUID(c, "id")
	if err != nil {
		return err
	}
	if err := s.Auth.UnlinkExternal(c.UserContext(), sess.ContactID, id, meta(c)); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// contactIdentities shows staff the providers linked to a contact.
func (s *Server) contactIdentities(c *fiber.Ctx) error {
	id, err := pathUUID(c, "id")
	if err != nil {
		return err
	}
	if _, err := s.Store.ContactByID(c.UserContext(), id); err != nil {
		return err
	}
	ids, err := s.Auth.Identities(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"identities": s.identitiesJSON(ids)})
}

// unlinkIdentity is the contact record's "unlink" (audited).
func (s *Server) unlinkIdentity(c *fiber.Ctx) error {
	contactID, err := pathUUID(c, "id")
	if err != nil {
		return err
	}
	id, err := pathUUID(c, "identity_id")
	if err != nil {
		return err
	}
	if err := s.Desk.UnlinkIdentity(c.UserContext(), actor(c), contactID, id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
