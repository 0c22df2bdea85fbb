package store

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// SlugPattern is what a slug may look like: lower-case letters and digits in words joined by
// single hyphens, at most 60 characters.
var SlugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

var notSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Slugify makes a slug from a name ("Pottery course" → "pottery-course"); fallback when the
// name has no letters or digits.
func Slugify(name, fallback string) string {
	s := strings.Trim(notSlug.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if len(s) > 50 {
		s = strings.TrimRight(s[:50], "-")
	}
	if s == "" {
		return fallback
	}
	return s
}

// ClaimSlug reserves slug of kind ("offer", "community") for ownerID for good. A slug its
// owner had before is theirs again; one that any other row ever had is ErrConflict.
func (s *Store) ClaimSlug(ctx context.Context, kind, slug, ownerID string) error {
	res, err := s.db.NewRaw(`INSERT INTO slugs (kind, slug, owner_id) VALUES (?, ?, ?)
		ON CONFLICT (kind, slug) DO UPDATE SET owner_id = slugs.owner_id WHERE slugs.owner_id = EXCLUDED.owner_id`,
		kind, slug, ownerID).Exec(ctx)
	if err != nil {
		return dbErr("claim slug", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: claim slug %q: %w (slug)", slug, ErrConflict)
	}
	return nil
}

// FreeSlug returns base, or base-2, base-3 … : the first that no row of kind ever had.
func (s *Store) FreeSlug(ctx context.Context, kind, base string) (string, error) {
	taken := map[string]bool{}
	var rows []string
	err := s.db.NewRaw(`SELECT slug FROM slugs WHERE kind = ? AND (slug = ? OR slug LIKE ?)`, kind, base, escapeLike(base)+"-%").Scan(ctx, &rows)
	if err != nil {
		return "", dbErr("free slug", err)
	}
	for _, r := range rows {
		taken[r] = true
	}
	for i := 1; ; i++ {
		candidate := base
		if i > 1 {
			candidate = base + "-" + strconv.Itoa(i)
		}
		if !taken[candidate] {
			return candidate, nil
		}
	}
}

// SlugOwner returns the id of the row of kind that has, or once had, slug.
func (s *Store) SlugOwner(ctx context.Context, kind, slug string) (string, error) {
	var id string
	err := s.db.NewRaw(`SELECT owner_id FROM slugs WHERE kind = ? AND slug = ?`, kind, slug).Scan(ctx, &id)
	return id, dbErr("slug owner", err)
}

// insertWithSlug inserts model, a row of kind, with *slug made from name unless it has one,
// and reserves the slug for the new row (id reads its id once inserted).
func (s *Store) insertWithSlug(ctx context.Context, kind string, slug *string, name string, model any, id func() string) error {
	return s.InTx(ctx, func(ctx context.Context, tx *Store) error {
		if *slug == "" {
			var err error
			if *slug, err = tx.FreeSlug(ctx, kind, Slugify(name, kind)); err != nil {
				return err
			}
		}
		if _, err := tx.db.NewInsert().Model(model).Returning("*").Exec(ctx); err != nil {
			return dbErr("create "+kind, err)
		}
		return tx.ClaimSlug(ctx, kind, *slug, id())
	})
}
