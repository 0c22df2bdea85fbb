package desk

import (
	"context"
	"regexp"
	"unicode/utf8"

	"gatehouse/server/access"
	"gatehouse/server/auth"
	"gatehouse/server/store"
)

var hexColor = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// SettingsInput is the Settings page.
type SettingsInput struct {
	PortalName           string
	LogoURL              string
	PrimaryColor         string
	SenderName           string
	SenderAddress        string
	SupportEmail         string
	StaffResetTTLMinutes int
	WelcomeTTLMinutes    int
	AllowSelfSignup      bool
	AllowCodeSignIn      bool // members may sign in with an emailed code
	AllowStaffCodeSignIn bool // staff too: only owners change this
}

func (in SettingsInput) validate() map[string]string {
	f := map[string]string{}
	if n := utf8.RuneCountInString(clean(in.PortalName)); n == 0 || n > 100 {
		f["portal_name"] = "Give the portal a name of at most 100 characters."
	}
	if in.LogoURL != "" && !httpsURL(in.LogoURL) {
		f["logo_url"] = "Use an https:// address for the logo (email clients block others)."
	}
	if !hexColor.MatchString(in.PrimaryColor) {
		f["primary_color"] = "Use a colour like #4338ca."
	}
	if utf8.RuneCountInString(in.SenderName) > 100 || containsAny(in.SenderName, "\r\n<>\"") {
		f["sender_name"] = "Use at most 100 characters, without quotes or angle brackets."
	}
	for field, v := range map[string]string{"sender_address": in.SenderAddress, "support_email": in.SupportEmail} {
		if v != "" {
			if _, err := auth.CheckEmail(v); err != nil {
				f[field] = "Enter an email address like name@example.com."
			}
		}
	}
	if auth.CheckLifetime(minutes(in.StaffResetTTLMinutes)) != nil {
		f["staff_reset_ttl_minutes"] = "Choose between 15 minutes and 7 days (10,080 minutes)."
	}
	if auth.CheckLifetime(minutes(in.WelcomeTTLMinutes)) != nil {
		f["welcome_ttl_minutes"] = "Choose between 15 minutes and 7 days (10,080 minutes)."
	}
	return f
}

// UpdateSettings saves the portal settings.
func (d *Service) UpdateSettings(ctx context.Context, a Actor, in SettingsInput) (store.Settings, error) {
	if f := in.validate(); len(f) > 0 {
		return store.Settings{}, &ValidationError{Fields: f}
	}
	s := store.Settings{
		PortalName: clean(in.PortalName), LogoURL: clean(in.LogoURL), PrimaryColor: in.PrimaryColor,
		SenderName: clean(in.SenderName), SenderAddress: clean(in.SenderAddress), SupportEmail: clean(in.SupportEmail),
		StaffResetTTLMinutes: in.StaffResetTTLMinutes, WelcomeTTLMinutes: in.WelcomeTTLMinutes, AllowSelfSignup: in.AllowSelfSignup,
		AllowCodeSignIn: in.AllowCodeSignIn, AllowStaffCodeSignIn: in.AllowStaffCodeSignIn,
	}
	err := d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		current, err := tx.Settings(ctx)
		if err != nil {
			return err
		}
		// Staff sign-in is the crown jewel: letting staff sign in with an emailed code is the
		// owners' decision alone.
		if s.AllowStaffCodeSignIn != current.AllowStaffCodeSignIn && a.Role != auth.RoleOwner {
			return &ValidationError{Fields: map[string]string{"allow_staff_code_sign_in": "Only an owner can change this."}}
		}
		if err := tx.UpdateSettings(ctx, &s); err != nil {
			return err
		}
		return d.audit(ctx, tx, a, "settings.update", access.Target{Type: "settings", ID: ""}, map[string]any{"portal_name": s.PortalName, "allow_self_signup": s.AllowSelfSignup,
			"allow_code_sign_in": s.AllowCodeSignIn, "allow_staff_code_sign_in": s.AllowStaffCodeSignIn})
	})
	return s, err
}
