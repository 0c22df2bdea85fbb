package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Settings is the portal's branding and contact details, one row.
type Settings struct {
	bun.BaseModel `bun:"table:settings"`

	ID           bool   `bun:"id,pk"`
	PortalName   string `bun:"portal_name"`
	LogoURL      string `bun:"logo_url"`
	PrimaryColor string `bun:"primary_color"`
	SenderName   string `bun:"sender_name"`
	SupportEmail string `bun:"support_email"`
	// SenderAddress overrides GATEHOUSE_MAIL_FROM's address when set; SenderName its name.
	SenderAddress        string    `bun:"sender_address"`
	StaffResetTTLMinutes int       `bun:"staff_reset_ttl_minutes"`
	WelcomeTTLMinutes    int       `bun:"welcome_ttl_minutes"`
	AllowSelfSignup      bool      `bun:"allow_self_signup"`
	UpdatedAt            time.Time `bun:"updated_at"`
}

// Settings returns the portal settings.
func (s *Store) Settings(ctx context.Context) (Settings, error) {
	var st Settings
	err := s.db.NewSelect().Model(&st).Where("id").Scan(ctx)
	return st, dbErr("settings", err)
}

// UpdateSettings saves the settings row.
func (s *Store) UpdateSettings(ctx context.Context, st *Settings) error {
	st.ID = true
	_, err := s.db.NewUpdate().Model(st).
		Column("portal_name", "logo_url", "primary_color", "sender_name", "sender_address", "support_email",
			"staff_reset_ttl_minutes", "welcome_ttl_minutes", "allow_self_signup").
		Set("updated_at = now()").WherePK().Returning("*").Exec(ctx)
	return dbErr("update settings", err)
}
