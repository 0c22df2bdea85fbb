package api

import (
	netmail "net/mail"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/desk"
	"gatehouse/server/mail"
	"gatehouse/server/oauth"
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
	AllowSelfSignup      bool   `json:"allow_self_signup"`
	AllowCodeSignIn      bool   `json:"allow_code_sign_in"`
	AllowStaffCodeSignIn bool   `json:"allow_staff_code_sign_in"`
}

func toSettingsJSON(s store.Settings) settingsJSON {
	return settingsJSON{PortalName: s.PortalName, LogoURL: s.LogoURL, PrimaryColor: s.PrimaryColor, SenderName: s.SenderName,
		SenderAddress: s.SenderAddress, SupportEmail: s.SupportEmail, StaffResetTTLMinutes: s.StaffResetTTLMinutes, WelcomeTTLMinutes: s.WelcomeTTLMinutes,
		AllowSelfSignup: s.AllowSelfSignup, AllowCodeSignIn: s.AllowCodeSignIn, AllowStaffCodeSignIn: s.AllowStaffCodeSignIn}
}

// settingsResponse adds what the environment decides and the page only shows: the sign-in
// providers, with the callback URL to register at each.
type settingsResponse struct {
	settingsJSON
	OAuthProviders []oauthProviderJSON `json:"oauth_providers"`
	// What an empty sender name or address falls back to (GATEHOUSE_MAIL_FROM, the portal's
	// name), for the page to say.
	SenderNameFallback    string `json:"sender_name_fallback"`
	SenderAddressFallback string `json:"sender_address_fallback"`
}

type oauthProviderJSON struct {
	oauth.Info
	CallbackURL string `json:"callback_url"`
}

func (s *Server) settingsResponse(st store.Settings) settingsResponse {
	out := settingsResponse{settingsJSON: toSettingsJSON(st), OAuthProviders: []oauthProviderJSON{},
		SenderNameFallback: mail.SenderName(s.Config.MailFrom, "", st.PortalName), SenderAddressFallback: mailAddress(s.Config.MailFrom)}
	for _, p := range s.OAuth.List() {
		out.OAuthProviders = append(out.OAuthProviders, oauthProviderJSON{Info: p, CallbackURL: s.OAuth.CallbackURL(p.Name)})
	}
	return out
}

func (s *Server) getSettings(c *fiber.Ctx) error {
	st, err := s.Store.Settings(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(s.settingsResponse(st))
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
	return c.JSON(s.settingsResponse(st))
}

// mailAddress is the address part of GATEHOUSE_MAIL_FROM.
func mailAddress(from string) string {
	if a, err := netmail.ParseAddress(from); err == nil {
		return a.Address
	}
	return from
}
