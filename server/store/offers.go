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

// CreateOffer inserts an offer.
func (s *Store) CreateOffer(ctx context.Context, o *Offer) error {
	if o.ContentLinks == nil {
		o.ContentLinks = []Link{}
	}
	_, err := s.db.NewInsert().Model(o).Returning("*").Exec(ctx)
	return dbErr("create offer", err)
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
