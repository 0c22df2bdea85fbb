package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Link is a labelled URL an offer shows to the members who hold it.
type Link struct {
	Label string `json:"label"`
	URL   string `json:"url"`
}

// Offer is something a business sells: a course, a membership, a community bundle.
type Offer struct {
	bun.BaseModel `bun:"table:offers"`

	ID             string    `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	Name           string    `bun:"name"`
	Slug           string    `bun:"slug"` // see slugs.go: editable, never reused
	Description    string    `bun:"description"`
	ContentLinks   []Link    `bun:"content_links,type:jsonb"`
	WelcomeSubject string    `bun:"welcome_subject"`
	WelcomeBody    string    `bun:"welcome_body"`
	ArchivedAt     time.Time `bun:"archived_at,nullzero"`
	CreatedAt      time.Time `bun:"created_at,nullzero,notnull,default:now()"`
	UpdatedAt      time.Time `bun:"updated_at,nullzero,notnull,default:now()"`
}

// Grant gives a contact an offer; revoked grants stay as history.
type Grant struct {
	bun.BaseModel `bun:"table:offer_grants,alias:og"`

	ID        string    `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	ContactID string    `bun:"contact_id,type:uuid"`
	OfferID   string    `bun:"offer_id,type:uuid"`
	GrantedBy string    `bun:"granted_by,type:uuid,nullzero"`
	GrantedAt time.Time `bun:"granted_at,nullzero,notnull,default:now()"`
	RevokedAt time.Time `bun:"revoked_at,nullzero"`

	Offer *Offer `bun:"rel:belongs-to,join:offer_id=id"`
}

// CreateOffer inserts an offer, with a slug made from its name unless it has one, and
// reserves the slug for it.
func (s *Store) CreateOffer(ctx context.Context, o *Offer) error {
	if o.ContentLinks == nil {
		o.ContentLinks = []Link{}
	}
	return s.insertWithSlug(ctx, "offer", &o.Slug, o.Name, o, func() string { return o.ID })
}

// OfferBySlug returns the offer that has, or once had, slug.
func (s *Store) OfferBySlug(ctx context.Context, slug string) (Offer, error) {
	id, err := s.SlugOwner(ctx, "offer", slug)
	if err != nil {
		return Offer{}, err
	}
	return s.OfferByID(ctx, id)
}

// OfferByID returns one offer, archived or not.
func (s *Store) OfferByID(ctx context.Context, id string) (Offer, error) {
	var o Offer
	err := s.db.NewSelect().Model(&o).Where("id = ?", id).Scan(ctx)
	return o, dbErr("offer by id", err)
}

// ListOffers returns offers by name; archived ones only when asked.
func (s *Store) ListOffers(ctx context.Context, includeArchived bool) ([]Offer, error) {
	out := []Offer{}
	q := s.db.NewSelect().Model(&out).Order("name", "id")
	if !includeArchived {
		q = q.Where("archived_at IS NULL")
	}
	return out, dbErr("list offers", q.Scan(ctx))
}

// CreateGrant gives a contact an offer. A contact who already holds it is ErrConflict.
func (s *Store) CreateGrant(ctx context.Context, g *Grant) error {
	defer s.accessChanged(g.ContactID)
	_, err := s.db.NewInsert().Model(g).Returning("*").Exec(ctx)
	return dbErr("grant offer", err)
}

// ActiveGrants lists the offers a contact holds now, with the offers, oldest grant first.
func (s *Store) ActiveGrants(ctx context.Context, contactID string) ([]Grant, error) {
	out := []Grant{}
	err := s.db.NewSelect().Model(&out).Relation("Offer").
		Where("og.contact_id = ? AND og.revoked_at IS NULL", contactID).
		Order("og.granted_at", "og.id").Scan(ctx)
	return out, dbErr("active grants", err)
}

// UpdateOffer saves an offer's editable fields.
func (s *Store) UpdateOffer(ctx context.Context, o *Offer) error {
	defer s.accessChanged("*") // slugs are in tokens and headers
	if o.ContentLinks == nil {
		o.ContentLinks = []Link{}
	}
	res, err := s.db.NewUpdate().Model(o).Column("name", "slug", "description", "content_links", "welcome_subject", "welcome_body").
		Set("updated_at = now()").WherePK().Returning("*").Exec(ctx)
	return affected("update offer", res, err)
}

// SetOfferArchived archives (at) or restores (zero time) an offer.
func (s *Store) SetOfferArchived(ctx context.Context, id string, at time.Time) error {
	defer s.accessChanged("*")
	res, err := s.db.NewUpdate().Model((*Offer)(nil)).Where("id = ?", id).Set("archived_at = ?", nullTime(at)).Set("updated_at = now()").Exec(ctx)
	return affected("archive offer", res, err)
}

// RevokeGrant ends a contact's active grant of an offer (the row stays as history).
func (s *Store) RevokeGrant(ctx context.Context, contactID, offerID string, now time.Time) error {
	defer s.accessChanged(contactID)
	res, err := s.db.NewUpdate().Model((*Grant)(nil)).
		Where("contact_id = ? AND offer_id = ? AND revoked_at IS NULL", contactID, offerID).
		Set("revoked_at = ?", now).Exec(ctx)
	if err := affected("revoke grant", res, err); err != nil {
		return err
	}
	// The offer's welcome links (the tokens scoped to it) go with it, whoever revokes: the
	// desk, a bulk operation or a workflow.
	_, err = s.db.NewUpdate().Model((*Token)(nil)).
		Where("contact_id = ? AND scope = ? AND used_at IS NULL AND revoked_at IS NULL", contactID, offerID).
		Set("revoked_at = ?", now).Exec(ctx)
	return dbErr("revoke the offer's links", err)
}

// ActiveGrant returns a contact's active grant of one offer, with the offer.
func (s *Store) ActiveGrant(ctx context.Context, contactID, offerID string) (Grant, error) {
	var g Grant
	err := s.db.NewSelect().Model(&g).Relation("Offer").
		Where("og.contact_id = ? AND og.offer_id = ? AND og.revoked_at IS NULL", contactID, offerID).Scan(ctx)
	return g, dbErr("active grant", err)
}

// CountActiveGrants counts the contacts holding each offer.
func (s *Store) CountActiveGrants(ctx context.Context) (map[string]int, error) {
	var rows []struct {
		OfferID string `bun:"offer_id"`
		N       int    `bun:"n"`
	}
	err := s.db.NewSelect().Model((*Grant)(nil)).Column("offer_id").ColumnExpr("count(*) AS n").
		Where("revoked_at IS NULL").Group("offer_id").Scan(ctx, &rows)
	out := map[string]int{}
	for _, r := range rows {
		out[r.OfferID] = r.N
	}
	return out, dbErr("count grants", err)
}

// FirstGrant reports whether the contact never held the offer before (no grant row, active or
// revoked).
func (s *Store) FirstGrant(ctx context.Context, contactID, offerID string) (bool, error) {
	n, err := s.db.NewSelect().Model((*Grant)(nil)).Where("contact_id = ? AND offer_id = ?", contactID, offerID).Count(ctx)
	return n == 0, dbErr("first grant", err)
}
