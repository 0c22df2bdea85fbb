package api

import (
	"errors"
	"sort"
	"time"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/sync/errgroup"

	"gatehouse/server/mail"
	"gatehouse/server/store"
)

type welcomeStatusJSON struct {
	ID        string    `json:"id"`
	Status    string    `json:"status"`
	Reason    string    `json:"status_reason"`
	CreatedAt time.Time `json:"created_at"`
}

type grantJSON struct {
	OfferID      string             `json:"offer_id"`
	OfferName    string             `json:"offer_name"`
	Archived     bool               `json:"archived"`
	GrantedAt    time.Time          `json:"granted_at"`
	WelcomeEmail *welcomeStatusJSON `json:"welcome_email"`
}

type suppressionJSON struct {
	Reason    string    `json:"reason"`
	CreatedAt time.Time `json:"created_at"`
}

type contactDetail struct {
	contactListItem
	FailedLogins      int                   `json:"failed_logins"`
	LockedUntil       *time.Time            `json:"locked_until"`
	ActiveSessions    int                   `json:"active_sessions"`
	PendingLinks      int                   `json:"pending_links"`
	PasswordSet       bool                  `json:"password_set"`
	PasswordTemporary bool                  `json:"password_temporary"`
	Suppression       *suppressionJSON      `json:"suppression"`
	Offers            []grantJSON           `json:"offers"`
	Communities       []portalCommunityJSON `json:"communities"`
}

// getContact is the contact record: everything that explains whether the member can get in.
func (s *Server) getContact(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	ct, err := s.Store.ContactByID(ctx, id)
	if err != nil {
		return err
	}
	now := s.Now()
	out := contactDetail{contactListItem: toListItem(ct), FailedLogins: ct.FailedLogins, LockedUntil: timePtr(ct.LockedUntil),
		PasswordSet: ct.PasswordHash != "", PasswordTemporary: ct.PasswordTemporary, Offers: []grantJSON{}, Communities: []portalCommunityJSON{}}
	if ct.LockedUntil.Before(now) {
		out.LockedUntil = nil
	}
	var g errgroup.Group
	g.Go(func() error {
		sessions, err := s.Store.LiveSessions(ctx, id, now)
		out.ActiveSessions = len(sessions)
		return err
	})
	g.Go(func() (err error) {
		out.PendingLinks, err = s.Store.PendingTokens(ctx, id, now)
		return err
	})
	g.Go(func() error {
		sup, err := s.Store.SuppressionFor(ctx, ct.Email)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		out.Suppression = &suppressionJSON{Reason: sup.Reason, CreatedAt: sup.CreatedAt}
		return err
	})
	g.Go(func() error {
		cs, err := s.Store.ContactCommunities(ctx, id)
		for _, cc := range cs {
			out.Communities = append(out.Communities, portalCommunityJSON{ID: cc.ID, Name: cc.Name, Description: cc.Description, URL: cc.URL, Direct: cc.Direct, ViaOffers: cc.ViaOffers})
		}
		return err
	})
	g.Go(func() error {
		grants, err := s.Store.ActiveGrants(ctx, id)
		if err != nil {
			return err
		}
		welcomes, err := s.Store.LatestEmailPerOffer(ctx, id, mail.KindWelcome)
		for _, gr := range grants {
			item := grantJSON{OfferID: gr.OfferID, OfferName: gr.Offer.Name, Archived: !gr.Offer.ArchivedAt.IsZero(), GrantedAt: gr.GrantedAt}
			if e, ok := welcomes[gr.OfferID]; ok {
				item.WelcomeEmail = &welcomeStatusJSON{ID: e.ID, Status: e.Status, Reason: e.StatusReason, CreatedAt: e.CreatedAt}
			}
			out.Offers = append(out.Offers, item)
		}
		return err
	})
	if err := g.Wait(); err != nil {
		return err
	}
	if out.Suppression != nil && !ct.Disabled() {
		out.Status = store.StatusSuppressed
	}
	return c.JSON(out)
}

type contactEventJSON struct {
	Type       string         `json:"type"` // "request" (self-service) or "action" (staff)
	Action     string         `json:"action"`
	Outcome    string         `json:"outcome,omitempty"`
	ActorEmail string         `json:"actor_email,omitempty"`
	ActorKind  string         `json:"actor_kind,omitempty"`  // staff, workflow, bulk, import, api
	ActorLabel string         `json:"actor_label,omitempty"` // a workflow's or key's name, an import's file
	IP         string         `json:"ip"`
	Detail     map[string]any `json:"detail,omitempty"`
	CreatedAt  time.Time      `json:"created_at"`
}

// contactEvents is the contact's history: their self-service requests and staff actions on
// them, newest first, so staff can answer "I never got it".
func (s *Server) contactEvents(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	if _, err := s.Store.ContactByID(ctx, id); err != nil {
		return err
	}
	reqs, err := s.Store.ListAccessRequests(ctx, id, store.Page{Limit: 100})
	if err != nil {
		return err
	}
	audit, err := s.Store.ListAudit(ctx, store.AuditFilter{ContactID: id, Limit: 100})
	if err != nil {
		return err
	}
	items := make([]contactEventJSON, 0, len(reqs)+len(audit))
	for _, r := range reqs {
		items = append(items, contactEventJSON{Type: "request", Action: r.Kind, Outcome: r.Outcome, IP: r.IP, CreatedAt: r.CreatedAt})
	}
	for _, a := range audit {
		items = append(items, contactEventJSON{Type: "action", Action: a.Action, ActorEmail: a.ActorEmail, ActorKind: a.ActorKind, ActorLabel: a.ActorLabel, IP: a.IP, Detail: a.Detail, CreatedAt: a.CreatedAt})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].CreatedAt.After(items[j].CreatedAt) })
	return c.JSON(fiber.Map{"items": items, "next_cursor": ""})
}
