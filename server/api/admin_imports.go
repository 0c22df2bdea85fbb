package api

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"mime"
	"mime/multipart"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"gatehouse/server/importer"
	"gatehouse/server/store"
)

const importPath = "/api/admin/imports"

type importJSON struct {
	ID         string          `json:"id"`
	Filename   string          `json:"filename"`
	Status     string          `json:"status"`
	DryRun     bool            `json:"dry_run"`
	Total      int             `json:"total"`
	Done       int             `json:"done"`
	Counts     json.RawMessage `json:"counts"`
	Error      string          `json:"error"`
	Options    json.RawMessage `json:"options"`
	CreatedAt  time.Time       `json:"created_at"`
	FinishedAt *time.Time      `json:"finished_at"`
}

func toImportJSON(im store.Import) importJSON {
	return importJSON{ID: im.ID, Filename: im.Filename, Status: im.Status, DryRun: im.DryRun, Total: im.Total, Done: im.Done,
		Counts: im.Counts, Error: im.Error, Options: im.Options, CreatedAt: im.CreatedAt, FinishedAt: timePtr(im.FinishedAt)}
}

// createImport takes a CSV upload (multipart: file, mapping as JSON, options as JSON, dry_run)
// and queues its dry run (the default) or run. Only an admin's upload may be larger than 1 MiB,
// decided when its headers arrived (bodylimit.go).
func (s *Server) createImport(c *fiber.Ctx) error {
	form, err := importForm(c)
	if err != nil {
		return err
	}
	defer form.RemoveAll()
	files := form.File["file"]
	if len(files) != 1 {
		return validation(map[string]string{"file": "Choose a CSV file."})
	}
	fh := files[0]
	if fh.Size > importer.MaxFileSize {
		return &Error{Status: 413, Code: "body_too_large", Message: "The file is larger than 20 MiB; split it."}
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	value := func(name string) string {
		if v := form.Value[name]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	var opt importer.Options
	if m := value("mapping"); m != "" {
		if err := json.Unmarshal([]byte(m), &opt.Mapping); err != nil || jsonHasNUL([]byte(m)) {
			return validation(map[string]string{"mapping": "The mapping must be a JSON object of field → column."})
		}
	}
	if o := value("options"); o != "" {
		var extra importer.Options
		if err := json.Unmarshal([]byte(o), &extra); err != nil || jsonHasNUL([]byte(o)) {
			return validation(map[string]string{"options": "The options must be JSON: offer_ids, community_ids, send_welcome."})
		}
		opt.OfferIDs, opt.CommunityIDs, opt.SendWelcome = extra.OfferIDs, extra.CommunityIDs, extra.SendWelcome
	}
	for _, id := range append(append([]string{}, opt.OfferIDs...), opt.CommunityIDs...) {
		if !uuidPattern.MatchString(id) {
			return validation(map[string]string{"options": "Offer and community ids must be ids."})
		}
	}
	if len(opt.Mapping) == 0 {
		if r, err := importer.NewReader(f); err == nil {
			opt.Mapping = importer.Guess(r.Header)
		}
	}
	dry := value("dry_run") != "false"
	rec, err := s.Importer.Upload(c.UserContext(), s.River, actor(c), fh.Filename, f, opt, dry)
	var fe *importer.FileError
	if errors.As(err, &fe) {
		return &Error{Status: 422, Code: "import_invalid", Message: fe.Message, Fields: map[string]string{"file": fe.Message}}
	}
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(toImportJSON(rec))
}

// importFormMemory is how much of the uploaded file the form keeps in memory; the rest goes to
// a temporary file, so the CSV is not held a second time beside the request body.
const importFormMemory = 256 << 10

// importForm parses the multipart upload (Fiber's pre-parsing is off: no form is parsed
// before the route's checks).
func importForm(c *fiber.Ctx) (*multipart.Form, error) {
	_, params, err := mime.ParseMediaType(c.Get(fiber.HeaderContentType))
	if err != nil || params["boundary"] == "" {
		return nil, validation(map[string]string{"file": "Choose a CSV file."})
	}
	form, err := multipart.NewReader(bytes.NewReader(c.Body()), params["boundary"]).ReadForm(importFormMemory)
	if err != nil {
		return nil, validation(map[string]string{"file": "The upload is not a valid form; choose the CSV file again."})
	}
	return form, nil
}

func (s *Server) getImport(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	rec, err := s.Store.ImportByID(c.UserContext(), id, false)
	if err != nil {
		return err
	}
	return c.JSON(toImportJSON(rec))
}

func (s *Server) listImports(c *fiber.Ctx) error {
	p, err := newestPage(c, 50, 200)
	if err != nil {
		return err
	}
	list, err := s.Store.ListImports(c.UserContext(), p)
	if err != nil {
		return err
	}
	list, next := pageOf(list, p, func(im store.Import) (time.Time, string) { return im.CreatedAt, im.ID })
	items := make([]importJSON, 0, len(list))
	for _, im := range list {
		items = append(items, toImportJSON(im))
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": next})
}

// runImport imports for real what a finished dry run checked.
func (s *Server) runImport(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := emptyBody(c); err != nil {
		return err
	}
	if err := s.Importer.StartRun(c.UserContext(), s.River, actor(c), id); err != nil {
		return err
	}
	return s.getImport(c)
}

func (s *Server) cancelImport(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.Importer.Cancel(c.UserContext(), actor(c), id); err != nil {
		return err
	}
	return s.getImport(c)
}

// importReport is one CSV row per file row with its outcome; cells a spreadsheet would run as
// formulas (=HYPERLINK(…)) are defused.
func (s *Server) importReport(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	rec, err := s.Store.ImportByID(c.UserContext(), id, false)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="gatehouse-import-`+rec.CreatedAt.UTC().Format("20060102-150405")+`.csv"`)
	w := csv.NewWriter(c.Response().BodyWriter())
	_ = w.Write([]string{"line", "email", "outcome", "detail", "contact_id"})
	for after := 0; ; {
		page, err := s.Store.ImportReport(c.UserContext(), id, after, 2000)
		if err != nil {
			return err
		}
		for _, r := range page {
			_ = w.Write(csvSafe(strconv.Itoa(r.Line), r.Email, r.Outcome, r.Detail, r.ContactID))
			after = r.Line
		}
		if len(page) < 2000 {
			break
		}
	}
	w.Flush()
	return w.Error()
}

type importRowJSON struct {
	Line    int    `json:"line"`
	Email   string `json:"email"`
	Outcome string `json:"outcome"`
	Detail  string `json:"detail"`
}

// importProblems lists the rows that cannot be imported (invalid, duplicate in the file,
// failed) with the reason, in file order, a page at a time: the page shows the first ones, the
// CSV report has them all.
func (s *Server) importProblems(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if _, err := s.Store.ImportByID(c.UserContext(), id, false); err != nil {
		return err
	}
	after := 0
	if cur := c.Query("cursor"); cur != "" {
		if after, err = strconv.Atoi(cur); err != nil || after < 0 {
			return validation(map[string]string{"cursor": "This cursor is not valid; start from the first page."})
		}
	}
	limit := min(max(c.QueryInt("limit", 50), 1), 500)
	rows, err := s.Store.ImportRowsWith(c.UserContext(), id, []string{importer.Invalid, importer.Duplicate, importer.Failed}, after, limit+1)
	if err != nil {
		return err
	}
	next := ""
	if len(rows) > limit {
		rows = rows[:limit]
		next = strconv.Itoa(rows[len(rows)-1].Line)
	}
	items := make([]importRowJSON, len(rows))
	for i, r := range rows {
		items[i] = importRowJSON{Line: r.Line, Email: r.Email, Outcome: r.Outcome, Detail: r.Detail}
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": next})
}
