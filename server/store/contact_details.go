package store

import (
	"context"

	"github.com/uptrace/bun/dialect/pgdialect"
)

// ContactByExternalID finds a contact by the id another system gave it.
func (s *Store) ContactByExternalID(ctx context.Context, externalID string) (Contact, error) {
	var c Contact
	err := s.db.NewSelect().Model(&c).Where("external_id = ?", externalID).Scan(ctx)
	return c, dbErr("contact by external id", err)
}

// ExternalIDTaken reports whether another contact than id holds externalID, so a caller can
// refuse it before an UPDATE would fail (a failed statement spoils the transaction).
func (s *Store) ExternalIDTaken(ctx context.Context, externalID, id string) (bool, error) {
	q := s.db.NewSelect().Model((*Contact)(nil)).Where("external_id = ?", externalID)
	if id != "" {
		q = q.Where("id <> ?", id)
	}
	ok, err := q.Exists(ctx)
	return ok, dbErr("external id taken", err)
}

// SetContactDetails saves a contact's name, phone, tags and external id as c holds them.
func (s *Store) SetContactDetails(ctx context.Context, c *Contact) error {
	if c.Tags == nil {
		c.Tags = []string{}
	}
	res, err := s.db.NewUpdate().Model((*Contact)(nil)).Where("id = ?", c.ID).
		Set("name = ?", c.Name).Set("phone = ?", c.Phone).Set("tags = ?", pgdialect.Array(c.Tags)).
		Set("external_id = ?", nullString(c.ExternalID)).Set("updated_at = now()").Exec(ctx)
	return affected("set contact details", res, err)
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
