package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/store"
)

type v1EmailEvent struct {
	Type       string    `json:"type"`
	Detail     string    `json:"detail"`
	OccurredAt time.Time `json:"occurred_at"`
}

type v1Email struct {
	ID           string         `json:"id"`
	Kind         string         `json:"kind"`
	To           string         `json:"to"`
	Subject      string         `json:"subject"`
	OfferID      *string        `json:"offer_id"`
	Status       string         `json:"status"`
	StatusReason string         `json:"status_reason"`
	Attempts     int            `json:"attempts"`
	CreatedAt    time.Time      `json:"created_at"`
	SentAt       *time.Time     `json:"sent_at"`
	Events       []v1EmailEvent `json:"events"`
}

// v1ContactEmails lists the contact's emails, newest first, each with its status timeline
// (never its content: it may have carried a link).
func (s *Server) v1ContactEmails(c *fiber.Ctx) error {
	ct, err := s.v1Target(c)
	if err != nil {
		return err
	}
	list, events, next, err := s.emailsWithEvents(c, store.EmailFilter{ContactID: ct.ID})
	if err != nil {
		return err
	}
	items := make([]v1Email, len(list))
	for i, e := range list {
		items[i] = v1Email{ID: e.ID, Kind: e.Kind, To: e.ToAddress, Subject: e.Subject, Status: e.Status, StatusReason: e.StatusReason,
			Attempts: e.Attempts, CreatedAt: e.CreatedAt, SentAt: timePtr(e.SentAt), Events: make([]v1EmailEvent, 0, len(events[e.ID]))}
		if e.OfferID != "" {
			items[i].OfferID = &list[i].OfferID
		}
		for _, ev := range events[e.ID] {
			items[i].Events = append(items[i].Events, v1EmailEvent{Type: ev.Type, Detail: ev.Detail, OccurredAt: ev.OccurredAt})
		}
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": next})
}

type v1Offer struct {
	ID          string `json:"id"`
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Archived    bool   `json:"archived"`
}

// v1Offers lists the offers (archived ones with ?include_archived=true), by name.
func (s *Server) v1Offers(c *fiber.Ctx) error {
	archived, err := includeArchived(c)
	if err != nil {
		return err
	}
	list, err := s.Store.ListOffers(c.UserContext(), archived)
	if err != nil {
		return err
	}
	items := make([]v1Offer, len(list))
	for i, o := range list {
		items[i] = v1Offer{ID: o.ID, Slug: o.Slug, Name: o.Name, Description: o.Description, Archived: !o.ArchivedAt.IsZero()}
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": ""})
}

type v1Community struct {
	ID          string `json:"id"`
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
	URL         string `json:"url"`
	Archived    bool   `json:"archived"`
}

// v1Communities lists the communities (archived ones with ?include_archived=true), by name.
func (s *Server) v1Communities(c *fiber.Ctx) error {
	archived, err := includeArchived(c)
	if err != nil {
		return err
	}
	list, err := s.Store.ListCommunities(c.UserContext(), archived)
	if err != nil {
		return err
	}
	items := make([]v1Community, len(list))
	for i, x := range list {
		items[i] = v1Community{ID: x.ID, Slug: x.Slug, Name: x.Name, Description: x.Description, URL: x.URL, Archived: !x.ArchivedAt.IsZero()}
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": ""})
}

func includeArchived(c *fiber.Ctx) (bool, error) {
	switch c.Query("include_archived") {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	}
	return false, validation(map[string]string{"include_archived": "Use true or false."})
}
