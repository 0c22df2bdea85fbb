package api

import (
	"regexp"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/mail"
	"gatehouse/server/store"
)

type emailEventJSON struct {
	Type       string    `json:"type"`
	Detail     string    `json:"detail"`
	OccurredAt time.Time `json:"occurred_at"`
}

type emailJSON struct {
	ID           string           `json:"id"`
	ContactID    string           `json:"contact_id"`
	To           string           `json:"to"`
	Kind         string           `json:"kind"`
	OfferID      string           `json:"offer_id"`
	Subject      string           `json:"subject"`
	Status       string           `json:"status"`
	StatusReason string           `json:"status_reason"`
	Attempts     int              `json:"attempts"`
	CreatedAt    time.Time        `json:"created_at"`
	SentAt       *time.Time       `json:"sent_at"`
	Events       []emailEventJSON `json:"events"`
	// The text part with the one-time link masked: what was sent, minus the secret.
	Preview string `json:"preview"`
}

func (s *Server) contactEmails(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if _, err := s.Store.ContactByID(c.UserContext(), id); err != nil {
		return err
	}
	return s.emailPage(c, store.EmailFilter{ContactID: id})
}

// listEmails is the portal-wide email log: filter by status, kind, contact and date (from, to:
// YYYY-MM-DD, to inclusive), search by address (q).
func (s *Server) listEmails(c *fiber.Ctx) error {
	f := store.EmailFilter{Status: c.Query("status"), Kind: c.Query("kind"), To: c.Query("q"), ContactID: c.Query("contact_id")}
	fields := map[string]string{}
	if len(f.Status) > 40 || len(f.Kind) > 40 || len(f.To) > 200 {
		fields["status"] = "Unknown filter."
	}
	if f.ContactID != "" && !uuidPattern.MatchString(f.ContactID) {
		fields["contact_id"] = "Not a contact id."
	}
	f.From, f.Until = queryDates(c, fields)
	if len(fields) > 0 {
		return validation(fields)
	}
	if f.Status == "stuck" { // what the overview counts as stuck, listed
		f.StuckBefore = s.Now().Add(-stuckAfter)
	}
	return s.emailPage(c, f)
}

// stuckAfter is how long an email may sit queued or sending before staff are told it is stuck:
// credential emails go out within seconds, and even a full bulk lane drains in minutes.
const stuckAfter = 15 * time.Minute

type dayJSON struct {
	Date   string         `json:"date"`
	Counts map[string]int `json:"counts"`
}

// emailOverview is the delivery overview: emails per day by status over the last 30 days, and
// what needs attention (failures, bounces, complaints in the last 7 days; stuck emails;
// suppressed addresses).
func (s *Server) emailOverview(c *fiber.Ctx) error {
	now := s.Now().UTC()
	start := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -29)
	counts, err := s.Store.EmailsPerDay(c.UserContext(), start)
	if err != nil {
		return err
	}
	attention, err := s.Store.EmailAttention(c.UserContext(), now.AddDate(0, 0, -7), now.Add(-stuckAfter))
	if err != nil {
		return err
	}
	days := make([]dayJSON, 30)
	index := map[string]int{}
	for i := range days {
		d := start.AddDate(0, 0, i).Format("2006-01-02")
		days[i] = dayJSON{Date: d, Counts: map[string]int{}}
		index[d] = i
	}
	for _, dc := range counts {
		if i, ok := index[dc.Day.Format("2006-01-02")]; ok {
			days[i].Counts[dc.Status] += dc.N
		}
	}
	return c.JSON(fiber.Map{"days": days, "attention": attention})
}

func (s *Server) emailPage(c *fiber.Ctx, f store.EmailFilter) error {
	list, events, next, err := s.emailsWithEvents(c, f)
	if err != nil {
		return err
	}
	items := make([]emailJSON, 0, len(list))
	for _, e := range list {
		evs := make([]emailEventJSON, 0, len(events[e.ID]))
		for _, ev := range events[e.ID] {
			evs = append(evs, emailEventJSON{Type: ev.Type, Detail: ev.Detail, OccurredAt: ev.OccurredAt})
		}
		items = append(items, emailJSON{
			ID: e.ID, ContactID: e.ContactID, To: e.ToAddress, Kind: e.Kind, OfferID: e.OfferID, Subject: e.Subject,
			Status: e.Status, StatusReason: e.StatusReason, Attempts: e.Attempts, CreatedAt: e.CreatedAt, SentAt: timePtr(e.SentAt),
			Events: evs, Preview: maskedText(e.TextBody),
		})
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": next})
}

// emailsWithEvents reads one page of emails (the request's cursor and limit), newest first,
// and their timelines in one more query, by email id: for the desk's list and the API's.
func (s *Server) emailsWithEvents(c *fiber.Ctx, f store.EmailFilter) ([]store.Email, map[string][]store.EmailEvent, string, error) {
	var err error
	if f.Page, err = newestPage(c, 50, 200); err != nil {
		return nil, nil, "", err
	}
	list, err := s.Store.ListEmails(c.UserContext(), f)
	if err != nil {
		return nil, nil, "", err
	}
	list, next := pageOf(list, f.Page, func(e store.Email) (time.Time, string) { return e.CreatedAt, e.ID })
	ids := make([]string, len(list))
	for i, e := range list {
		ids[i] = e.ID
	}
	events, err := s.Store.EmailEvents(c.UserContext(), ids)
	if err != nil {
		return nil, nil, "", err
	}
	byEmail := map[string][]store.EmailEvent{}
	for _, ev := range events {
		byEmail[ev.EmailID] = append(byEmail[ev.EmailID], ev)
	}
	return list, byEmail, next, nil
}

// maskedText shows where a one-time link was without revealing it.
func maskedText(body string) string {
	body = strings.ReplaceAll(body, mail.LinkPlaceholder, "[one-time link, hidden]")
	return strings.ReplaceAll(body, mail.CodePlaceholder, "[code, hidden]")
}

type mailboxJSON struct {
	ID        string    `json:"id"`
	EmailID   string    `json:"email_id"`
	From      string    `json:"from"`
	To        string    `json:"to"`
	Subject   string    `json:"subject"`
	Text      string    `json:"text"`
	HTML      string    `json:"html,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

func toMailboxJSON(m store.CapturedEmail, withHTML bool) mailboxJSON {
	out := mailboxJSON{ID: m.ID, EmailID: m.EmailID, From: m.FromAddress, To: m.ToAddress, Subject: m.Subject, Text: m.TextBody, CreatedAt: m.CreatedAt}
	if withHTML {
		out.HTML = m.HTMLBody
	}
	return out
}

// listMailbox is the local capture mailbox (no Resend key): what would have been delivered.
func (s *Server) listMailbox(c *fiber.Ctx) error {
	p, err := newestPage(c, 50, 200)
	if err != nil {
		return err
	}
	list, err := s.Store.ListCapturedEmails(c.UserContext(), c.Query("to"), p)
	if err != nil {
		return err
	}
	list, next := pageOf(list, p, func(m store.CapturedEmail) (time.Time, string) { return m.CreatedAt, m.ID })
	items := make([]mailboxJSON, 0, len(list))
	for _, m := range list {
		items = append(items, toMailboxJSON(m, false))
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": next})
}

func (s *Server) getMailbox(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	m, err := s.Store.CapturedEmailByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(toMailboxJSON(m, true))
}

type accessRequestJSON struct {
	ID        string    `json:"id"`
	Kind      string    `json:"kind"`
	Email     string    `json:"email"`
	ContactID string    `json:"contact_id"`
	Outcome   string    `json:"outcome"`
	IP        string    `json:"ip"`
	CreatedAt time.Time `json:"created_at"`
}

// listAccessRequests is the log of self-service requests, including unknown addresses, so
// staff can answer "I never got it".
func (s *Server) listAccessRequests(c *fiber.Ctx) error {
	p, err := newestPage(c, 50, 200)
	if err != nil {
		return err
	}
	contactID := c.Query("contact_id")
	if contactID != "" && !uuidPattern.MatchString(contactID) {
		return validation(map[string]string{"contact_id": "Not a contact id."})
	}
	list, err := s.Store.ListAccessRequests(c.UserContext(), contactID, p)
	if err != nil {
		return err
	}
	list, next := pageOf(list, p, func(r store.AccessRequest) (time.Time, string) { return r.CreatedAt, r.ID })
	items := make([]accessRequestJSON, 0, len(list))
	for _, r := range list {
		items = append(items, accessRequestJSON{ID: r.ID, Kind: r.Kind, Email: r.Email, ContactID: r.ContactID, Outcome: r.Outcome, IP: r.IP, CreatedAt: r.CreatedAt})
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": next})
}

// emailHTML serves an email's HTML for an <iframe> in the admin area. It gets its own policy:
// the email's inline styles may apply, nothing may run (CSP sandbox, no scripts), and only our
// own pages may frame it.
func emailHTML(c *fiber.Ctx, html string) error { return framedHTML(c, html, "sandbox") }

// framedHTML serves html with the given CSP sandbox directive (and no scripts in any case).
func framedHTML(c *fiber.Ctx, html, sandbox string) error {
	c.Set("Content-Security-Policy", sandbox+"; default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors 'self'")
	c.Set("X-Frame-Options", "SAMEORIGIN")
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Type("html", "utf-8")
	return c.SendString(html)
}

// getMailboxHTML is a captured email's HTML as delivered (links included: it is the local
// mailbox, the place a developer reads them). Its links open in a new tab: followed inside
// the frame they would load the portal, which refuses to be framed ("refused to connect").
// The frame may open that tab and nothing else (still no scripts, no forms, no same origin).
func (s *Server) getMailboxHTML(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	m, err := s.Store.CapturedEmailByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	return framedHTML(c, linksInNewTab(m.HTMLBody), "sandbox allow-popups allow-popups-to-escape-sandbox")
}

var htmlHead = regexp.MustCompile(`(?i)<head(\s[^>]*)?>`)

// linksInNewTab makes every link of an HTML document open in a new tab: a <base
// target="_blank"> first thing in its head (or at the very start when it has none).
func linksInNewTab(html string) string {
	const base = `<base target="_blank">`
	if loc := htmlHead.FindStringIndex(html); loc != nil {
		return html[:loc[1]] + base + html[loc[1]:]
	}
	return base + html
}

// getEmailHTML is what an email looked like, with its one-time link masked.
func (s *Server) getEmailHTML(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	e, err := s.Store.EmailByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	return emailHTML(c, maskedText(e.HTMLBody))
}
