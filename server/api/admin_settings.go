package api

import (
	"github.com/gofiber/fiber/v2"

	"gatehouse/server/desk"
	"gatehouse/server/store"
)

type settingsJSON struct {
	PortalName           string `json:"portal_name"`
	LogoURL              string `json:"logo_url"`
	PrimaryColor         string `json:"primary_color"`
	SenderName           string `json:"sender_name"`
	SenderAddress        string `json:"sender_address"`
	SupportEmail         string `json:"support_email"`
	StaffResetTTLMinutes int    `json:"staff_reset_ttl_minutes"`
	WelcomeTTLMinutes    int    `json:"welcome_ttl_minutes"`
}

func toSettingsJSON(s store.Settings) settingsJSON {
	return settingsJSON{PortalName: s.PortalName, LogoURL: s.LogoURL, PrimaryColor: s.PrimaryColor, SenderName: s.SenderName,
		SenderAddress: s.SenderAddress, SupportEmail: s.SupportEmail, StaffResetTTLMinutes: s.StaffResetTTLMinutes, WelcomeTTLMinutes: s.WelcomeTTLMinutes}
}

func (s *Server) getSettings(c *fiber.Ctx) error {
	st, err := s.Store.Settings(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(toSettingsJSON(st))
}

// updateSettings changes the fields given; the others keep their values.
func (s *Server) updateSettings(c *fiber.Ctx) error {
	current, err := s.Store.Settings(c.UserContext())
	if err != nil {
		return err
	}
	req := toSettingsJSON(current)
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	st, err := s.Desk.UpdateSettings(c.UserContext(), actor(c), desk.SettingsInput(req))
	if err != nil {
		return err
	}
	return c.JSON(toSettingsJSON(st))
}
