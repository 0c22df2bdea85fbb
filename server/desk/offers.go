package desk

import (
	"context"
	"net/url"
	"unicode/utf8"

	"gatehouse/server/store"
)

// OfferInput is what staff fill in for an offer.
type OfferInput struct {
	Name           string
	Description    string
	ContentLinks   []store.Link
	WelcomeSubject string
	WelcomeBody    string
}

func (in OfferInput) validate() map[string]string {
	fields := map[string]string{}
	if n := utf8.RuneCountInString(clean(in.Name)); n == 0 || n > 200 {
		fields["name"] = "Give the offer a name of at most 200 characters."
	}
	if utf8.RuneCountInString(in.Description) > 5000 {
		fields["description"] = "Use at most 5,000 characters."
	}
	if len(in.ContentLinks) > 50 {
		fields["content_links"] = "Use at most 50 links."
	}
	for _, l := range in.ContentLinks {
		u, err := url.Parse(l.URL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || clean(l.Label) == "" {
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
	return fields
}

// CreateOffer creates an offer.
func (d *Service) CreateOffer(ctx context.Context, a Actor, in OfferInput) (store.Offer, error) {
	if f := in.validate(); len(f) > 0 {
		return store.Offer{}, &ValidationError{Fields: f}
	}
	o := store.Offer{Name: clean(in.Name), Description: clean(in.Description), ContentLinks: in.ContentLinks,
		WelcomeSubject: clean(in.WelcomeSubject), WelcomeBody: in.WelcomeBody}
	err := d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.CreateOffer(ctx, &o); err != nil {
			return err
		}
		return d.audit(ctx, tx, a, "offer.create", "offer", o.ID, "", map[string]any{"name": o.Name})
	})
	return o, err
}
