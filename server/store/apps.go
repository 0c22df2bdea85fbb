package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Kinds of app.
const (
	AppOIDC  = "oidc"  // signs members in with OpenID Connect
	AppProxy = "proxy" // a site behind a reverse proxy that asks forward-auth
)

// App is a place an offer opens. Its rule says who may enter (gatehouse_app_admits in SQL is
// the one definition).
type App struct {
	bun.BaseModel `bun:"table:apps,alias:a"`

	ID                     string    `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	Name                   string    `bun:"name"`
	Kind                   string    `bun:"kind"`
	ClientID               string    `bun:"client_id,nullzero"`
	ClientSecretHash       []byte    `bun:"client_secret_hash"` // nil: a public (PKCE-only) client
	RedirectURIs           []string  `bun:"redirect_uris,array"`
	PostLogoutRedirectURIs []string  `bun:"post_logout_redirect_uris,array"`
	Hosts                  []string  `bun:"hosts,array"`
	LaunchURL              string    `bun:"launch_url"`
	RuleAnyMember          bool      `bun:"rule_any_member"`
	RuleStaffOnly          bool      `bun:"rule_staff_only"`
	RuleOfferIDs           []string  `bun:"rule_offer_ids,type:uuid[],array"`
	RuleCommunityIDs       []string  `bun:"rule_community_ids,type:uuid[],array"`
	CreatedBy              string    `bun:"created_by,type:uuid,nullzero"`
	CreatedAt              time.Time `bun:"created_at,nullzero,notnull,default:now()"`
	UpdatedAt              time.Time `bun:"updated_at,nullzero,notnull,default:now()"`
}

// Public reports whether the app is an OpenID Connect client without a secret (PKCE only).
func (a *App) Public() bool { return a.Kind == AppOIDC && len(a.ClientSecretHash) == 0 }

func (a *App) normalise() {
	for _, p := range []*[]string{&a.RedirectURIs, &a.PostLogoutRedirectURIs, &a.Hosts, &a.RuleOfferIDs, &a.RuleCommunityIDs} {
		if *p == nil {
			*p = []string{}
		}
	}
}

// CreateApp inserts an app; a client id already taken is ErrConflict.
func (s *Store) CreateApp(ctx context.Context, a *App) error {
	a.normalise()
	_, err := s.db.NewInsert().Model(a).Returning("*").Exec(ctx)
	return dbErr("create app", err)
}

// UpdateApp saves an app's editable fields (not its kind, client id or secret).
func (s *Store) UpdateApp(ctx context.Context, a *App) error {
	defer s.accessChanged("*")
	a.normalise()
	res, err := s.db.NewUpdate().Model(a).
		Column("name", "redirect_uris", "post_logout_redirect_uris", "hosts", "launch_url",
			"rule_any_member", "rule_staff_only", "rule_offer_ids", "rule_community_ids").
		Set("updated_at = now()").WherePK().Returning("*").Exec(ctx)
	return affected("update app", res, err)
}

// SetAppSecret replaces an app's client secret hash (nil makes it a public client).
func (s *Store) SetAppSecret(ctx context.Context, id string, hash []byte) error {
	res, err := s.db.NewUpdate().Model((*App)(nil)).Where("id = ?", id).
		Set("client_secret_hash = ?", hash).Set("updated_at = now()").Exec(ctx)
	return affected("set app secret", res, err)
}

// DeleteApp removes an app with everything it issued (tokens, sign-in records, cookies).
func (s *Store) DeleteApp(ctx context.Context, id string) (App, error) {
	defer s.accessChanged("*")
	var a App
	err := s.db.NewDelete().Model(&a).Where("id = ?", id).Returning("*").Scan(ctx)
	return a, dbErr("delete app", err)
}

// AppByID returns one app.
func (s *Store) AppByID(ctx context.Context, id string) (App, error) {
	var a App
	err := s.db.NewSelect().Model(&a).Where("id = ?", id).Scan(ctx)
	return a, dbErr("app by id", err)
}

// AppByClientID returns the OpenID Connect app with this client id.
func (s *Store) AppByClientID(ctx context.Context, clientID string) (App, error) {
	var a App
	err := s.db.NewSelect().Model(&a).Where("client_id = ? AND kind = ?", clientID, AppOIDC).Scan(ctx)
	return a, dbErr("app by client id", err)
}

// ListApps returns every app by name.
func (s *Store) ListApps(ctx context.Context) ([]App, error) {
	out := []App{}
	err := s.db.NewSelect().Model(&out).Order("name", "id").Scan(ctx)
	return out, dbErr("list apps", err)
}

// AppAdmits reports whether the contact passes the app's rule now (false for a disabled
// contact or an app that does not exist).
func (s *Store) AppAdmits(ctx context.Context, appID, contactID string) (bool, error) {
	var ok bool
	err := s.db.NewRaw("SELECT gatehouse_app_admits(?::uuid, ?::uuid)", appID, contactID).Scan(ctx, &ok)
	return ok, dbErr("app admits", err)
}

// AppsAdmitting lists the apps a contact can open now, by name.
func (s *Store) AppsAdmitting(ctx context.Context, contactID string) ([]App, error) {
	out := []App{}
	err := s.db.NewSelect().Model(&out).Where("gatehouse_app_admits(a.id, ?::uuid)", contactID).Order("name", "id").Scan(ctx)
	return out, dbErr("apps admitting", err)
}

// PublicClientOrigins reports whether origin (scheme://host[:port]) is the origin of a
// redirect URI of a public client: the only callers that get CORS on the token, userinfo and
// key endpoints.
func (s *Store) PublicClientOrigins(ctx context.Context, origin string) (bool, error) {
	var ok bool
	err := s.db.NewRaw(`SELECT EXISTS (SELECT 1 FROM apps, unnest(redirect_uris) u
		WHERE kind = 'oidc' AND client_secret_hash IS NULL AND (u = ?0 OR u LIKE ?1))`,
		origin, escapeLike(origin)+"/%").Scan(ctx, &ok)
	return ok, dbErr("public client origins", err)
}

// AppSignIn is the last time a contact signed in to an app.
type AppSignIn struct {
	AppID   string    `bun:"app_id"`
	AppName string    `bun:"app_name"`
	AppKind string    `bun:"app_kind"`
	FirstAt time.Time `bun:"first_at"`
	LastAt  time.Time `bun:"last_at"`
	Count   int       `bun:"count"`
}

// RecordAppSignIn notes that a contact signed in to an app at now.
func (s *Store) RecordAppSignIn(ctx context.Context, appID, contactID string, now time.Time) error {
	_, err := s.db.NewRaw(`INSERT INTO app_sign_ins AS s (app_id, contact_id, first_at, last_at) VALUES (?0, ?1, ?2, ?2)
		ON CONFLICT (contact_id, app_id) DO UPDATE SET last_at = ?2, count = s.count + 1`, appID, contactID, now).Exec(ctx)
	return dbErr("record app sign-in", err)
}

// ContactAppSignIns lists the apps a contact signed in to, most recent first.
func (s *Store) ContactAppSignIns(ctx context.Context, contactID string) ([]AppSignIn, error) {
	out := []AppSignIn{}
	err := s.db.NewRaw(`SELECT s.app_id, a.name AS app_name, a.kind AS app_kind, s.first_at, s.last_at, s.count
		FROM app_sign_ins s JOIN apps a ON a.id = s.app_id WHERE s.contact_id = ? ORDER BY s.last_at DESC`, contactID).Scan(ctx, &out)
	return out, dbErr("contact app sign-ins", err)
}
