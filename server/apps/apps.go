// Package apps holds the places an offer opens: registering them (Admin → Apps), what a
// contact can open, and forward-auth, the check a reverse proxy makes before serving a
// protected site. Signing in to apps with OpenID Connect is oidcprovider's; both ask the same
// rule (gatehouse_app_admits in SQL).
package apps

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"time"

	"gatehouse/server/access"
	"gatehouse/server/store"
)

// ValidationError lists what is wrong with an app's fields (422 with the fields).
type ValidationError struct{ Fields map[string]string }

func (e *ValidationError) Error() string { return "apps: invalid input" }

// ErrNotProxy means a forward-auth request named an app that is not of kind proxy.
var ErrNotProxy = errors.New("apps: not a forward-auth app")

// Rule is who may enter an app: any member, staff only, or holders of any of the offers or
// members of any of the communities.
type Rule struct {
	AnyMember    bool
	StaffOnly    bool
	OfferIDs     []string
	CommunityIDs []string
}

// Input is what staff fill in for an app. Kind and Public are fixed at creation.
type Input struct {
	Name                   string
	Kind                   string
	Public                 bool // OpenID Connect only: no secret, PKCE (S256) only
	RedirectURIs           []string
	PostLogoutRedirectURIs []string
	Hosts                  []string
	LaunchURL              string
	Rule                   Rule
}

// Service registers apps; every change is audited.
type Service struct {
	store  *store.Store
	access *access.Service
	now    func() time.Time
}

// New returns the service.
func New(st *store.Store, acc *access.Service, now func() time.Time) *Service {
	return &Service{store: st, access: acc, now: now}
}

// Created is a new app and, for a confidential OpenID Connect client, its secret: shown
// once, stored only as its SHA-256.
type Created struct {
	App    store.App
	Secret string
}

// Create registers an app.
func (s *Service) Create(ctx context.Context, a access.Actor, in Input) (Created, error) {
	var out Created
	err := s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := validate(ctx, tx, in, true); err != nil {
			return err
		}
		app := store.App{Kind: in.Kind, CreatedBy: a.ID}
		apply(&app, in)
		if in.Kind == store.AppOIDC {
			app.ClientID = "gh_" + random(15)
			if !in.Public {
				out.Secret = "ghs_" + random(32)
				app.ClientSecretHash = hash(out.Secret)
			}
		}
		if err := tx.CreateApp(ctx, &app); err != nil {
			return err
		}
		out.App = app
		return s.audit(ctx, tx, a, "app.create", app, map[string]any{"kind": app.Kind, "public": app.Public()})
	})
	return out, err
}

// Update saves an app's fields (kind and client type stay).
func (s *Service) Update(ctx context.Context, a access.Actor, id string, in Input) (store.App, error) {
	var app store.App
	err := s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		var err error
		if app, err = tx.AppByID(ctx, id); err != nil {
			return err
		}
		in.Kind, in.Public = app.Kind, app.Public()
		if err := validate(ctx, tx, in, false); err != nil {
			return err
		}
		apply(&app, in)
		if err := tx.UpdateApp(ctx, &app); err != nil {
			return err
		}
		// Whoever the new rule leaves out loses the tokens the app holds for them at once.
		if _, err := tx.RevokeAppTokensNotAdmitted(ctx, app.ID, s.now()); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "app.update", app, nil)
	})
	return app, err
}

// RotateSecret gives a confidential client a new secret (shown once); the old one stops
// working at once.
func (s *Service) RotateSecret(ctx context.Context, a access.Actor, id string) (string, error) {
	secret := "ghs_" + random(32)
	err := s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		app, err := tx.AppByID(ctx, id)
		if err != nil {
			return err
		}
		if app.Kind != store.AppOIDC || app.Public() {
			return &ValidationError{Fields: map[string]string{"client_secret": "Only a confidential OpenID Connect app has a secret."}}
		}
		if err := tx.SetAppSecret(ctx, app.ID, hash(secret)); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "app.rotate_secret", app, nil)
	})
	return secret, err
}

// Delete removes an app and everything it issued: tokens, site cookies, sign-in records.
func (s *Service) Delete(ctx context.Context, a access.Actor, id string) error {
	return s.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		app, err := tx.DeleteApp(ctx, id)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "app.delete", app, map[string]any{"kind": app.Kind})
	})
}

func (s *Service) audit(ctx context.Context, tx *store.Store, a access.Actor, action string, app store.App, detail map[string]any) error {
	return s.access.Audit(ctx, tx, a, action, access.Target{Type: "app", ID: app.ID, Label: app.Name}, detail)
}

func apply(app *store.App, in Input) {
	app.Name = clean(in.Name)
	app.RedirectURIs, app.PostLogoutRedirectURIs = in.RedirectURIs, in.PostLogoutRedirectURIs
	app.Hosts = normaliseHosts(in.Hosts)
	app.LaunchURL = in.LaunchURL
	app.RuleAnyMember, app.RuleStaffOnly = in.Rule.AnyMember, in.Rule.StaffOnly
	app.RuleOfferIDs, app.RuleCommunityIDs = in.Rule.OfferIDs, in.Rule.CommunityIDs
}

func random(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("apps: no randomness: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func hash(secret string) []byte {
	sum := sha256.Sum256([]byte(secret))
	return sum[:]
}
