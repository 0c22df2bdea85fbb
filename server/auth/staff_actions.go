package auth

import (
	"context"
	"errors"
	"time"

	"gatehouse/server/store"
)

// ErrLinkLifetime means a staff-chosen link lifetime is outside SECURITY.md's bounds.
var ErrLinkLifetime = errors.New("auth: link lifetime must be between 15 minutes and 7 days")

// IssueLink creates a one-time link for staff to hand over by any channel (shown once, never
// stored): purpose reset or set_password, living ttl (15 min to 7 days). It revokes the older
// live links of the same purpose.
func (s *Service) IssueLink(ctx context.Context, tx *store.Store, c store.Contact, purpose string, ttl time.Duration, createdBy string) (string, time.Time, error) {
	if err := CheckLifetime(ttl); err != nil {
		return "", time.Time{}, err
	}
	if purpose != PurposeReset && purpose != PurposeSetPassword {
		return "", time.Time{}, errors.New("auth: staff links are for reset or set_password")
	}
	link, _, expires, err := s.issueLink(ctx, tx, c.ID, purpose, "", ttl, createdBy, "") // handed over by staff: no code
	return link, expires, err
}

// PreparePassword checks a password a staff member set for c against the policy and hashes it.
// Hashing happens before any transaction opens: it takes ~45 ms of a core.
func (s *Service) PreparePassword(ctx context.Context, c store.Contact, password, portalName string) (string, error) {
	if err := CheckPassword(password, c.Role, c.Email, portalName); err != nil {
		return "", err
	}
	return s.hasher.Hash(ctx, password)
}

// ApplyStaffPassword sets a prepared password on c in tx: temporary ones must be replaced at
// the next sign-in and expire in 24 h. Every session and link of c ends; notify queues the
// "your password was changed" email (which never contains the password).
func (s *Service) ApplyStaffPassword(ctx context.Context, tx *store.Store, c store.Contact, hash string, temporary, notify bool, actorID string) error {
	return s.replacePassword(ctx, tx, c, hash, temporary, "", notify, Via{CreatedBy: actorID})
}

// EndAccess ends every session and every live link of a contact (disable, sign out
// everywhere) and returns how many sessions ended. Apps go with them: the sites' forward-auth
// cookies die with the sessions they are bound to, and every token issued to an app (so each
// app's own session ends at its next refresh) is revoked.
func (s *Service) EndAccess(ctx context.Context, tx *store.Store, contactID string, links bool) (int, error) {
	now := s.now()
	if links {
		if _, err := tx.RevokeTokens(ctx, contactID, now); err != nil {
			return 0, err
		}
	}
	if _, err := tx.RevokeContactTokens(ctx, contactID, now); err != nil {
		return 0, err
	}
	return tx.RevokeSessions(ctx, contactID, "", now)
}

// generatedAlphabet leaves out look-alikes (0/O, 1/l/I) so a password read aloud survives.
const generatedAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratePassword returns 24 random characters (~140 bits). Bytes past the largest multiple
// of the alphabet's size are skipped, so every character is equally likely.
func GeneratePassword() string {
	const n = len(generatedAlphabet)
	limit := byte(256 / n * n)
	out := make([]byte, 0, 24)
	for len(out) < cap(out) {
		for _, x := range randomBytes(32) {
			if x < limit && len(out) < cap(out) {
				out = append(out, generatedAlphabet[int(x)%n])
			}
		}
	}
	return string(out)
}
