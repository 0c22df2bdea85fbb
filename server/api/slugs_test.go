package api

import (
	"context"
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
