package api

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// serveTCP serves the harness's app on a loopback listener: app.Test hands over whole
// requests, and these tests need the moment the headers arrive.
func (h *harness) serveTCP() string {
	h.t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		h.t.Fatal(err)
	}
	go h.app.Listener(ln)
	h.t.Cleanup(func() { _ = h.app.ShutdownWithTimeout(5 * time.Second) })
	return ln.Addr().String()
}

// headersOnly sends a request's headers and no body, and returns the answer, which must come
// without the body (within a few seconds, far below the read timeout).
func headersOnly(t *testing.T, addr, method, path string, header map[string]string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: portal.example.test\r\n", method, path)
	for k, v := range header {
		fmt.Fprintf(&b, "%s: %s\r\n", k, v)
	}
	b.WriteString("\r\n")
	if _, err := io.WriteString(conn, b.String()); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0, "no answer before the body: " + err.Error()
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	var e struct{ Code string }
	_ = json.Unmarshal(body, &e)
	return res.StatusCode, e.Code
}

// The body limit is decided when the headers arrive: 1 MiB for everyone, more only for the
// import upload of a session allowed to import. A declared length above it is refused before
// any body is sent, so header-only connections cannot make the server reserve memory.
func TestBodyLimitIsDecidedWhenHeadersArrive(t *testing.T) {
	d := newDesk(t)
	h := d.h
	addr := h.serveTCP()
	jsonHeaders := map[string]string{"Content-Type": "application/json", "Content-Length": fmt.Sprint(1<<20 + 1)}
	for _, path := range []string{"/api/auth/login", "/api/auth/forgot-password", "/api/webhooks/resend", "/", "/api/admin/imports"} {
		if status, code := headersOnly(t, addr, "POST", path, jsonHeaders); status != 413 || code != "body_too_large" {
			t.Errorf("POST %s declaring 1 MiB + 1: %d %q, want 413 body_too_large", path, status, code)
		}
	}
	// A body actually sent, with a length or chunked (no length to refuse up front).
	big := `{"email":"` + strings.Repeat("a", 2<<20) + `"}`
	for _, chunked := range []bool{false, true} {
		if status, code := sendBody(t, addr, "/api/auth/forgot-password", big, chunked); status != 413 || code != "body_too_large" {
			t.Errorf("2 MiB body (chunked %v): %d %q, want 413 body_too_large", chunked, status, code)
		}
	}
	h.member("m@example.com", goodPassword)
	upload := func(c *client) map[string]string {
		hdr := map[string]string{"Content-Type": "multipart/form-data; boundary=xyz", "Content-Length": fmt.Sprint(20 << 20)}
		if c != nil {
			hdr["Cookie"], hdr[csrfHeader] = c.cookie, c.csrf
		}
		return hdr
	}
	admin := upload(d.admin)
	noCSRF := upload(d.admin)
	delete(noCSRF, csrfHeader)
	for name, hdr := range map[string]map[string]string{
		"anonymous": upload(nil), "a member": upload(h.signIn("m@example.com", goodPassword)),
		"support (the route needs admin)": upload(d.support), "admin without the CSRF token": noCSRF,
	} {
		if status, code := headersOnly(t, addr, "POST", "/api/admin/imports", hdr); status != 413 || code != "body_too_large" {
			t.Errorf("import upload as %s: %d %q, want 413 before the body", name, status, code)
		}
	}
	// An admin's upload headers are not answered: the server waits for the body.
	if status, msg := headersOnly(t, addr, "POST", "/api/admin/imports", admin); status != 0 {
		t.Errorf("admin upload headers answered %d %s before the body", status, msg)
	}
	if status, _ := headersOnly(t, addr, "POST", "/api/admin/imports?x=1", admin); status != 413 {
		t.Errorf("another path than the import's got the larger limit: %d", status)
	}

	// A real upload above 1 MiB by an admin goes through.
	var csv strings.Builder
	csv.WriteString("email,name,notes\n")
	for i := range 200 {
		fmt.Fprintf(&csv, "big%d@example.com,Big %d,%s\n", i, i, strings.Repeat("x", 6000))
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("dry_run", "true")
	part, _ := w.CreateFormFile("file", "big.csv")
	part.Write([]byte(csv.String()))
	w.Close()
	req, _ := http.NewRequest("POST", "http://"+addr+"/api/admin/imports", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Cookie", d.admin.cookie)
	req.Header.Set(csrfHeader, d.admin.csrf)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 202 || !strings.Contains(string(b), `"total":200`) {
		t.Fatalf("admin upload of %d bytes: %d %s", body.Len(), res.StatusCode, b)
	}
	waitImport(t, d.admin, jsonField(t, b, "id"), "dry_run_done")
}

// sendBody posts a JSON body over a raw connection, as fast as the server takes it, and
// returns the answer (the server may answer and close before the body is all sent).
func sendBody(t *testing.T, addr, path, body string, chunked bool) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	go func() {
		head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: portal.example.test\r\nContent-Type: application/json\r\n", path)
		if !chunked {
			io.WriteString(conn, head+fmt.Sprintf("Content-Length: %d\r\n\r\n", len(body))+body)
			return
		}
		io.WriteString(conn, head+"Transfer-Encoding: chunked\r\n\r\n")
		for i := 0; i < len(body); i += 64 << 10 {
			chunk := body[i:min(i+64<<10, len(body))]
			if _, err := fmt.Fprintf(conn, "%x\r\n%s\r\n", len(chunk), chunk); err != nil {
				return
			}
		}
		io.WriteString(conn, "0\r\n\r\n")
	}()
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0, err.Error()
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var e struct{ Code string }
	_ = json.Unmarshal(b, &e)
	return res.StatusCode, e.Code
}

func jsonField(t *testing.T, b []byte, key string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("not JSON: %s", b)
	}
	s, _ := m[key].(string)
	return s
}
