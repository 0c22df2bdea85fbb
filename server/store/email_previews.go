package store

import (
	"context"
	"time"
)

// SavePreview keeps a rendered preview for an hour and returns its id; older previews go.
func (s *Store) SavePreview(ctx context.Context, html, createdBy string, now time.Time) (string, error) {
	if _, err := s.db.NewRaw(`DELETE FROM email_previews WHERE created_at < ?`, now.Add(-time.Hour)).Exec(ctx); err != nil {
		return "", dbErr("prune previews", err)
	}
	var id string
	err := s.db.NewRaw(`INSERT INTO email_previews (html, created_by, created_at) VALUES (?, NULLIF(?, '')::uuid, ?) RETURNING id`,
		html, createdBy, now).Scan(ctx, &id)
	return id, dbErr("save preview", err)
}

// Preview returns a preview's HTML if it is younger than an hour.
func (s *Store) Preview(ctx context.Context, id string, now time.Time) (string, error) {
	var html string
	err := s.db.NewRaw(`SELECT html FROM email_previews WHERE id = ? AND created_at >= ?`, id, now.Add(-time.Hour)).Scan(ctx, &html)
	return html, dbErr("preview", err)
}
