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
	AllowCodeSignIn      bool      `bun:"allow_code_sign_in"`       // members may sign in with an emailed code
	AllowStaffCodeSignIn bool      `bun:"allow_staff_code_sign_in"` // staff too (owners decide)
	UpdatedAt            time.Time `bun:"updated_at"`
}

// Settings returns the portal settings, from the process's cache while it is kept current
// (WatchSettings).
func (s *Store) Settings(ctx context.Context) (Settings, error) {
	useCache := s.settings != nil && (s.settingsChanged == nil || !*s.settingsChanged)
	var gen uint64
	if useCache {
		var st Settings
		var ok bool
		if st, gen, ok = s.settings.get(); ok {
			return st, nil
		}
	}
	var st Settings
	err := s.db.NewSelect().Model(&st).Where("id").Scan(ctx)
	if err == nil && useCache {
		s.settings.put(st, gen)
	}
	return st, dbErr("settings", err)
}

// UpdateSettings saves the settings row.
func (s *Store) UpdateSettings(ctx context.Context, st *Settings) error {
	st.ID = true
	_, err := s.db.NewUpdate().Model(st).
		Column("portal_name", "logo_url", "primary_color", "sender_name", "sender_address", "support_email",
			"staff_reset_ttl_minutes", "welcome_ttl_minutes", "allow_self_signup", "allow_code_sign_in", "allow_staff_code_sign_in").
		Set("updated_at = now()").WherePK().Returning("*").Exec(ctx)
	if err != nil {
		return dbErr("update settings", err)
	}
	// Every instance drops its cached copy when this commits (NOTIFY is transactional), this
	// one at once; reads later in this transaction see the new row.
	if _, err := s.db.NewRaw("SELECT pg_notify(?, '')", settingsChannel).Exec(ctx); err != nil {
		return dbErr("announce settings", err)
	}
	if s.settingsChanged != nil {
		*s.settingsChanged = true
	}
	if s.settings != nil {
		s.onCommit(s.settings.invalidate)
	}
	return nil
}
