package desk

import (
	"context"
	"net/url"
	"time"
	"unicode/utf8"

	"gatehouse/server/access"
	"gatehouse/server/store"
)

// CommunityInput is what staff fill in for a community.
type CommunityInput struct {
	Name        string
	Slug        string // empty: made from the name (create) or left as it is (update)
	Description string
	URL         string
}

func (in CommunityInput) validate() map[string]string {
	fields := map[string]string{}
	if n := utf8.RuneCountInString(clean(in.Name)); n == 0 || n > 200 {
		fields["name"] = "Give the community a name of at most 200 characters."
	}
	if utf8.RuneCountInString(in.Description) > 5000 {
		fields["description"] = "Use at most 5,000 characters."
	}
	if msg := checkSlug(in.Slug); msg != "" {
		fields["slug"] = msg
	}
	if in.URL != "" {
		if u, err := url.Parse(in.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			fields["url"] = "Use an http(s) address."
		}
	}
	return fields
}

// CreateCommunity creates a community.
func (d *Service) CreateCommunity(ctx context.Context, a Actor, in CommunityInput) (store.Community, error) {
	if f := in.validate(); len(f) > 0 {
		return store.Community{}, &ValidationError{Fields: f}
	}
	c := store.Community{Name: clean(in.Name), Slug: in.Slug, Description: clean(in.Description), URL: clean(in.URL)}
	err := d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.CreateCommunity(ctx, &c); err != nil {
			return slugTaken(err, in.Slug, "community")
		}
		return d.audit(ctx, tx, a, "community.create", access.Target{Type: "community", ID: c.ID, Label: c.Name}, map[string]any{"name": c.Name})
	})
	return c, err
}

// UpdateCommunity edits a community.
func (d *Service) UpdateCommunity(ctx context.Context, a Actor, id string, in CommunityInput) (store.Community, error) {
	if f := in.validate(); len(f) > 0 {
		return store.Community{}, &ValidationError{Fields: f}
	}
	var c store.Community
	err := d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		var err error
		if c, err = tx.CommunityByID(ctx, id); err != nil {
			return err
		}
		c.Name, c.Description, c.URL = clean(in.Name), clean(in.Description), clean(in.URL)
		if in.Slug != "" && in.Slug != c.Slug {
			if err := tx.ClaimSlug(ctx, "community", in.Slug, c.ID); err != nil {
				return slugTaken(err, in.Slug, "community")
			}
			c.Slug = in.Slug
		}
		if err := tx.UpdateCommunity(ctx, &c); err != nil {
			return err
		}
		return d.audit(ctx, tx, a, "community.update", access.Target{Type: "community", ID: c.ID, Label: c.Name}, map[string]any{"name": c.Name})
	})
	return c, err
}

// ArchiveCommunity hides a community from members and from new memberships (or restores it).
func (d *Service) ArchiveCommunity(ctx context.Context, a Actor, id string, archive bool) error {
	action, at := "community.restore", time.Time{}
	if archive {
		action, at = "community.archive", d.now()
	}
	return d.store.InTx(ctx, func(ctx context.Context, tx *store.Store) error {
		if err := tx.SetCommunityArchived(ctx, id, at); err != nil {
			return err
		}
		return d.audit(ctx, tx, a, action, access.Target{Type: "community", ID: id}, nil)
	})
}

// AddToCommunity makes a contact a direct member of a community.
func (d *Service) AddToCommunity(ctx context.Context, a Actor, contactID, communityID string) error {
	return d.inTx(ctx, func(ctx context.Context, tx *store.Store) error {
		return d.access.AddToCommunity(ctx, tx, a, contactID, communityID)
	})
}

// RemoveFromCommunity ends a contact's direct membership (membership through an offer ends
// with the offer).
func (d *Service) RemoveFromCommunity(ctx context.Context, a Actor, contactID, communityID string) error {
	return d.inTx(ctx, func(ctx context.Context, tx *store.Store) error {
		return d.access.RemoveFromCommunity(ctx, tx, a, contactID, communityID)
	})
}
