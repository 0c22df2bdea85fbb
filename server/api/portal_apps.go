package api

import (
	"errors"
	"net/url"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/apps"
	"gatehouse/server/oidcprovider"
	"gatehouse/server/store"
)

// portalApps lists the apps and sites the member can open now, with where "Open" leads.
func (s *Server) portalApps(c *fiber.Ctx) error {
	sess, _ := currentSession(c)
	list, err := s.Store.AppsAdmitting(c.UserContext(), sess.ContactID)
	if err != nil {
		return err
	}
	items := make([]appLinkJSON, 0, len(list))
	for _, a := range list {
		items = append(items, appLinkJSON{ID: a.ID, Name: a.Name, Kind: a.Kind, URL: apps.LaunchURL(a)})
	}
	return c.JSON(fiber.Map{"items": items})
}

// appsByOffer says which of the apps a contact can open each offer opens: those whose rule
// names the offer, or a community the offer includes.
func (s *Server) appsByOffer(c *fiber.Ctx, contactID string, offerIDs []string) (map[string][]appLinkJSON, error) {
	ctx := c.UserContext()
	out := map[string][]appLinkJSON{}
	open, err := s.Store.AppsAdmitting(ctx, contactID)
	if err != nil || len(open) == 0 {
		return out, err
	}
	for _, offerID := range offerIDs {
		communities, err := s.Store.OfferCommunityIDs(ctx, offerID)
		if err != nil {
			return nil, err
		}
		for _, a := range open {
			opens := slices.Contains(a.RuleOfferIDs, offerID) ||
				slices.ContainsFunc(communities, func(id string) bool { return slices.Contains(a.RuleCommunityIDs, id) })
			if opens {
				out[offerID] = append(out[offerID], appLinkJSON{ID: a.ID, Name: a.Name, Kind: a.Kind, URL: apps.LaunchURL(a)})
			}
		}
	}
	return out, nil
}

// portalAppAccess is the page a member sees when an app's rule does not let them in: the
// app's name, the offers they hold, and whom to ask.
func (s *Server) portalAppAccess(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	sess, _ := currentSession(c)
	a, err := s.Store.AppByID(ctx, id)
	if err != nil {
		return err
	}
	ok, err := s.Store.AppAdmits(ctx, a.ID, sess.ContactID)
	if err != nil {
		return err
	}
	grants, err := s.Store.ActiveGrants(ctx, sess.ContactID)
	if err != nil {
		return err
	}
	offers := []string{}
	for _, g := range grants {
		if g.Offer != nil && g.Offer.ArchivedAt.IsZero() {
			offers = append(offers, g.Offer.Name)
		}
	}
	st, err := s.Store.Settings(ctx)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"app": fiber.Map{"id": a.ID, "name": a.Name, "url": apps.LaunchURL(a)}, "admitted": ok,
		"offers": offers, "support_email": st.SupportEmail, "portal_name": st.PortalName})
}

// signInTarget names the app a sign-in is for, so the login page can say "Sign in to continue
// to {app}". It reads the app from the server-side step the login returns to (never from a
// name in the address, which anyone could write).
func (s *Server) signInTarget(c *fiber.Ctx) error {
	next, err := url.Parse(c.Query("next"))
	if err != nil || next.Host != "" || next.Scheme != "" {
		return fiber.ErrNotFound
	}
	var a store.App
	switch next.Path {
	case oidcprovider.LoginPath:
		pd, err := s.OIDC.Pending(c.UserContext(), next.Query().Get("id"))
		if errors.Is(err, oidcprovider.ErrNoRequest) {
			return fiber.ErrNotFound
		}
		if err != nil {
			return err
		}
		a = pd.App
	case "/forward-auth/start":
		id := next.Query().Get("app")
		if !uuidPattern.MatchString(id) {
			return fiber.ErrNotFound
		}
		if a, err = s.Store.AppByID(c.UserContext(), id); err != nil {
			return err
		}
	default:
		return fiber.ErrNotFound
	}
	return c.JSON(fiber.Map{"app": fiber.Map{"id": a.ID, "name": strings.TrimSpace(a.Name)}})
}
