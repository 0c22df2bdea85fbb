package store

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// Contact is a member or a staff account (role says which).
type Contact struct {
	bun.BaseModel `bun:"table:contacts"`

	ID                string    `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	Email             string    `bun:"email"`
	Name              string    `bun:"name"`
	Role              string    `bun:"role"`
	Phone             string    `bun:"phone"`
	Tags              []string  `bun:"tags,array"`
	ExternalID        string    `bun:"external_id,nullzero"` // the id another system (a CRM, a shop) knows them by
	PasswordHash      string    `bun:"password_hash,nullzero"`
	PasswordTemporary bool      `bun:"password_temporary"`
	PasswordExpiresAt time.Time `bun:"password_expires_at,nullzero"`
	PasswordChangedAt time.Time `bun:"password_changed_at,nullzero"`
	DisabledAt        time.Time `bun:"disabled_at,nullzero"`
	FailedLogins      int       `bun:"failed_logins"`
	LockedUntil       time.Time `bun:"locked_until,nullzero"`
	LastLoginAt       time.Time `bun:"last_login_at,nullzero"`
	// The address the contact last proved they read (an emailed link used, or a provider that
	// vouches for it): email_verified holds only while it is still their address.
	EmailVerifiedFor string    `bun:"email_verified_for,nullzero"`
	CreatedAt        time.Time `bun:"created_at,nullzero,notnull,default:now()"`
	UpdatedAt        time.Time `bun:"updated_at,nullzero,notnull,default:now()"`
}

// Disabled reports whether staff disabled the account.
func (c *Contact) Disabled() bool { return !c.DisabledAt.IsZero() }

// EmailVerified reports whether the contact proved, since it became their address, that they
// read mail sent to it.
func (c *Contact) EmailVerified() bool {
	return c.EmailVerifiedFor != "" && strings.EqualFold(c.EmailVerifiedFor, c.Email)
}

// MarkEmailVerified records that the contact proved they read email at address, if it is
// still their address (a link emailed to an old address proves nothing about the new one).
func (s *Store) MarkEmailVerified(ctx context.Context, id, address string) error {
	_, err := s.db.NewUpdate().Model((*Contact)(nil)).Where("id = ? AND lower(email) = lower(?)", id, address).
		Set("email_verified_for = email").Exec(ctx)
	return dbErr("mark email verified", err)
}

// CreateContact inserts c and fills in its id; an address already taken (in any case) is ErrConflict.
func (s *Store) CreateContact(ctx context.Context, c *Contact) error {
	if c.Role == "" {
		c.Role = "member"
	}
	if c.Tags == nil {
		c.Tags = []string{}
	}
	_, err := s.db.NewInsert().Model(c).Returning("*").Exec(ctx)
	return dbErr("create contact", err)
}

// ContactByID returns one contact.
func (s *Store) ContactByID(ctx context.Context, id string) (Contact, error) {
	var c Contact
	err := s.db.NewSelect().Model(&c).Where("id = ?", id).Scan(ctx)
	return c, dbErr("contact by id", err)
}

// ContactByEmail finds a contact by address, ignoring case.
func (s *Store) ContactByEmail(ctx context.Context, email string) (Contact, error) {
	var c Contact
	err := s.db.NewSelect().Model(&c).Where("lower(email) = lower(?)", email).Scan(ctx)
	return c, dbErr("contact by email", err)
}

// ContactForUpdate locks one contact row for the rest of the transaction, so that concurrent
// changes to the same account (password, grants, links) happen one after the other.
func (s *Store) ContactForUpdate(ctx context.Context, id string) (Contact, error) {
	var c Contact
	err := s.db.NewSelect().Model(&c).Where("id = ?", id).For("UPDATE").Scan(ctx)
	return c, dbErr("lock contact", err)
}

// SetPassword stores a new password hash. temporary marks a staff-set password that must be
// replaced at the next login and stops working at expiresAt.
func (s *Store) SetPassword(ctx context.Context, id, hash string, temporary bool, expiresAt, now time.Time) error {
	res, err := s.db.NewUpdate().Model((*Contact)(nil)).Where("id = ?", id).
		Set("password_hash = ?", hash).
		Set("password_temporary = ?", temporary).
		Set("password_expires_at = ?", nullTime(expiresAt)).
		Set("password_changed_at = ?", now).
		Set("failed_logins = 0").
		Set("locked_until = NULL").
		Set("updated_at = ?", now).
		Exec(ctx)
	return affected("set password", res, err)
}

// UpdatePasswordHash replaces the hash of the same password (a rehash with new parameters).
func (s *Store) UpdatePasswordHash(ctx context.Context, id, hash string) error {
	res, err := s.db.NewUpdate().Model((*Contact)(nil)).Where("id = ?", id).Set("password_hash = ?", hash).Exec(ctx)
	return affected("rehash password", res, err)
}

// RecordLoginFailure counts a failed login and, from the fifth in a row, backs the account off
// until lockedUntil(count). It returns the new count.
func (s *Store) RecordLoginFailure(ctx context.Context, id string, now time.Time, lockFor func(failures int) time.Duration) (int, error) {
	var failures int
	err := s.db.NewUpdate().Model((*Contact)(nil)).Where("id = ?", id).
		Set("failed_logins = failed_logins + 1").
		Returning("failed_logins").Scan(ctx, &failures)
	if err != nil {
		return 0, dbErr("record login failure", err)
	}
	if d := lockFor(failures); d > 0 {
		_, err = s.db.NewUpdate().Model((*Contact)(nil)).Where("id = ?", id).Set("locked_until = ?", now.Add(d)).Exec(ctx)
	}
	return failures, dbErr("record login failure", err)
}

// FirstLogin stamps a contact's first sign-in and reports whether this was it; once stamped,
// it reports false (the row lock makes two racing first sign-ins agree on one).
func (s *Store) FirstLogin(ctx context.Context, id string, now time.Time) (bool, error) {
	res, err := s.db.NewUpdate().Model((*Contact)(nil)).Where("id = ? AND last_login_at IS NULL", id).
		Set("last_login_at = ?", now).Exec(ctx)
	if err != nil {
		return false, dbErr("first login", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// RecordLogin clears the failure count and remembers when the contact last signed in.
func (s *Store) RecordLogin(ctx context.Context, id string, now time.Time) error {
	res, err := s.db.NewUpdate().Model((*Contact)(nil)).Where("id = ?", id).
		Set("failed_logins = 0").Set("locked_until = NULL").Set("last_login_at = ?", now).Exec(ctx)
	return affected("record login", res, err)
}

// SetDisabled disables (at now) or enables (zero time) an account.
func (s *Store) SetDisabled(ctx context.Context, id string, at time.Time) error {
	defer s.accessChanged(id)
	res, err := s.db.NewUpdate().Model((*Contact)(nil)).Where("id = ?", id).
		Set("disabled_at = ?", nullTime(at)).Set("updated_at = now()").Exec(ctx)
	return affected("set disabled", res, err)
}

// CountByRole counts contacts with the given role.
func (s *Store) CountByRole(ctx context.Context, role string) (int, error) {
	n, err := s.db.NewSelect().Model((*Contact)(nil)).Where("role = ?", role).Count(ctx)
	return int(n), dbErr("count by role", err)
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// UpdateContact saves a contact's name and email.
func (s *Store) UpdateContact(ctx context.Context, c *Contact) error {
	defer s.accessChanged(c.ID)
	res, err := s.db.NewUpdate().Model(c).Column("name", "email").Set("updated_at = now()").WherePK().Exec(ctx)
	return affected("update contact", res, err)
}

// SetRole changes a contact's role.
func (s *Store) SetRole(ctx context.Context, id, role string) error {
	defer s.accessChanged(id)
	res, err := s.db.NewUpdate().Model((*Contact)(nil)).Where("id = ?", id).Set("role = ?", role).Set("updated_at = now()").Exec(ctx)
	return affected("set role", res, err)
}

// StaffToNotify returns the enabled owners and admins.
func (s *Store) StaffToNotify(ctx context.Context) ([]Contact, error) {
	out := []Contact{}
	err := s.db.NewSelect().Model(&out).Where("role IN ('owner', 'admin') AND disabled_at IS NULL").Order("email").Scan(ctx)
	return out, dbErr("staff to notify", err)
}

// ContactsByEmails returns the contacts with these addresses, keyed by lower-case address.
func (s *Store) ContactsByEmails(ctx context.Context, emails []string) (map[string]Contact, error) {
	out := map[string]Contact{}
	if len(emails) == 0 {
		return out, nil
	}
	lower := make([]string, len(emails))
	for i, e := range emails {
		lower[i] = strings.ToLower(e)
	}
	var list []Contact
	err := s.db.NewSelect().Model(&list).Where("lower(email) IN (?)", bun.List(lower)).Scan(ctx)
	for _, c := range list {
		out[strings.ToLower(c.Email)] = c
	}
	return out, dbErr("contacts by emails", err)
}

// MergeContactDetails updates what an import knows about a contact: a name or phone only if
// given, tags added to those it has.
func (s *Store) MergeContactDetails(ctx context.Context, id, name, phone string, tags []string) error {
	defer s.accessChanged(id)
	if tags == nil {
		tags = []string{}
	}
	_, err := s.db.NewRaw(`UPDATE contacts SET
		name = CASE WHEN ?1 <> '' THEN ?1 ELSE name END,
		phone = CASE WHEN ?2 <> '' THEN ?2 ELSE phone END,
		tags = ARRAY(SELECT DISTINCT unnest(tags || ?3::text[])),
		updated_at = now()
		WHERE id = ?0`, id, name, phone, pgdialect.Array(tags)).Exec(ctx)
	return dbErr("merge contact", err)
}
