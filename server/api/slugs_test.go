package api

import (
	"context"
	"strings"
	"testing"
)

// Offers and communities get a slug from their name; staff can change it; a slug once used
// stays with its offer for good (the old one still finds it) and is refused to any other.
func TestSlugsAreEditableAndNeverReused(t *testing.T) {
	d := newDesk(t)
	ctx := context.Background()
	first := d.admin.do("POST", "/api/admin/offers", `{"name":"Wheel Throwing 101!"}`)
	expect(t, first, 201, "")
	if slug := first.json(t)["slug"]; slug != "wheel-throwing-101" {
		t.Fatalf("slug from the name: %v", slug)
	}
	same := d.admin.do("POST", "/api/admin/offers", `{"name":"Wheel throwing 101"}`)
	if slug := same.json(t)["slug"]; slug != "wheel-throwing-101-2" {
		t.Fatalf("a second offer of the same name: %v", slug)
	}
	id := first.json(t)["id"].(string)
	expect(t, d.admin.do("PATCH", "/api/admin/offers/"+id, `{"slug":"Not A Slug"}`), 422, "validation_failed")
	r := d.admin.do("PATCH", "/api/admin/offers/"+id, `{"slug":"wheel"}`)
	expect(t, r, 200, "")
	if r.json(t)["slug"] != "wheel" || r.json(t)["name"] != "Wheel Throwing 101!" {
		t.Fatalf("after renaming the slug: %s", r.Body)
	}
	// The old slug is retired, not free: another offer cannot take it, and it still finds the first.
	other := same.json(t)["id"].(string)
	r = d.admin.do("PATCH", "/api/admin/offers/"+other, `{"slug":"wheel-throwing-101"}`)
	expect(t, r, 422, "validation_failed")
	if r.json(t)["fields"].(map[string]any)["slug"] == nil {
		t.Fatalf("the refusal names the field: %s", r.Body)
	}
	if o, err := d.h.store.OfferBySlug(ctx, "wheel-throwing-101"); err != nil || o.ID != id {
		t.Fatalf("the old slug finds its offer: %v %v", o.ID, err)
	}
	// An offer may go back to a slug it had.
	expect(t, d.admin.do("PATCH", "/api/admin/offers/"+id, `{"slug":"wheel-throwing-101"}`), 200, "")

	c := d.admin.do("POST", "/api/admin/communities", `{"name":"Glaze Lab","slug":"glaze"}`)
	expect(t, c, 201, "")
	if c.json(t)["slug"] != "glaze" {
		t.Fatalf("community slug: %s", c.Body)
	}
	expect(t, d.admin.do("POST", "/api/admin/communities", `{"name":"Other","slug":"glaze"}`), 422, "validation_failed")
}

// A content link typed without its scheme ("www.example.com/course", as browsers show it) is
// stored as https; the welcome email lists the offer's content links.
func TestContentLinksGetASchemeAndReachTheWelcome(t *testing.T) {
	d := newDesk(t)
	r := d.admin.do("POST", "/api/admin/offers", `{"name":"Kiln school","content_links":[{"label":"Lesson 1","url":"www.example.com/kiln/1"}]}`)
	expect(t, r, 201, "")
	links := r.json(t)["content_links"].([]any)
	if links[0].(map[string]any)["url"] != "https://www.example.com/kiln/1" {
		t.Fatalf("content link: %v", links)
	}
	expect(t, d.admin.do("POST", "/api/admin/offers", `{"name":"Bad","content_links":[{"label":"x","url":"not a link"}]}`), 422, "validation_failed")
	id := r.json(t)["id"].(string)
	expect(t, d.support.do("POST", d.path("/offers"), `{"offer_id":"`+id+`","send_welcome":true}`), 201, "")
	m := d.h.waitMessages(1)[0]
	if !strings.Contains(m.Text, "Lesson 1: https://www.example.com/kiln/1") || !strings.Contains(m.HTML, `href="https://www.example.com/kiln/1"`) {
		t.Fatalf("the welcome email does not list the content link:\n%s", m.Text)
	}
}
