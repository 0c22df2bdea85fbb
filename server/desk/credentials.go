package desk

import (
	"context"
	"time"

	"gatehouse/server/access"
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
	if err := access.MayActOn(a, c.Role, access.Credential); err != nil {
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
	// Hashing takes ~45 ms of a core: done before the transaction opens.
	hash, err := d.auth.PreparePassword(ctx, c, password, set.PortalName)
	if err != nil {
		return "", err
	}
	err = d.inTx(ctx, func(ctx context.Context, tx *store.Store) error {
		c, err := d.access.Lock(ctx, tx, a, contactID, access.Credential)
		if err != nil {
			return err
		}
		if err := d.auth.ApplyStaffPassword(ctx, tx, c, hash, in.Temporary, in.Notify, a.ID); err != nil {
			return err
		}
		return d.audit(ctx, tx, a, "password.set", access.OnContact(c),
			map[string]any{"generated": in.Generate, "temporary": in.Temporary, "notified": in.Notify})
	})
	if err != nil || !in.Generate {
		return "", err
	}
	return password, nil
}

// ResetLink sends a password-reset email (send) or returns a reset link for staff to copy,
// living ttl (0 means the settings' lifetime for staff links, 24 h unless changed).
func (d *Service) ResetLink(ctx context.Context, a Actor, contactID string, send bool, ttl time.Duration) (url string, expires time.Time, err error) {
	err = d.inTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if send {
			_, expires, err = d.access.SendResetLink(ctx, tx, a, contactID, ttl)
			return err
		}
		l, err := d.access.CopyResetLink(ctx, tx, a, contactID, ttl)
		url, expires = l.URL, l.Expires
		return err
	})
	return url, expires, err
}

// AccessLink returns a fresh one-time set-password link for staff to copy (Copy access link).
func (d *Service) AccessLink(ctx context.Context, a Actor, contactID string, ttl time.Duration) (url string, expires time.Time, err error) {
	err = d.inTx(ctx, func(ctx context.Context, tx *store.Store) error {
		l, err := d.access.AccessLink(ctx, tx, a, contactID, ttl)
		url, expires = l.URL, l.Expires
		return err
	})
	return url, expires, err
}

// SignOutEverywhere ends every session of a contact and returns how many ended.
func (d *Service) SignOutEverywhere(ctx context.Context, a Actor, contactID string) (n int, err error) {
	err = d.inTx(ctx, func(ctx context.Context, tx *store.Store) (err error) {
		n, err = d.access.SignOutEverywhere(ctx, tx, a, contactID)
		return err
	})
	return n, err
}

// DisableContact disables an account or enables it again.
func (d *Service) DisableContact(ctx context.Context, a Actor, contactID string, disable bool) error {
	return d.inTx(ctx, func(ctx context.Context, tx *store.Store) error {
		return d.access.SetDisabled(ctx, tx, a, contactID, disable)
	})
}

// UnsuppressContact lets email reach a contact's address again after a bounce or complaint.
func (d *Service) UnsuppressContact(ctx context.Context, a Actor, contactID string) error {
	return d.inTx(ctx, func(ctx context.Context, tx *store.Store) error {
		return d.access.Unsuppress(ctx, tx, a, contactID)
	})
}

// RetryEmail sends a failed email again as a new email (with a fresh link if it had one).
func (d *Service) RetryEmail(ctx context.Context, a Actor, emailID string) (e store.Email, err error) {
	err = d.inTx(ctx, func(ctx context.Context, tx *store.Store) (err error) {
		e, err = d.access.RetryEmail(ctx, tx, a, emailID)
		return err
	})
	return e, err
}
