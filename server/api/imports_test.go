package api

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// upload posts a CSV file with form fields as a signed-in staff member.
func (c *client) upload(csvData string, fields map[string]string) response {
	c.h.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	part, _ := w.CreateFormFile("file", "contacts.csv")
	part.Write([]byte(csvData))
	w.Close()
	req := httptest.NewRequest("POST", "/api/admin/imports", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Cookie", c.cookie)
	req.Header.Set(csrfHeader, c.csrf)
	req.Header.Set("X-Forwarded-For", c.ip)
	res, err := c.h.app.Test(req, -1)
	if err != nil {
		c.h.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{Status: res.StatusCode, Header: res.Header, Body: b}
}

func waitImport(t *testing.T, c *client, id, status string) map[string]any {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	var last map[string]any
	for time.Now().Before(deadline) {
		r := c.do("GET", "/api/admin/imports/"+id, "")
		expect(t, r, 200, "")
		if last = r.json(t); last["status"] == status {
			return last
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("import never reached %s: %v", status, last)
	return nil
}

func TestImportDryRunThenRun(t *testing.T) {
	d := newDesk(t)
	h := d.h
	file := "\xEF\xBB\xBFE-mail;First name;Last name;Offers\n" +
		"new1@example.com;Nia;New;Pottery\n" +
		"MIA@example.com;Mia;Renamed;\n" + // exists: updated
		"not-an-email;Bad;Row;\n" +
		"new1@example.com;Nia;Again;\n" + // duplicate in the file
		"ragged@example.com;Only\n" +
		"\"=HYPERLINK(\"\"http://evil\"\")\";X;Y;\n" + // a formula where the email should be
		"ghost@example.com;Gus;Ghost;No such offer\n" +
		"support@example.com;Sup;Port;\n" // a staff account: not touched
	r := d.admin.upload(file, map[string]string{"options": `{"send_welcome":true}`})
	expect(t, r, 202, "")
	id := r.json(t)["id"].(string)
	if r.json(t)["total"] != float64(8) {
		t.Fatalf("upload: %s", r.Body)
	}
	dry := waitImport(t, d.admin, id, "dry_run_done")
	counts := dry["counts"].(map[string]any)
	for outcome, n := range map[string]float64{"new": 1, "update": 1, "invalid": 5, "duplicate": 1} {
		if counts[outcome] != n {
			t.Fatalf("dry run %s = %v, want %v: %v", outcome, counts[outcome], n, counts)
		}
	}
	if _, err := h.store.ContactByEmail(context.Background(), "new1@example.com"); err == nil {
		t.Fatal("a dry run created a contact")
	}
	// The page lists the rows that cannot be imported, with why, a page at a time.
	r = d.admin.do("GET", "/api/admin/imports/"+id+"/problems?limit=4", "")
	expect(t, r, 200, "")
	problems := r.json(t)["items"].([]any)
	if len(problems) != 4 || r.json(t)["next_cursor"] == "" || problems[0].(map[string]any)["detail"] == "" {
		t.Fatalf("problems: %s", r.Body)
	}
	r = d.admin.do("GET", "/api/admin/imports/"+id+"/problems?limit=4&cursor="+r.json(t)["next_cursor"].(string), "")
	if more := r.json(t)["items"].([]any); len(more) != 2 || r.json(t)["next_cursor"] != "" {
		t.Fatalf("second page of problems: %s", r.Body)
	}

	expect(t, d.admin.do("POST", "/api/admin/imports/"+id+"/run", ""), 200, "")
	done := waitImport(t, d.admin, id, "done")
	counts = done["counts"].(map[string]any)
	for outcome, n := range map[string]float64{"created": 1, "updated": 1, "invalid": 5, "duplicate": 1} {
		if counts[outcome] != n {
			t.Fatalf("run %s = %v, want %v: %v", outcome, counts[outcome], n, counts)
		}
	}
	ctx := context.Background()
	nia, err := h.store.ContactByEmail(ctx, "new1@example.com")
	if err != nil || nia.Name != "Nia New" {
		t.Fatalf("imported: %+v %v", nia, err)
	}
	if g, _ := h.store.ActiveGrants(ctx, nia.ID); len(g) != 1 || g[0].Offer.Name != "Pottery" {
		t.Fatalf("grants: %+v", g)
	}
	if mia, _ := h.store.ContactByEmail(ctx, "mia@example.com"); mia.Name != "Mia Renamed" {
		t.Fatalf("updated: %+v", mia)
	}
	if m := h.waitMessages(1)[0]; m.To[0] != "new1@example.com" || !strings.Contains(m.Subject, "Pottery") {
		t.Fatalf("welcome: %v %q", m.To, m.Subject)
	}

	r = d.admin.do("GET", "/api/admin/imports/"+id+"/report", "")
	expect(t, r, 200, "")
	rows, err := csv.NewReader(strings.NewReader(string(r.Body))).ReadAll()
	if err != nil || len(rows) != 9 {
		t.Fatalf("report: %v %d rows", err, len(rows))
	}
	byLine := map[string][]string{}
	for _, row := range rows[1:] {
		byLine[row[0]] = row
	}
	if byLine["6"][2] != "invalid" || !strings.Contains(byLine["6"][3], "cells") {
		t.Errorf("ragged row: %q", byLine["6"])
	}
	if byLine["7"][1] != `'=HYPERLINK("http://evil")` {
		t.Errorf("formula cell: %q", byLine["7"])
	}
	if byLine["8"][2] != "invalid" || !strings.Contains(byLine["8"][3], "No such offer") {
		t.Errorf("unknown offer: %q", byLine["8"])
	}
	for _, row := range rows {
		for _, cell := range row {
			if strings.HasPrefix(cell, "=") {
				t.Fatalf("formula-like cell in the report: %q", cell)
			}
		}
	}
}

func TestImportRefusesBadFiles(t *testing.T) {
	d := newDesk(t)
	cases := map[string]string{
		"utf-16":      "\xFF\xFEe\x00m\x00a\x00i\x00l\x00\n\x00",
		"no email":    "name,phone\nAnn,123\n",
		"empty":       "",
		"too many":    "email\n" + strings.Repeat("x@example.com\n", 100_001),
		"mapped away": "email,name\na@example.com,A\n",
	}
	for name, file := range cases {
		fields := map[string]string{}
		if name == "mapped away" {
			fields["mapping"] = `{"email":"Mail"}`
		}
		r := d.admin.upload(file, fields)
		if r.Status != 422 || r.code(t) != "import_invalid" && r.code(t) != "validation_failed" {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	expect(t, d.support.upload("email\na@example.com\n", nil), 403, "forbidden")
}
