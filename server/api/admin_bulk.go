package api

import (
	"context"
	"encoding/csv"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/bulk"
	"gatehouse/server/desk"
	"gatehouse/server/store"
)

type bulkFilter struct {
	Q           string `json:"q"`
	OfferID     string `json:"offer_id"`
	CommunityID string `json:"community_id"`
	Status      string `json:"status"`
}

type bulkRequest struct {
	Action      string      `json:"action"`
	OfferID     string      `json:"offer_id"`
	CommunityID string      `json:"community_id"`
	Filter      *bulkFilter `json:"filter"`
	ContactIDs  []string    `json:"contact_ids"`
	DryRun      bool        `json:"dry_run"`
}

func (r bulkRequest) request() (bulk.Request, error) {
	out := bulk.Request{Action: r.Action, OfferID: r.OfferID, CommunityID: r.CommunityID, ContactIDs: r.ContactIDs}
	fields := map[string]string{}
	for name, v := range map[string]string{"offer_id": r.OfferID, "community_id": r.CommunityID} {
		if v != "" && !uuidPattern.MatchString(v) {
			fields[name] = "Not an id."
		}
	}
	for _, id := range r.ContactIDs {
		if !uuidPattern.MatchString(id) {
			fields["contact_ids"] = "Not a list of contact ids."
			break
		}
	}
	if r.Filter != nil {
		f := r.Filter
		if (f.OfferID != "" && !uuidPattern.MatchString(f.OfferID)) || (f.CommunityID != "" && !uuidPattern.MatchString(f.CommunityID)) || !contactStatuses[f.Status] || len(f.Q) > 200 {
			fields["filter"] = "The filter is not valid."
		}
		out.Filter = &store.ContactFilter{Q: f.Q, OfferID: f.OfferID, CommunityID: f.CommunityID, Status: f.Status}
		if len(r.ContactIDs) > 0 {
			fields["contact_ids"] = "Give a filter or contact ids, not both."
		}
	}
	if len(fields) > 0 {
		return out, validation(fields)
	}
	return out, nil
}

type standingJSON struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
}

// startBulk dry-runs (counts per class, with a sample) or starts a bulk operation.
func (s *Server) startBulk(c *fiber.Ctx) error {
	var req bulkRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	r, err := req.request()
	if err != nil {
		return err
	}
	if req.DryRun {
		p, err := s.Bulk.DryRun(c.UserContext(), actor(c), r)
		if err != nil {
			return err
		}
		sample := map[string][]standingJSON{}
		for class, list := range p.Sample {
			for _, st := range list {
				sample[class] = append(sample[class], standingJSON{ID: st.ID, Email: st.Email, Name: st.Name})
			}
		}
		return c.JSON(fiber.Map{"id": "", "dry_run": true, "total": p.Total, "counts": p.Counts, "sample": sample})
	}
	op, err := s.Bulk.Start(c.UserContext(), actor(c), r)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(fiber.Map{"id": op.ID, "total": op.Total, "status": op.Status, "counts": fiber.Map{}})
}

type bulkJSON struct {
	ID          string         `json:"id"`
	Action      string         `json:"action"`
	OfferID     string         `json:"offer_id"`
	CommunityID string         `json:"community_id"`
	Status      string         `json:"status"`
	Done        int            `json:"done"`
	Total       int            `json:"total"`
	Counts      map[string]int `json:"counts,omitempty"`
	StopReason  string         `json:"stop_reason,omitempty"` // why a stopped run stopped on its own
	CreatedAt   time.Time      `json:"created_at"`
	FinishedAt  *time.Time     `json:"finished_at"`
}

func toBulkJSON(op store.BulkOperation) bulkJSON {
	return bulkJSON{ID: op.ID, Action: op.Action, OfferID: op.OfferID, CommunityID: op.CommunityID, Status: op.Status,
		Done: op.Done, Total: op.Total, StopReason: op.StopReason, CreatedAt: op.CreatedAt, FinishedAt: timePtr(op.FinishedAt)}
}

// getBulk is an operation's progress and its counts by outcome so far.
func (s *Server) getBulk(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	op, err := s.Store.BulkOperationByID(c.UserContext(), id, false)
	if err != nil {
		return err
	}
	out := toBulkJSON(op)
	if out.Counts, err = s.Store.BulkCounts(c.UserContext(), id); err != nil {
		return err
	}
	return c.JSON(out)
}

func (s *Server) listBulk(c *fiber.Ctx) error {
	p, err := newestPage(c, 50, 200)
	if err != nil {
		return err
	}
	list, err := s.Store.ListBulkOperations(c.UserContext(), p)
	if err != nil {
		return err
	}
	list, next := pageOf(list, p, func(op store.BulkOperation) (time.Time, string) { return op.CreatedAt, op.ID })
	items := make([]bulkJSON, 0, len(list))
	for _, op := range list {
		items = append(items, toBulkJSON(op))
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": next})
}

func (s *Server) cancelBulk(c *fiber.Ctx) error { return s.bulkControl(c, s.Bulk.Cancel) }
func (s *Server) resumeBulk(c *fiber.Ctx) error { return s.bulkControl(c, s.Bulk.Resume) }

func (s *Server) bulkControl(c *fiber.Ctx, act func(context.Context, desk.Actor, string) error) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := emptyBody(c); err != nil {
		return err
	}
	if err := act(c.UserContext(), actor(c), id); err != nil {
		return err
	}
	return s.getBulk(c)
}

// bulkReport is the per-contact CSV report of an operation.
func (s *Server) bulkReport(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	op, err := s.Store.BulkOperationByID(c.UserContext(), id, false)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="gatehouse-bulk-`+op.Action+`-`+op.CreatedAt.UTC().Format("20060102-150405")+`.csv"`)
	w := csv.NewWriter(c.Response().BodyWriter())
	_ = w.Write([]string{"row", "email", "name", "outcome", "detail", "time"})
	for after := 0; ; {
		rows, err := s.Store.BulkReport(c.UserContext(), id, after, 1000)
		if err != nil {
			return err
		}
		for _, r := range rows {
			when := ""
			if r.DoneAt.Year() > 1970 {
				when = r.DoneAt.UTC().Format(time.RFC3339)
			}
			_ = w.Write(csvSafe(strconv.Itoa(r.Seq), r.Email, r.Name, r.Outcome, r.Detail, when))
			after = r.Seq
		}
		if len(rows) < 1000 {
			break
		}
	}
	w.Flush()
	return w.Error()
}
