package desk

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"gatehouse/server/access"
	"gatehouse/server/mail"
	"gatehouse/server/store"
)

// OfferInput is what staff fill in for an offer.
type OfferInput struct {
	Name           string
	Slug           string // empty: made from the name (create) or left as it is (update)
	Description    string
	ContentLinks   []store.Link
	WelcomeSubject string
	WelcomeBody    string
	CommunityIDs   []string
}

func (in OfferInput) validate() map[string]string {
	fields := map[string]string{}
	links := make([]store.Link, len(in.ContentLinks)) // checked as apply will store them
	for i, l := range in.ContentLinks {
		links[i] = store.Link{Label: l.Label, URL: withScheme(clean(l.URL))}
	}
	in.ContentLinks = links
	if n := utf8.RuneCountInString(clean(in.Name)); n == 0 || n > 200 {
		fields["name"] = "Give the offer a name of at most 200 characters."
	}
	if utf8.RuneCountInString(in.Description) > 5000 {
		fields["description"] = "Use at most 5,000 characters."
	}
	if msg := checkSlug(in.Slug); msg != "" {
		fields["slug"] = msg
	}
	if len(in.ContentLinks) > 50 {
		fields["content_links"] = "Use at most 50 links."
	}
	for _, l := range in.ContentLinks {
		u, err := url.Parse(l.URL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || clean(l.Label) == "" || len(l.Label) > 200 {
			fields["content_links"] = "Each link needs a label and an http(s) address."
			break
		}
	}
	if utf8.RuneCountInString(in.WelcomeSubject) > 200 {
		fields["welcome_subject"] = "Use at most 200 characters."
	}
	if utf8.RuneCountInString(in.WelcomeBody) > 20000 {
		fields["welcome_body"] = "Use at most 20,000 characters."
	}
	if len(in.CommunityIDs) > 100 {
		fields["community_ids"] = "Include at most 100 communities."
	}
	if len(fields) == 0 {
		var invalid *ValidationError
		if err := checkTemplate(mail.Custom{Subject: in.WelcomeSubject, Body: in.WelcomeBody}, true, "welcome_subject", "welcome_body"); errors.As(err, &invalid) {
			return invalid.Fields
		}
	}
	return fields
}

func (in OfferInput) apply(o *store.Offer) {
	o.Name, o.Description, o.ContentLinks = clean(in.Name), clean(in.Description), in.ContentLinks
	o.WelcomeSubject, o.WelcomeBody = clean(in.WelcomeSubject), in.WelcomeBody
	for i := range o.ContentLinks {
		o.ContentLinks[i].Label, o.ContentLinks[i].URL = clean(o.ContentLinks[i].Label), withScheme(clean(o.ContentLinks[i].URL))
	}
}

// CreateOffer creates an offer with the communities it includes.
func (d *Service) CreateOffer(ctx context.Context, a Actor, in OfferInput) (store.Offer, error) {
	if f := in.validate(); len(f) > 0 {
		return store.Offer{}, &ValidationError{Fields: f}
	}
	var o store.Offer
	in.apply(&o)
	o.Slug = in.Slug
	err := d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.CreateOffer(ctx, &o); err != nil {
			return slugTaken(err, in.Slug, "offer")
		}
		if err := d.setCommunities(ctx, tx, o.ID, in.CommunityIDs); err != nil {
			return err
		}
		return d.audit(ctx, tx, a, "offer.create", access.Target{Type: "offer", ID: o.ID, Label: o.Name}, map[string]any{"name": o.Name})
	})
	return o, err
}

// UpdateOffer edits an offer (nil CommunityIDs leaves its communities as they are).
func (d *Service) UpdateOffer(ctx context.Context, a Actor, id string, in OfferInput) (store.Offer, error) {
	if f := in.validate(); len(f) > 0 {
		return store.Offer{}, &ValidationError{Fields: f}
	}
	var o store.Offer
	err := d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		var err error
		if o, err = tx.OfferByID(ctx, id); err != nil {
			return err
		}
		in.apply(&o)
		if in.Slug != "" && in.Slug != o.Slug {
			if err := tx.ClaimSlug(ctx, "offer", in.Slug, o.ID); err != nil {
				return slugTaken(err, in.Slug, "offer")
			}
			o.Slug = in.Slug
		}
		if err := tx.UpdateOffer(ctx, &o); err != nil {
			return err
		}
		if in.CommunityIDs != nil {
			if err := d.setCommunities(ctx, tx, o.ID, in.CommunityIDs); err != nil {
				return err
			}
		}
		return d.audit(ctx, tx, a, "offer.update", access.Target{Type: "offer", ID: o.ID, Label: o.Name}, map[string]any{"name": o.Name})
	})
	return o, err
}

// ArchiveOffer hides an offer from members and from new grants (or restores it). Grants stay,
// so restoring gives members back what they had.
func (d *Service) ArchiveOffer(ctx context.Context, a Actor, id string, archive bool) error {
	action, at := "offer.restore", time.Time{}
	if archive {
		action, at = "offer.archive", d.now()
	}
	return d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.SetOfferArchived(ctx, id, at); err != nil {
			return err
		}
		return d.audit(ctx, tx, a, action, access.Target{Type: "offer", ID: id}, nil)
	})
}

// setCommunities replaces an offer's communities after checking each exists.
func (d *Service) setCommunities(ctx context.Context, tx *store.Store, offerID string, ids []string) error {
	for _, id := range ids {
		if _, err := tx.CommunityByID(ctx, id); err != nil {
			return &ValidationError{Fields: map[string]string{"community_ids": "One of the communities does not exist."}}
		}
	}
	return tx.SetOfferCommunities(ctx, offerID, ids)
}

// withScheme turns an address typed without one ("www.example.com/course") into an https one:
// people copy addresses from their browser's bar, which hides the scheme.
func withScheme(s string) string {
	if s == "" || strings.Contains(s, "://") || strings.ContainsAny(s, " \t") || !strings.Contains(s, ".") {
		return s
	}
	return "https://" + s
}
