package api

import (
	"strings"
	"testing"
)

// My offers says which apps each offer opens; the member's apps are those they can open now
// (by offer, community, "any member"), never a staff-only one.
func TestPortalApps(t *testing.T) {
	h := newHarness(t)
	a, offerID := h.offerFor("Course")
	_, otherOffer := h.offerFor("Other")
	ann := h.member("ann@example.com", goodPassword)
	h.grant(a, ann.ID, offerID, false)
	course := h.createApp(map[string]any{"name": "Course site", "kind": "oidc", "redirect_uris": []string{"https://course.example.com/cb"},
		"rule": map[string]any{"offer_ids": []string{offerID}}})
	h.createApp(map[string]any{"name": "Members forum", "kind": "proxy", "hosts": []string{"forum.example.com"}, "rule": map[string]any{"any_member": true}})
	h.createApp(map[string]any{"name": "Staff wiki", "kind": "proxy", "hosts": []string{"wiki.example.com"}, "rule": map[string]any{"staff_only": true}})
	h.createApp(map[string]any{"name": "Other site", "kind": "proxy", "hosts": []string{"other.example.com"}, "rule": map[string]any{"offer_ids": []string{otherOffer}}})

	c := h.signIn("ann@example.com", goodPassword)
	offers := c.do("GET", "/api/portal/offers", "")
	expect(t, offers, 200, "")
	item := offers.json(t)["items"].([]any)[0].(map[string]any)
	apps := item["apps"].([]any)
	if len(apps) != 1 || apps[0].(map[string]any)["id"] != course["id"] || apps[0].(map[string]any)["url"] != "https://course.example.com/" {
		t.Fatalf("the offer's apps: %v", apps)
	}
	mine := c.do("GET", "/api/portal/apps", "")
	names := []string{}
	for _, x := range mine.json(t)["items"].([]any) {
		names = append(names, x.(map[string]any)["name"].(string))
	}
	if strings.Join(names, ",") != "Course site,Members forum" {
		t.Fatalf("the member's apps: %v", names)
	}
}
