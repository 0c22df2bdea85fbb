package api

import (
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/importer"
	"gatehouse/server/store"
)

type auditJSON struct {
	ID         int64          `json:"id"`
	ActorID    string         `json:"actor_id"`
	ActorEmail string         `json:"actor_email"`
	ActorKind  string         `json:"actor_kind"`  // staff, workflow, bulk, import, api
	ActorRef   string         `json:"actor_ref"`   // the workflow, bulk operation, import or key
	ActorLabel string         `json:"actor_label"` // its name
	Action     string         `json:"action"`
	TargetType string         `json:"target_type"`
	TargetID   string         `json:"target_id"`
	TargetName string         `json:"target_label"` // the target as named at the time
	ContactID  string         `json:"contact_id"`
	Detail     map[string]any `json:"detail"`
	IP         string         `json:"ip"`
	UserAgent  string         `json:"user_agent"`
	CreatedAt  time.Time      `json:"created_at"`
}

// auditFilter reads the audit page's filters: actor_id, action (exact or "prefix."),
// target_id, contact_id, from and to (dates, YYYY-MM-DD, to inclusive), cursor.
func auditFilter(c *fiber.Ctx) (store.AuditFilter, error) {
	f := store.AuditFilter{Action: c.Query("action"), TargetID: c.Query("target_id"), Q: strings.TrimSpace(c.Query("q"))}
	fields := map[string]string{}
	for name, dst := range map[string]*string{"actor_id": &f.ActorID, "contact_id": &f.ContactID} {
		if v := c.Query(name); v != "" {
			if !uuidPattern.MatchString(v) {
				fields[name] = "Not an id."
			}
			*dst = v
		}
	}
	if len(f.Q) > 200 {
		fields["q"] = "Too long."
	}
	if len(f.Action) > 100 || len(f.TargetID) > 100 {
		fields["action"] = "Too long."
	}
	f.From, f.To = queryDates(c, fields)
	if cur := c.Query("cursor"); cur != "" {
		id, err := strconv.ParseInt(cur, 10, 64)
		if err != nil || id <= 0 {
			fields["cursor"] = "This cursor is not valid; start from the first page."
		}
		f.BeforeID = id
	}
	if len(fields) > 0 {
		return f, validation(fields)
	}
	return f, nil
}

func (s *Server) listAudit(c *fiber.Ctx) error {
	f, err := auditFilter(c)
	if err != nil {
		return err
	}
	limit, err := queryLimit(c, 50, 500)
	if err != nil {
		return err
	}
	f.Limit = limit + 1
	list, err := s.Store.ListAudit(c.UserContext(), f)
	if err != nil {
		return err
	}
	next := ""
	if len(list) > limit {
		list = list[:limit]
		next = strconv.FormatInt(list[limit-1].ID, 10)
	}
	items := make([]auditJSON, 0, len(list))
	for _, e := range list {
		items = append(items, auditJSON{ID: e.ID, ActorID: e.ActorID, ActorEmail: e.ActorEmail, ActorKind: e.ActorKind, ActorRef: e.ActorRef,
			ActorLabel: e.ActorLabel, Action: e.Action, TargetType: e.TargetType, TargetID: e.TargetID, TargetName: e.TargetLabel, ContactID: e.ContactID, Detail: e.Detail, IP: e.IP, UserAgent: e.UserAgent, CreatedAt: e.CreatedAt})
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": next})
}

// auditCSV exports the filtered audit log (up to 100,000 entries) as CSV.
func (s *Server) auditCSV(c *fiber.Ctx) error {
	f, err := auditFilter(c)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="gatehouse-audit-`+s.Now().UTC().Format("20060102-150405")+`.csv"`)
	w := csv.NewWriter(c.Response().BodyWriter())
	_ = w.Write([]string{"id", "time", "actor_email", "actor_id", "action", "target_type", "target_id", "contact_id", "ip", "user_agent", "detail"})
	for written := 0; written < 100_000; {
		f.Limit = 1000
		page, err := s.Store.ListAudit(c.UserContext(), f)
		if err != nil {
			return err
		}
		for _, e := range page {
			detail, _ := json.Marshal(e.Detail)
			_ = w.Write(csvSafe(strconv.FormatInt(e.ID, 10), e.CreatedAt.UTC().Format(time.RFC3339), e.ActorEmail, e.ActorID, e.Action,
				e.TargetType, e.TargetID, e.ContactID, e.IP, e.UserAgent, string(detail)))
		}
		written += len(page)
		if len(page) < f.Limit {
			break
		}
		f.BeforeID = page[len(page)-1].ID
	}
	w.Flush()
	return w.Error()
}

// csvSafe defuses formula-like cells (see importer.SafeCells).
func csvSafe(cells ...string) []string { return importer.SafeCells(cells...) }
