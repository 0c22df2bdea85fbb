package auth

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"

	"gatehouse/server/store"
)

// ErrInvalidEmail means an address is not one plain address.
var ErrInvalidEmail = errors.New("auth: invalid email address")

// CheckEmail accepts exactly one plain address (no display name, list, CR/LF or spaces) and
// returns it trimmed.
func CheckEmail(s string) (string, error) {
	if strings.ContainsAny(s, "\r\n") {
		return "", ErrInvalidEmail // a line break is a header injection attempt, never a typo to trim
	}
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 254 || strings.ContainsAny(s, "\r\n\t ,;<>\"()[]\\") {
		return "", ErrInvalidEmail
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return "", ErrInvalidEmail
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || !strings.Contains(domain, ".") && domain != "localhost" {
		return "", ErrInvalidEmail
	}
	return s, nil
}

// CreateStaff creates a staff account. With a password it is checked against the staff
// policy and set; without one, the account gets a one-time set-password link (72 h), returned
// for the caller to hand over (the command line prints it; it is not emailed).
func (s *Service) CreateStaff(ctx context.Context, email, role, password, portalName string) (store.Contact, string, error) {
	email, err := CheckEmail(email)
	if err != nil {
		return store.Contact{}, "", err
	}
	if !IsStaff(role) {
		return store.Contact{}, "", fmt.Errorf("auth: %q is not a staff role (owner, admin or support)", role)
	}
	var hash string
	if password != "" {
		if err := CheckPassword(password, role, email, portalName); err != nil {
			return store.Contact{}, "", err
		}
		if hash, err = s.hasher.Hash(ctx, password); err != nil {
			return store.Contact{}, "", err
		}
	}
	c := store.Contact{Email: email, Role: role, PasswordHash: hash}
	var link string
	err = s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if hash != "" {
			c.PasswordChangedAt = s.now()
		}
		if err := tx.CreateContact(ctx, &c); err != nil {
			return err
		}
		if hash == "" {
			link, _, _, err = s.issueLink(ctx, tx, c.ID, PurposeSetPassword, "", WelcomeTTL, "", "") // printed on the terminal: no code
		}
		return err
	})
	return c, link, err
}

// BootstrapOwner makes sure a fresh install can be entered: with no owner yet it creates one
// for email; while the owner has never set a password it issues a fresh set-password link
// (revoking the previous one). It returns the link, or "" when the owner is already set up.
func (s *Service) BootstrapOwner(ctx context.Context, email string) (string, error) {
	n, err := s.store.CountByRole(ctx, RoleOwner)
	if err != nil {
		return "", err
	}
	if n == 0 {
		_, link, err := s.CreateStaff(ctx, email, RoleOwner, "", "")
		return link, err
	}
	c, err := s.store.ContactByEmail(ctx, email)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (c.Role != RoleOwner || c.PasswordHash != "")) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	var link string
	err = s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		link, _, _, err = s.issueLink(ctx, tx, c.ID, PurposeSetPassword, "", WelcomeTTL, "", "") // printed on the terminal: no code
		return err
	})
	return link, err
}
