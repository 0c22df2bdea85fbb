package api

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/apps"
	"gatehouse/server/store"
)

type appRuleJSON struct {
	AnyMember    bool     `json:"any_member"`
	StaffOnly    bool     `json:"staff_only"`
	OfferIDs     []string `json:"offer_ids"`
	CommunityIDs []string `json:"community_ids"`
}

type appJSON struct {
	ID                     string      `json:"id"`
	Name                   string      `json:"name"`
	Kind                   string      `json:"kind"`
	ClientID               string      `json:"client_id,omitempty"`
	Public                 bool        `json:"public"`
	RedirectURIs           []string    `json:"redirect_uris"`
	PostLogoutRedirectURIs []string    `json:"post_logout_redirect_uris"`
	Hosts                  []string    `json:"hosts"`
	LaunchURL              string      `json:"launch_url"`
	OpenURL                string      `json:"open_url"` // where "Open" leads (launch_url, or a default)
	Rule                   appRuleJSON `json:"rule"`
	CreatedAt              time.Time   `json:"created_at"`
	UpdatedAt              time.Time   `json:"updated_at"`
	// Set once, in the answer to the request that made it.
	ClientSecret string `json:"client_secret,omitempty"`
}

func toAppJSON(a store.App) appJSON {
	return appJSON{ID: a.ID, Name: a.Name, Kind: a.Kind, ClientID: a.ClientID, Public: a.Public(),
		RedirectURIs: a.RedirectURIs, PostLogoutRedirectURIs: a.PostLogoutRedirectURIs, Hosts: a.Hosts,
		LaunchURL: a.LaunchURL, OpenURL: apps.LaunchURL(a), CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt,
		Rule: appRuleJSON{AnyMember: a.RuleAnyMember, StaffOnly: a.RuleStaffOnly, OfferIDs: a.RuleOfferIDs, CommunityIDs: a.RuleCommunityIDs}}
}

type appRequest struct {
	Name                   string       `json:"name"`
	Kind                   string       `json:"kind"`
	Public                 bool         `json:"public"`
	RedirectURIs           []string     `json:"redirect_uris"`
	PostLogoutRedirectURIs []string     `json:"post_logout_redirect_uris"`
	Hosts                  []string     `json:"hosts"`
	LaunchURL              string       `json:"launch_url"`
	Rule                   *appRuleJSON `json:"rule"`
}

func (r appRequest) input() (apps.Input, error) {
	in := apps.Input{Name: r.Name, Kind: r.Kind, Public: r.Public, RedirectURIs: r.RedirectURIs,
		PostLogoutRedirectURIs: r.PostLogoutRedirectURIs, Hosts: r.Hosts, LaunchURL: strings.TrimSpace(r.LaunchURL)}
	if r.Rule == nil {
		return in, validation(map[string]string{"rule": "Say who may enter: any member, staff only, or the holders of some offers or members of some communities."})
	}
	for _, id := range append(append([]string{}, r.Rule.OfferIDs...), r.Rule.CommunityIDs...) {
		if !uuidPattern.MatchString(id) {
			return in, validation(map[string]string{"rule": "Not an offer or community id."})
		}
	}
	in.Rule = apps.Rule{AnyMember: r.Rule.AnyMember, StaffOnly: r.Rule.StaffOnly, OfferIDs: r.Rule.OfferIDs, CommunityIDs: r.Rule.CommunityIDs}
	return in, nil
}

// appsMeta is what staff copy into an app or a proxy's configuration.
type appsMeta struct {
	Issuer       string `json:"issuer"`
	Discovery    string `json:"discovery_url"`
	ForwardAuth  string `json:"forward_auth_url"`
	CallbackPath string `json:"callback_path"`
}

func (s *Server) appsMeta() appsMeta {
	base := strings.TrimSuffix(s.Config.PublicURL.String(), "/")
	return appsMeta{Issuer: base, Discovery: base + "/.well-known/openid-configuration",
		ForwardAuth: base + "/forward-auth", CallbackPath: apps.CallbackPath}
}

func (s *Server) listApps(c *fiber.Ctx) error {
	list, err := s.Store.ListApps(c.UserContext())
	if err != nil {
		return err
	}
	items := make([]appJSON, 0, len(list))
	for _, a := range list {
		items = append(items, toAppJSON(a))
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": "", "meta": s.appsMeta()})
}

func (s *Server) getApp(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	a, err := s.Store.AppByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"app": toAppJSON(a), "meta": s.appsMeta()})
}

// createApp registers an app; a confidential OpenID Connect client's secret is in this answer
// and nowhere else, ever.
func (s *Server) createApp(c *fiber.Ctx) error {
	var req appRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	in, err := req.input()
	if err != nil {
		return err
	}
	created, err := s.Apps.Create(c.UserContext(), actor(c), in)
	if err != nil {
		return err
	}
	j := toAppJSON(created.App)
	j.ClientSecret = created.Secret
	return c.Status(fiber.StatusCreated).JSON(j)
}

func (s *Server) updateApp(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var req appRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	in, err := req.input()
	if err != nil {
		return err
	}
	a, err := s.Apps.Update(c.UserContext(), actor(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(toAppJSON(a))
}

func (s *Server) deleteApp(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.Apps.Delete(c.UserContext(), actor(c), id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// rotateAppSecret gives a confidential client a new secret, shown once.
func (s *Server) rotateAppSecret(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := emptyBody(c); err != nil {
		return err
	}
	secret, err := s.Apps.RotateSecret(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"client_secret": secret})
}

type appLinkJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
	URL  string `json:"url"`
}

type appSignInJSON struct {
	AppID   string    `json:"app_id"`
	Name    string    `json:"name"`
	Kind    string    `json:"kind"`
	FirstAt time.Time `json:"first_at"`
	LastAt  time.Time `json:"last_at"`
	Count   int       `json:"count"`
}

// contactApps is the contact record's apps: those the contact can open now, and those they
// signed in to (when last).
func (s *Server) contactApps(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	if _, err := s.Store.ContactByID(ctx, id); err != nil {
		return err
	}
	open, err := s.Store.AppsAdmitting(ctx, id)
	if err != nil {
		return err
	}
	signedIn, err := s.Store.ContactAppSignIns(ctx, id)
	if err != nil {
		return err
	}
	canOpen := make([]appLinkJSON, 0, len(open))
	for _, a := range open {
		canOpen = append(canOpen, appLinkJSON{ID: a.ID, Name: a.Name, Kind: a.Kind, URL: apps.LaunchURL(a)})
	}
	used := make([]appSignInJSON, 0, len(signedIn))
	for _, x := range signedIn {
		used = append(used, appSignInJSON{AppID: x.AppID, Name: x.AppName, Kind: x.AppKind, FirstAt: x.FirstAt, LastAt: x.LastAt, Count: x.Count})
	}
	return c.JSON(fiber.Map{"can_open": canOpen, "signed_in": used})
}
