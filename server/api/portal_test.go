package api

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"gatehouse/server/access"
	"gatehouse/server/auth"
	"gatehouse/server/desk"
	"gatehouse/server/store"
)

// owner is the desk actor for fixtures: the test's first owner account, created on first use.
func owner(h *harness) desk.Actor {
	h.t.Helper()
	o, err := h.store.ContactByEmail(context.Background(), "fixtures-owner@example.com")
	if err != nil {
		o = h.member("fixtures-owner@example.com", "", "owner")
	}
	return access.Staff(o.ID, o.Email, "owner", "", "")
}

func (h *harness) offer(a desk.Actor, name string, links ...store.Link) store.Offer {
	h.t.Helper()
	o, err := h.desk.CreateOffer(context.Background(), a, desk.OfferInput{Name: name, Description: name + " description", ContentLinks: links})
	if err != nil {
		h.t.Fatal(err)
	}
	return o
}

func (h *harness) grant(a desk.Actor, contactID, offerID string, welcome bool) {
	h.t.Helper()
	if _, _, err := h.desk.GrantOffer(context.Background(), a, contactID, offerID, welcome); err != nil {
		h.t.Fatal(err)
	}
}

// "Didn't get your access email?" sends each held offer's welcome email, each with its own
// working link; a member without offers gets a set-password email.
func TestResendAccessSendsEachWelcome(t *testing.T) {
	h := newHarness(t)
	a := owner(h)
	ann := h.member("ann@example.com", "")
	course := h.offer(a, "Course")
	club := h.offer(a, "Club")
	h.grant(a, ann.ID, course.ID, false)
	h.grant(a, ann.ID, club.ID, false)
	h.member("bob@example.com", "")

	c := h.client("203.0.113.40")
	expect(t, c.do("POST", "/api/auth/resend-access", `{"email":"ann@example.com"}`), 202, "")
	msgs := h.waitMessages(2)
	subjects := msgs[0].Subject + "|" + msgs[1].Subject
	if !strings.Contains(subjects, "Course") || !strings.Contains(subjects, "Club") {
		t.Fatalf("subjects: %s", subjects)
	}
	t1, t2 := linkIn(t, msgs[0]), linkIn(t, msgs[1])
	for _, tok := range []string{t1, t2} {
		r := c.do("POST", "/api/auth/check-link", `{"token":"`+tok+`"}`)
		expect(t, r, 200, "")
		if r.json(t)["purpose"] != "welcome" {
			t.Fatalf("purpose: %s", r.Body)
		}
	}
	// Using one sets the password and retires the other (any password change does).
	expect(t, c.do("POST", "/api/auth/reset-password", `{"token":"`+t1+`","password":"a brand new passphrase"}`), 200, "")
	expect(t, c.do("GET", "/api/portal/offers", ""), 200, "")
	expect(t, h.client("203.0.113.41").do("POST", "/api/auth/check-link", `{"token":"`+t2+`"}`), 410, "token_expired")

	expect(t, h.client("203.0.113.42").do("POST", "/api/auth/resend-access", `{"email":"bob@example.com"}`), 202, "")
	h.waitMessages(3) // bob's; ann chose her first password: no "password was changed"
	h.settle()
	msgs = h.resend.Messages()
	var bobs []string
	for _, m := range msgs {
		if m.To[0] == "ann@example.com" && strings.Contains(m.Subject, "password was changed") {
			t.Fatalf("a first password set through a welcome link sent %q", m.Subject)
		}
		if m.To[0] == "bob@example.com" {
			bobs = append(bobs, m.Subject)
			linkIn(t, m)
		}
	}
	if len(bobs) != 1 || !strings.Contains(bobs[0], "Your access to") {
		t.Fatalf("bob got %v", bobs)
	}
}

func TestPortalShowsOnlyOwnOffersAndCommunities(t *testing.T) {
	h := newHarness(t)
	a := owner(h)
	ann := h.member("ann@example.com", goodPassword)
	bob := h.member("bob@example.com", goodPassword)
	course := h.offer(a, "Course", store.Link{Label: "Lesson 1", URL: "https://learn.example.com/1"})
	secret := h.offer(a, "Bob's offer")
	ctx := context.Background()
	club := &store.Community{Name: "Club"}
	if err := h.store.CreateCommunity(ctx, club); err != nil {
		t.Fatal(err)
	}
	if err := h.store.SetOfferCommunities(ctx, course.ID, []string{club.ID}); err != nil {
		t.Fatal(err)
	}
	h.grant(a, ann.ID, course.ID, false)
	h.grant(a, bob.ID, secret.ID, false)

	c := h.signIn("ann@example.com", goodPassword)
	r := c.do("GET", "/api/portal/offers", "")
	expect(t, r, 200, "")
	items := r.json(t)["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["name"] != "Course" {
		t.Fatalf("offers: %s", r.Body)
	}
	links := items[0].(map[string]any)["content_links"].([]any)
	if links[0].(map[string]any)["url"] != "https://learn.example.com/1" {
		t.Fatalf("links: %s", r.Body)
	}
	r = c.do("GET", "/api/portal/communities", "")
	expect(t, r, 200, "")
	comms := r.json(t)["items"].([]any)
	if len(comms) != 1 || comms[0].(map[string]any)["name"] != "Club" || comms[0].(map[string]any)["via_offers"].([]any)[0] != "Course" {
		t.Fatalf("communities: %s", r.Body)
	}
}

// A temporary password set by staff only lets the member choose a new one, and expires.
func TestTemporaryPasswordOnlyAllowsChoosingANewOne(t *testing.T) {
	h := newHarness(t)
	ann := h.member("ann@example.com", "")
	setTemporary(t, h, ann.ID, "temporary passphrase 42")

	c := h.client("203.0.113.43")
	r := c.do("POST", "/api/auth/login", `{"email":"ann@example.com","password":"temporary passphrase 42"}`)
	expect(t, r, 200, "")
	if r.json(t)["must_change_password"] != true {
		t.Fatalf("login body: %s", r.Body)
	}
	expect(t, c.do("GET", "/api/portal/offers", ""), 403, "password_change_required")
	expect(t, c.do("GET", "/api/portal/sessions", ""), 403, "password_change_required")
	r = c.do("POST", "/api/portal/password", `{"current_password":"","new_password":"short"}`)
	expect(t, r, 422, "weak_password")
	if r.json(t)["fields"].(map[string]any)["new_password"] == nil {
		t.Fatalf("fields: %s", r.Body)
	}
	expect(t, c.do("POST", "/api/portal/password", `{"current_password":"","new_password":"my own new passphrase"}`), 204, "")
	expect(t, c.do("GET", "/api/portal/offers", ""), 200, "")

	// An unused temporary password stops working after 24 hours.
	bob := h.member("bob@example.com", "")
	setTemporary(t, h, bob.ID, "temporary passphrase 43")
	h.advance(25 * time.Hour)
	expect(t, h.client("203.0.113.44").do("POST", "/api/auth/login", `{"email":"bob@example.com","password":"temporary passphrase 43"}`), 401, "invalid_credentials")
}

func setTemporary(t *testing.T, h *harness, id, password string) {
	t.Helper()
	hash, err := auth.NewHasher(auth.TestHashParams, 1, time.Second).Hash(context.Background(), password)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.store.SetPassword(context.Background(), id, hash, true, h.now().Add(auth.TemporaryPasswordTTL), h.now()); err != nil {
		t.Fatal(err)
	}
}

func TestPasswordPolicy(t *testing.T) {
	h := newHarness(t)
	h.member("ann.smith@example.com", goodPassword)
	h.member("staffer@example.com", "a staff password that is long", "admin")
	cases := []struct {
		email, current, next, reason string
	}{
		{"ann.smith@example.com", goodPassword, "Tr0ub4dor&3", "too short"},
		{"ann.smith@example.com", goodPassword, "password1234", "common"},
		{"ann.smith@example.com", goodPassword, "aaaaaaaaaaaaaaaa", "guessable"},
		{"ann.smith@example.com", goodPassword, "ann.smith@example.com!!", "own email"},
		{"ann.smith@example.com", goodPassword, "zebra ann.smith piano", "email local part"},
		{"ann.smith@example.com", goodPassword, "the gatehouse portal rocks", "portal name"},
		{"ann.smith@example.com", goodPassword, strings.Repeat("horse battery ", 10), "too long"},
		{"staffer@example.com", "a staff password that is long", "violet kettle9", "staff minimum"},
	}
	for _, tc := range cases {
		t.Run(tc.reason, func(t *testing.T) {
			c := h.signIn(tc.email, tc.current)
			r := c.do("POST", "/api/portal/password", `{"current_password":"`+tc.current+`","new_password":"`+tc.next+`"}`)
			expect(t, r, 422, "weak_password")
		})
	}
	// Length is counted in code points: 12 emoji are 12 characters, not 48 bytes.
	c := h.signIn("ann.smith@example.com", goodPassword)
	expect(t, c.do("POST", "/api/portal/password", `{"current_password":"`+goodPassword+`","new_password":"🦊🐙🌵🍄🚲🎻🧲🪁🦉🌋🧊🎲"}`), 204, "")
}

func TestChangePasswordNeedsCurrentAndEndsOtherSessions(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", goodPassword)
	laptop := h.signIn("ann@example.com", goodPassword)
	phone := h.signIn("ann@example.com", goodPassword)
	r := laptop.do("POST", "/api/portal/password", `{"current_password":"wrong guess here","new_password":"a brand new passphrase"}`)
	expect(t, r, 422, "validation_failed")
	if r.json(t)["fields"].(map[string]any)["current_password"] == nil {
		t.Fatalf("fields: %s", r.Body)
	}
	expect(t, laptop.do("POST", "/api/portal/password", `{"current_password":"`+goodPassword+`","new_password":"a brand new passphrase"}`), 204, "")
	expect(t, laptop.do("GET", "/api/portal/offers", ""), 200, "")
	expect(t, phone.do("GET", "/api/portal/offers", ""), 401, "unauthenticated")
	if m := h.waitMessages(1)[0]; !strings.Contains(m.Subject, "password was changed") {
		t.Fatalf("notification: %s", m.Subject)
	}
}

func TestSessionsListAndSignOut(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", goodPassword)
	h.member("bob@example.com", goodPassword)
	laptop := h.signIn("ann@example.com", goodPassword)
	phone := h.signIn("ann@example.com", goodPassword)
	bob := h.signIn("bob@example.com", goodPassword)
	r := laptop.do("GET", "/api/portal/sessions", "")
	expect(t, r, 200, "")
	items := r.json(t)["items"].([]any)
	if len(items) != 2 {
		t.Fatalf("sessions: %s", r.Body)
	}
	var other string
	for _, it := range items {
		if m := it.(map[string]any); m["current"] == false {
			other = m["id"].(string)
		}
	}
	// Bob cannot end Ann's session by id.
	expect(t, bob.do("DELETE", "/api/portal/sessions/"+other, ""), 404, "not_found")
	expect(t, laptop.do("DELETE", "/api/portal/sessions/"+other, ""), 204, "")
	expect(t, phone.do("GET", "/api/portal/offers", ""), 401, "unauthenticated")
	expect(t, laptop.do("DELETE", "/api/portal/sessions/not-a-uuid", ""), 404, "not_found")
}

// Someone holding a member's session must not be able to guess the current password (and then
// take the account for good): wrong guesses back the account off like failed logins, and an IP
// has a budget of wrong guesses.
func TestChangePasswordThrottlesWrongGuesses(t *testing.T) {
	h := newHarness(t)
	h.member("ann@example.com", goodPassword)
	c := h.signIn("ann@example.com", goodPassword)
	change := func(c *client, current string) response {
		return c.do("POST", "/api/portal/password", `{"current_password":"`+current+`","new_password":"a brand new passphrase"}`)
	}
	for i := range 5 {
		expect(t, change(c, fmt.Sprintf("wrong guess %d", i)), 422, "validation_failed")
	}
	// Backed off: even the right password waits, and says when to try again.
	r := change(c, goodPassword)
	expect(t, r, 429, "rate_limited")
	if r.Header.Get("Retry-After") == "" {
		t.Fatal("no Retry-After")
	}
	h.advance(31 * time.Second)
	expect(t, change(c, goodPassword), 204, "")

	// Per IP: ten wrong guesses across accounts, then the IP waits.
	for i := range 4 {
		email := fmt.Sprintf("m%d@example.com", i)
		h.member(email, goodPassword)
		s := h.signIn(email, goodPassword)
		s.ip = "198.51.100.77"
		for j := range 3 {
			want := 422
			if i*3+j >= 10 {
				want = 429
			}
			if r := change(s, fmt.Sprintf("wrong %d", j)); r.Status != want {
				t.Fatalf("account %d guess %d: %d, want %d: %s", i, j, r.Status, want, r.Body)
			}
		}
	}
}
