package desk

import (
	"context"
	"errors"
	"time"

	"gatehouse/server/auth"
	"gatehouse/server/store"
)

// PasswordChange is the Change Password dialog: a typed password or a generated one.
type PasswordChange struct {
	Password  string
	Generate  bool
	Temporary bool // must be replaced at the next sign-in; expires in 24 h
	Notify    bool // email the member that their password changed (never the password)
}

// SetPassword sets a contact's password. A generated password is returned, to be shown once;
// it is never stored in plain text, logged or emailed. Every session and link of the contact
// ends.
func (d *Service) SetPassword(ctx context.Context, a Actor, contactID string, in PasswordChange) (string, error) {
	if in.Generate == (in.Password != "") {
		return "", &ValidationError{Fields: map[string]string{"password": "Type a password or choose to generate one."}}
	}
	c, err := d.store.ContactByID(ctx, contactID)
	if err != nil {
		return "", err
	}
	if err := canActOn(a, c); err != nil {
		return "", err
	}
	password := in.Password
	if in.Generate {
		password = auth.GeneratePassword()
	}
	set, err := d.store.Settings(ctx)
	if err != nil {
		return "", err
	}
	hash, err := d.auth.PreparePassword(ctx, c, password, set.PortalName)
	if err != nil {
		return "", err
	}
	err = d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		c, err := d.target(ctx, tx, a, contactID)
		if err != nil {
			return err
		}
		if err := d.auth.ApplyStaffPassword(ctx, tx, c, hash, in.Temporary, in.Notify, a.ID); err != nil {
			return err
		}
		return d.audit(ctx, tx, a, "password.set", "contact", c.ID, c.ID,
			map[string]any{"generated": in.Generate, "temporary": in.Temporary, "notified": in.Notify})
	})
	if err != nil || !in.Generate {
		return "", err
	}
	return password, nil
}

// ResetLink sends a password-reset email (send) or returns a reset link for staff to copy,
// living ttl (0 means the settings' default, 24 h unless changed).
func (d *Service) ResetLink(ctx context.Context, a Actor, contactID string, send bool, ttl time.Duration) (url string, expires time.Time, err error) {
	err = d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		c, err := d.target(ctx, tx, a, contactID)
		if err != nil {
			return err
		}
		if c.Disabled() {
			return ErrDisabled
		}
		if ttl == 0 {
			set, err := tx.Settings(ctx)
			if err != nil {
				return err
			}
			ttl = time.Duration(set.StaffResetTTLMinutes) * time.Minute
		}
		if send {
			if ttl < auth.MinCopiedLinkTTL || ttl > auth.MaxCopiedLinkTTL {
				return auth.ErrLinkLifetime
			}
			e, err := d.auth.QueueReset(ctx, tx, c, ttl, auth.Via{CreatedBy: a.ID})
			if err != nil {
				return err
			}
			expires = d.now().Add(ttl)
			return d.audit(ctx, tx, a, "reset_link.send", "contact", c.ID, c.ID, map[string]any{"email_id": e.ID, "ttl_minutes": int(ttl / time.Minute)})
		}
		if url, expires, err = d.auth.IssueLink(ctx, tx, c, auth.PurposeReset, ttl, a.ID); err != nil {
			return err
		}
		return d.audit(ctx, tx, a, "reset_link.copy", "contact", c.ID, c.ID, map[string]any{"ttl_minutes": int(ttl / time.Minute)})
	})
	return url, expires, err
}

// AccessLink returns a fresh one-time set-password link for staff to copy (Copy access link),
// revoking the older ones of its kind.
func (d *Service) AccessLink(ctx context.Context, a Actor, contactID string, ttl time.Duration) (url string, expires time.Time, err error) {
	err = d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		c, err := d.target(ctx, tx, a, contactID)
		if err != nil {
			return err
		}
		if c.Disabled() {
			return ErrDisabled
		}
		if url, expires, err = d.auth.IssueLink(ctx, tx, c, auth.PurposeSetPassword, ttl, a.ID); err != nil {
			return err
		}
		return d.audit(ctx, tx, a, "access_link.copy", "contact", c.ID, c.ID, map[string]any{"ttl_minutes": int(ttl / time.Minute)})
	})
	return url, expires, err
}

// SignOutEverywhere ends every session of a contact and returns how many ended.
func (d *Service) SignOutEverywhere(ctx context.Context, a Actor, contactID string) (n int, err error) {
	err = d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		c, err := d.target(ctx, tx, a, contactID)
		if err != nil {
			return err
		}
		if n, err = d.auth.EndAccess(ctx, tx, c.ID, false); err != nil {
			return err
		}
		return d.audit(ctx, tx, a, "contact.sign_out", "contact", c.ID, c.ID, map[string]any{"sessions": n})
	})
	return n, err
}

// SetDisabled disables an account (it cannot sign in by any path; its sessions and links end)
// or enables it again.
func (d *Service) SetDisabled(ctx context.Context, a Actor, contactID string, disable bool) error {
	if contactID == a.ID {
		return ErrSelf
	}
	return d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		c, err := d.target(ctx, tx, a, contactID)
		if err != nil {
			return err
		}
		action, at := "contact.enable", time.Time{}
		if disable {
			action, at = "contact.disable", d.now()
			if _, err := d.auth.EndAccess(ctx, tx, c.ID, true); err != nil {
				return err
			}
		}
		if err := tx.SetDisabled(ctx, c.ID, at); err != nil {
			return err
		}
		return d.audit(ctx, tx, a, action, "contact", c.ID, c.ID, nil)
	})
}

// Unsuppress lets email reach a contact's address again after a bounce or complaint.
func (d *Service) Unsuppress(ctx context.Context, a Actor, contactID string) error {
	return d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		c, err := d.target(ctx, tx, a, contactID)
		if err != nil {
			return err
		}
		sup, err := tx.SuppressionFor(ctx, c.Email)
		if errors.Is(err, store.ErrNotFound) {
			return ErrNotSuppressed
		}
		if err != nil {
			return err
		}
		if err := tx.Unsuppress(ctx, c.Email); err != nil {
			return err
		}
		return d.audit(ctx, tx, a, "contact.unsuppress", "contact", c.ID, c.ID, map[string]any{"reason": sup.Reason})
	})
}
