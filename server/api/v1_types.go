package api

import (
	"context"
	"errors"
	"time"

	"golang.org/x/sync/errgroup"

	"gatehouse/server/mail"
	"gatehouse/server/store"
)

// The machine API's answers (openapi.json describes each; tests validate every answer
// against it). They are their own types, not the desk's: the desk may change its screens, the
// API may not change its contract.

type v1Access struct {
	PasswordSet       bool       `json:"password_set"`
	Disabled          bool       `json:"disabled"`
	Suppressed        bool       `json:"suppressed"`
	SuppressionReason *string    `json:"suppression_reason"`
	LockedUntil       *time.Time `json:"locked_until"`
	FailedLogins      int        `json:"failed_logins"`
	ActiveSessions    int        `json:"active_sessions"`
	PendingLinks      int        `json:"pending_links"`
}

type v1WelcomeEmail struct {
	ID        string    `json:"id"`
	Status    string    `json:"status"`
	CreatedAt time.Time `json:"created_at"`
}

type v1Holding struct {
	OfferID      string          `json:"offer_id"`
	Slug         string          `json:"slug"`
	Name         string          `json:"name"`
	GrantedAt    time.Time       `json:"granted_at"`
	WelcomeEmail *v1WelcomeEmail `json:"welcome_email"`
}

type v1Membership struct {
	CommunityID string   `json:"community_id"`
	Slug        string   `json:"slug"`
	Name        string   `json:"name"`
	Direct      bool     `json:"direct"`
	ViaOffers   []string `json:"via_offers"`
}

type v1Contact struct {
	ID          string         `json:"id"`
	Email       string         `json:"email"`
	Name        string         `json:"name"`
	Phone       string         `json:"phone"`
	Tags        []string       `json:"tags"`
	ExternalID  *string        `json:"external_id"`
	Status      string         `json:"status"` // invited (never signed in), active, disabled, suppressed
	LastLoginAt *time.Time     `json:"last_login_at"`
	CreatedAt   time.Time      `json:"created_at"`
	UpdatedAt   time.Time      `json:"updated_at"`
	Access      v1Access       `json:"access"`
	Offers      []v1Holding    `json:"offers"`
	Communities []v1Membership `json:"communities"`
}

// v1ContactOf reads everything the API says about a contact: its access status, the offers it
// holds (with each one's latest welcome email) and its communities.
func (s *Server) v1ContactOf(ctx context.Context, ct store.Contact) (v1Contact, error) {
	now := s.Now()
	out := v1Contact{ID: ct.ID, Email: ct.Email, Name: ct.Name, Phone: ct.Phone, Tags: ct.Tags, Status: store.StatusActive,
		LastLoginAt: timePtr(ct.LastLoginAt), CreatedAt: ct.CreatedAt, UpdatedAt: ct.UpdatedAt,
		Access: v1Access{PasswordSet: ct.PasswordHash != "", Disabled: ct.Disabled(), FailedLogins: ct.FailedLogins},
		Offers: []v1Holding{}, Communities: []v1Membership{}}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	if ct.ExternalID != "" {
		out.ExternalID = &ct.ExternalID
	}
	if ct.LockedUntil.After(now) {
		out.Access.LockedUntil = &ct.LockedUntil
	}
	var g errgroup.Group
	g.Go(func() error {
		sessions, err := s.Store.LiveSessions(ctx, ct.ID, now)
		out.Access.ActiveSessions = len(sessions)
		return err
	})
	g.Go(func() (err error) {
		out.Access.PendingLinks, err = s.Store.PendingTokens(ctx, ct.ID, now)
		return err
	})
	g.Go(func() error {
		sup, err := s.Store.SuppressionFor(ctx, ct.Email)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		out.Access.Suppressed, out.Access.SuppressionReason = err == nil, &sup.Reason
		return err
	})
	g.Go(func() error {
		cs, err := s.Store.ContactCommunities(ctx, ct.ID)
		for _, cc := range cs {
			out.Communities = append(out.Communities, v1Membership{CommunityID: cc.ID, Slug: cc.Slug, Name: cc.Name, Direct: cc.Direct, ViaOffers: nonNil(cc.ViaOffers)})
		}
		return err
	})
	g.Go(func() error {
		grants, err := s.Store.ActiveGrants(ctx, ct.ID)
		if err != nil {
			return err
		}
		welcomes, err := s.Store.LatestEmailPerOffer(ctx, ct.ID, mail.KindWelcome)
		for _, gr := range grants {
			h := v1Holding{OfferID: gr.OfferID, Slug: gr.Offer.Slug, Name: gr.Offer.Name, GrantedAt: gr.GrantedAt}
			if e, ok := welcomes[gr.OfferID]; ok {
				h.WelcomeEmail = &v1WelcomeEmail{ID: e.ID, Status: e.Status, CreatedAt: e.CreatedAt}
			}
			out.Offers = append(out.Offers, h)
		}
		return err
	})
	if err := g.Wait(); err != nil {
		return out, err
	}
	switch {
	case ct.Disabled():
		out.Status = store.StatusDisabled
	case out.Access.Suppressed:
		out.Status = store.StatusSuppressed
	case ct.LastLoginAt.IsZero():
		out.Status = store.StatusInvited
	}
	if !out.Access.Suppressed {
		out.Access.SuppressionReason = nil
	}
	return out, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
