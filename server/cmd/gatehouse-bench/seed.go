package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"time"

	"gatehouse/server/resendfake"
)

type member struct {
	email, password, cookie string
	apps                    benchApps
}

const ownerPassword = "bench owner passphrase that is long"

// seed creates, through the real command line and API, an owner, an offer with content links,
// a member who holds it and has chosen a password from the welcome email, and two apps the
// offer opens (forward-auth and OpenID Connect).
func seed(ctx context.Context, srv *server, fake *resendfake.Server) (member, error) {
	m := member{email: "member@bench.example.com", password: "quiet orchard lantern 7"}
	admin := exec.CommandContext(ctx, srv.cmd.Path, "admin", "create", "--email", "staff@bench.example.com", "--role", "owner", "--password-stdin")
	admin.Env = srv.cmd.Env
	admin.Stdin = strings.NewReader(ownerPassword + "\n")
	if out, err := admin.CombinedOutput(); err != nil {
		return m, fmt.Errorf("admin create: %v: %s", err, out)
	}
	owner, err := newSession(srv.url, "staff@bench.example.com", ownerPassword)
	if err != nil {
		return m, err
	}
	var offer, contact struct{ ID string }
	if err := owner.post("/api/admin/offers", map[string]any{"name": "Bench course", "description": "Twelve lessons",
		"content_links": []map[string]string{{"label": "Lesson 1", "url": "https://learn.example.com/1"}, {"label": "Lesson 2", "url": "https://learn.example.com/2"}}}, &offer); err != nil {
		return m, err
	}
	if err := owner.post("/api/admin/contacts", map[string]any{"email": m.email, "name": "Bench Member"}, &contact); err != nil {
		return m, err
	}
	if err := owner.post("/api/admin/contacts/"+contact.ID+"/offers", map[string]any{"offer_id": offer.ID, "send_welcome": true}, nil); err != nil {
		return m, err
	}
	if m.apps, err = seedApps(owner, offer.ID); err != nil {
		return m, err
	}
	wait, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := fake.WaitForMessages(wait, 1); err != nil {
		return m, fmt.Errorf("welcome email: %w", err)
	}
	token := regexp.MustCompile(`#token=([A-Za-z0-9_-]+)`).FindStringSubmatch(fake.Messages()[0].Text)
	if token == nil {
		return m, fmt.Errorf("no link in the welcome email")
	}
	anon := &session{base: srv.url}
	return m, anon.post("/api/auth/reset-password", map[string]any{"token": token[1], "password": m.password}, nil)
}

// session is a minimal signed-in API client for seeding.
type session struct {
	base, cookie, csrf string
}

func newSession(base, email, password string) (*session, error) {
	s := &session{base: base}
	var out struct {
		CSRF string `json:"csrf_token"`
	}
	if err := s.post("/api/auth/login", map[string]any{"email": email, "password": password}, &out); err != nil {
		return nil, err
	}
	s.csrf = out.CSRF
	return s, nil
}

func login(base, email, password string) (string, error) {
	s, err := newSession(base, email, password)
	if err != nil {
		return "", err
	}
	return s.cookie, nil
}

func (s *session) post(path string, body any, out any) error {
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", s.base+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if s.cookie != "" {
		req.Header.Set("Cookie", s.cookie)
		req.Header.Set("X-CSRF-Token", s.csrf)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode >= 300 {
		var e map[string]any
		_ = json.NewDecoder(res.Body).Decode(&e)
		return fmt.Errorf("POST %s: %d %v", path, res.StatusCode, e)
	}
	for _, c := range res.Cookies() {
		if strings.HasSuffix(c.Name, "gatehouse_session") {
			s.cookie = c.Name + "=" + c.Value
		}
	}
	if out != nil {
		return json.NewDecoder(res.Body).Decode(out)
	}
	return nil
}
