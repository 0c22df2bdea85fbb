package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Settings is the portal's branding and contact details, one row.
type Settings struct {
	bun.BaseModel `bun:"table:settings"`

	ID           bool      `bun:"id,pk"`
	PortalName   string    `bun:"portal_name"`
	LogoURL      string    `bun:"logo_url"`
	PrimaryColor string    `bun:"primary_color"`
	SenderName   string    `bun:"sender_name"`
	SupportEmail string    `bun:"support_email"`
	UpdatedAt    time.Time `bun:"updated_at"`
}

// Settings returns the portal settings.
func (s *Store) Settings(ctx context.Context) (Settings, error) {
	var st Settings
	err := s.db.NewSelect().Model(&st).Where("id").Scan(ctx)
	return st, dbErr("settings", err)
}
