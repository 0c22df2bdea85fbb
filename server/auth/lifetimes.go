package auth

import (
	"time"

	"gatehouse/server/store"
)

// Lifetimes are the link lifetimes in force. Two of them are staff's choice in Settings; every
// path that issues a link (the desk, bulk runs, workflows, imports, the API, self-service)
// reads them here, so a changed setting applies everywhere at once.
type Lifetimes struct {
	Welcome    time.Duration // welcome and set-password links (72 h unless changed)
	StaffReset time.Duration // reset links sent by staff or a workflow (24 h unless changed)
	SelfReset  time.Duration // forgot password: fixed, 30 min
}

// LifetimesOf reads the lifetimes from the settings row.
func LifetimesOf(set store.Settings) Lifetimes {
	return Lifetimes{
		Welcome:    time.Duration(set.WelcomeTTLMinutes) * time.Minute,
		StaffReset: time.Duration(set.StaffResetTTLMinutes) * time.Minute,
		SelfReset:  SelfServiceResetTTL,
	}
}

// CheckLifetime enforces SECURITY.md's bounds on every lifetime staff choose (a copied link,
// the settings' two lifetimes): 15 minutes to 7 days.
func CheckLifetime(d time.Duration) error {
	if d < MinCopiedLinkTTL || d > MaxCopiedLinkTTL {
		return ErrLinkLifetime
	}
	return nil
}
