package auth

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"

	"gatehouse/server/store"
)

// One-time link purposes. Every one of them lets its holder choose the account's password.
const (
	PurposeReset       = "reset"
	PurposeWelcome     = "welcome"      // scope: the offer
	PurposeSetPassword = "set_password" // first owner, staff invites, access without an offer, copied links
)

// PasswordPurposes are the links POST /api/auth/reset-password consumes.
var PasswordPurposes = []string{PurposeReset, PurposeWelcome, PurposeSetPassword}

// Link lifetimes (SECURITY.md).
const (
	SelfServiceResetTTL = 30 * time.Minute
	StaffResetTTL       = 24 * time.Hour
	WelcomeTTL          = 72 * time.Hour
	MinCopiedLinkTTL    = 15 * time.Minute
	MaxCopiedLinkTTL    = 7 * 24 * time.Hour
)

// newSecret returns a 32-byte random token (base64url, for the link) and its SHA-256 (for the
// database: a leaked table holds nothing usable).
func newSecret() (string, []byte) {
	raw := base64.RawURLEncoding.EncodeToString(randomBytes(32))
	return raw, hashSecret(raw)
}

func hashSecret(raw string) []byte {
	sum := sha256.Sum256([]byte(raw))
	return sum[:]
}

// linkPath is the portal page a link opens. The token travels in the fragment, which browsers
// never send to a server, so it stays out of access logs and Referer headers, and opening the
// page uses nothing up (mail scanners open links).
func linkPath(purpose, raw string) string {
	if purpose == PurposeReset {
		return "/reset#token=" + raw
	}
	return "/set-password#token=" + raw
}

// issueLink creates a one-time link for a contact in tx, revoking the older live links of the
// same purpose and scope, and returns its absolute URL. emailedTo is the address the link is
// about to be emailed to ("" for a link handed over otherwise): using it proves that address
// (OpenID Connect's email_verified). An emailed link also gets a six-digit code that does
// what the link does: the link and its code are one token.
func (s *Service) issueLink(ctx context.Context, tx *store.Store, contactID, purpose, scope string, ttl time.Duration, createdBy, emailedTo string) (link, code string, expires time.Time, err error) {
	raw, hash := newSecret()
	now := s.now()
	t := &store.Token{ContactID: contactID, Purpose: purpose, Scope: scope, TokenHash: hash, CreatedBy: createdBy, CreatedAt: now, ExpiresAt: now.Add(ttl), EmailedTo: emailedTo}
	if emailedTo != "" {
		code = newCode()
		t.CodeMAC = s.keys.MAC(macLinkCode, contactID, hex.EncodeToString(hash), code)
	}
	if err := tx.ReplaceToken(ctx, t, now); err != nil {
		return "", "", time.Time{}, err
	}
	return s.outbox.URL(linkPath(purpose, raw)), code, t.ExpiresAt, nil
}

// humanDuration writes a lifetime the way an email would: "30 minutes", "24 hours", "3 days".
func humanDuration(d time.Duration) string {
	plural := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return fmt.Sprintf("%d %ss", n, unit)
	}
	switch {
	case d >= 48*time.Hour && d%(24*time.Hour) == 0:
		return plural(int(d/(24*time.Hour)), "day")
	case d >= time.Hour && d%time.Hour == 0:
		return plural(int(d/time.Hour), "hour")
	default:
		return plural(int(d.Round(time.Minute)/time.Minute), "minute")
	}
}
