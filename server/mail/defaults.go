package mail

// KindInfo describes an editable kind of email for the template editor.
type KindInfo struct {
	Kind        string
	Label       string
	Description string
	// Default is a starting point in template syntax, equivalent to the built-in template.
	Default Custom
}

// EditableKinds are the kinds staff can rewrite (an offer's welcome email is edited on the
// offer, starting from WelcomeDefault).
var EditableKinds = []KindInfo{
	{KindPasswordReset, "Password reset", "Sent when a member uses Forgot password, or staff send a reset link.", Custom{
		Subject: "Reset your {{.PortalName}} password",
		Body:    "Hi {{.Name}},\n\nSomeone (hopefully you) asked to reset the password of your {{.PortalName}} account, {{.Email}}. Choose a new one here:\n\n{{.Link}}\n\nOn another device? Choose \"Have a code from an email?\" on the sign-in page and enter {{.Code}} with your email address.\n\nThe link works once and expires in {{.ExpiresIn}}. If you did not ask for this, ignore this email: your password stays as it is.",
	}},
	{KindSetPassword, "Set your password", "Access for an account without an offer: a member without offers asking for their access again.", Custom{
		Subject: "Your access to {{.PortalName}}",
		Body:    "Hi {{.Name}},\n\nHere is your link to choose a password for {{.Email}} at {{.PortalName}}:\n\n{{.Link}}\n\nOn another device? Choose \"Have a code from an email?\" on the sign-in page and enter {{.Code}} with your email address.\n\nThe link works once and expires in {{.ExpiresIn}}.",
	}},
	{KindPasswordChanged, "Password changed", "Tells a member their password changed (never the password itself).", Custom{
		Subject: "Your {{.PortalName}} password was changed",
		Body:    "Hi {{.Name}},\n\nThe password of your {{.PortalName}} account, {{.Email}}, was changed on {{.When}}. Every device signed in with the old password has been signed out.\n\nIf this was you, there is nothing to do. If it was not, reset your password now: {{.ForgotURL}}",
	}},
	{KindSignInAdded, "Sign-in method added", "Tells a member a provider (Google, GitHub …) was connected to their account, so a connection they did not make does not go unnoticed.", Custom{
		Subject: "A new sign-in method was added to your {{.PortalName}} account",
		Body:    "Hi {{.Name}},\n\n{{.Provider}} was connected to your {{.PortalName}} account, {{.Email}}, on {{.When}}. It can now be used to sign in to your account.\n\nIf this was you, there is nothing to do. If it was not, reset your password now: {{.ForgotURL}}{{if .SupportEmail}}\n\nThen tell us at {{.SupportEmail}} so we can disconnect {{.Provider}}.{{else}}\n\nThen disconnect {{.Provider}} on your account page.{{end}}",
	}},
	{KindSignInCode, "Sign-in code", "Sent when a member asks to sign in with a code instead of a password. Must show {{.Code}}.", Custom{
		Subject: "Your {{.PortalName}} sign-in code",
		Body:    "Hi {{.Name}},\n\nEnter this code on the {{.PortalName}} sign-in page to sign in as {{.Email}}:\n\n{{.Code}}\n\nIt works once, in the browser that asked for it, for {{.ExpiresIn}}.\n\nAsked for from {{.Device}} on {{.When}}. Not you? Ignore this email: nobody can sign in without the code.",
	}},
	{KindStaffInvite, "Staff invitation", "Invites someone to the staff desk.", Custom{
		Subject: "You're invited to the {{.PortalName}} staff desk",
		Body:    "Hi {{.Name}},\n\nYou have a staff account on {{.PortalName}} for {{.Email}}. Choose your password (at least 15 characters) here:\n\n{{.Link}}\n\nThe link works once and expires in {{.ExpiresIn}}.",
	}},
}

// WelcomeDefault is the starting point for an offer's welcome email.
var WelcomeDefault = Custom{
	Subject: "Your access to {{.OfferName}}",
	Body:    "Hi {{.Name}},\n\nYou now have access to {{.OfferName}} at {{.PortalName}}. {{.OfferDescription}}\n\nTo get in, choose your password here:\n\n{{.Link}}\n\nOn another device? Choose \"Have a code from an email?\" on the sign-in page and enter {{.Code}} with your email address.\n\nAfter that, sign in at {{.PortalURL}} with {{.Email}}. The link works once and expires in {{.ExpiresIn}}.",
}

// EditableKind returns the description of an editable kind.
func EditableKind(kind string) (KindInfo, bool) {
	for _, k := range EditableKinds {
		if k.Kind == kind {
			return k, true
		}
	}
	return KindInfo{}, false
}
