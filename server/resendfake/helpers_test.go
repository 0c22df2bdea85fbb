package resendfake

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/resend/resend-go/v2"
)

const testKey = "re_test_123"

func newServer(t *testing.T, opts Options) *Server {
	t.Helper()
	if opts.APIKey == "" {
		opts.APIKey = testKey
	}
	s := New(opts)
	t.Cleanup(s.Close)
	return s
}

// newClient returns a resend-go client aimed at s.
func newClient(t testing.TB, s *Server, timeout time.Duration) *resend.Client {
	t.Helper()
	c := resend.NewCustomClient(&http.Client{Timeout: timeout}, testKey)
	u, err := url.Parse(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	c.BaseURL = u
	return c
}

func validEmail(to ...string) *resend.SendEmailRequest {
	if len(to) == 0 {
		to = []string{"member@example.com"}
	}
	return &resend.SendEmailRequest{
		From:    "Gatehouse <noreply@gatehouse.test>",
		To:      to,
		Subject: "Welcome",
		Html:    "<p>Hello</p>",
		Text:    "Hello",
		Tags:    []resend.Tag{{Name: "category", Value: "welcome"}},
		Headers: map[string]string{"X-Entity-Ref-ID": "123"},
	}
}

func send(t *testing.T, c *resend.Client, req *resend.SendEmailRequest, key string) (*resend.SendEmailResponse, error) {
	t.Helper()
	// A nil options pointer panics inside resend-go, so always pass one.
	return c.Emails.SendWithOptions(context.Background(), req, &resend.SendEmailOptions{IdempotencyKey: key})
}

// rawResult is a decoded response from a hand-built request.
type rawResult struct {
	Status int
	Header http.Header
	Body   map[string]any
}

// do sends a raw request, for bodies resend-go cannot produce.
func do(t *testing.T, s *Server, method, path, body string, header map[string]string) rawResult {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = bytes.NewBufferString(body)
	}
	req, err := http.NewRequest(method, s.URL()+path, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+testKey)
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out := rawResult{Status: resp.StatusCode, Header: resp.Header}
	raw, _ := io.ReadAll(resp.Body)
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &out.Body); err != nil {
			t.Fatalf("response is not a JSON object: %s", raw)
		}
	}
	return out
}

// wantError checks Resend's error shape.
func wantError(t *testing.T, got rawResult, status int, name string) {
	t.Helper()
	if got.Status != status || got.Body["name"] != name || got.Body["statusCode"] != float64(status) {
		t.Fatalf("got %d %v, want %d %s", got.Status, got.Body, status, name)
	}
	if msg, _ := got.Body["message"].(string); msg == "" {
		t.Fatalf("error without message: %v", got.Body)
	}
}

func statuses(s *Server) []int {
	var out []int
	for _, r := range s.Requests() {
		out = append(out, r.Status)
	}
	return out
}
