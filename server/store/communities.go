package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Community is a group members belong to, directly or through an offer that includes it.
type Community struct {
	bun.BaseModel `bun:"table:communities"`

	ID          string    `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	Name        string    `bun:"name"`
	Slug        string    `bun:"slug"` // see slugs.go: editable, never reused
	Description string    `bun:"description"`
	URL         string    `bun:"url"`
	ArchivedAt  time.Time `bun:"archived_at,nullzero"`
	CreatedAt   time.Time `bun:"created_at,nullzero,notnull,default:now()"`
	UpdatedAt   time.Time `bun:"updated_at,nullzero,notnull,default:now()"`
}

// ContactCommunity is a community a contact belongs to and how: "direct" or through offers.
type ContactCommunity struct {
	Community
	Direct    bool     `bun:"direct"`
	ViaOffers []string `bun:"via_offers,array"`
}

// CreateCommunity inserts a community.
func (s *Store) CreateCommunity(ctx context.Context, c *Community) error {
	return s.insertWithSlug(ctx, "community", &c.Slug, c.Name, c, func() string { return c.ID })
}

// CommunityBySlug returns the community that has, or once had, slug.
func (s *Store) CommunityBySlug(ctx context.Context, slug string) (Community, error) {
	id, err := s.SlugOwner(ctx, "community", slug)
	if err != nil {
		return Community{}, err
	}
	return s.CommunityByID(ctx, id)
}

// ListCommunities returns communities by name; archived ones only when asked.
func (s *Store) ListCommunities(ctx context.Context, includeArchived bool) ([]Community, error) {
	out := []Community{}
	q := s.db.NewSelect().Model(&out).Order("name", "id")
	if !includeArchived {
		q = q.Where("archived_at IS NULL")
	}
	return out, dbErr("list communities", q.Scan(ctx))
}

// SetOfferCommunities replaces the communities an offer includes.
func (s *Store) SetOfferCommunities(ctx context.Context, offerID string, communityIDs []string) error {
	defer s.accessChanged("*")
	if _, err := s.db.NewDelete().TableExpr("offer_communities").Where("offer_id = ?", offerID).Exec(ctx); err != nil {
		return dbErr("set offer communities", err)
	}
	for _, id := range communityIDs {
		if _, err := s.db.NewRaw("INSERT INTO offer_communities (offer_id, community_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
			offerID, id).Exec(ctx); err != nil {
			return dbErr("set offer communities", err)
		}
	}
	return nil
}

// OfferCommunityIDs lists the communities an offer includes.
func (s *Store) OfferCommunityIDs(ctx context.Context, offerID string) ([]string, error) {
	ids := []string{}
	err := s.db.NewSelect().TableExpr("offer_communities").Column("community_id").
		Where("offer_id = ?", offerID).Order("community_id").Scan(ctx, &ids)
	return ids, dbErr("offer communities", err)
}

// AddMembership makes a contact a direct member of a community (no-op if already).
func (s *Store) AddMembership(ctx context.Context, contactID, communityID, addedBy string) error {
	defer s.accessChanged(contactID)
	_, err := s.db.NewRaw(`INSERT INTO community_memberships (contact_id, community_id, added_by)
		VALUES (?, ?, NULLIF(?, '')::uuid) ON CONFLICT DO NOTHING`, contactID, communityID, addedBy).Exec(ctx)
	return dbErr("add membership", err)
}

// ContactCommunities lists the live communities a contact belongs to, directly or through the
// offers they hold now.
func (s *Store) ContactCommunities(ctx context.Context, contactID string) ([]ContactCommunity, error) {
	out := []ContactCommunity{}
	err := s.db.NewRaw(`
		SELECT c.*, bool_or(m.direct) AS direct,
		       coalesce(array_agg(DISTINCT m.offer_name) FILTER (WHERE m.offer_name IS NOT NULL), '{}') AS via_offers
		FROM (
			SELECT community_id, true AS direct, NULL::text AS offer_name
			FROM community_memberships WHERE contact_id = ?0
			UNION ALL
			SELECT oc.community_id, false, o.name
			FROM offer_grants g
			JOIN offer_communities oc ON oc.offer_id = g.offer_id
			JOIN offers o ON o.id = g.offer_id
			WHERE g.contact_id = ?0 AND g.revoked_at IS NULL AND o.archived_at IS NULL
		) m
		JOIN communities c ON c.id = m.community_id
		WHERE c.archived_at IS NULL
		GROUP BY c.id
		ORDER BY c.name, c.id`, contactID).Scan(ctx, &out)
	return out, dbErr("contact communities", err)
}

// CommunityByID returns one community.
func (s *Store) CommunityByID(ctx context.Context, id string) (Community, error) {
	var c Community
	err := s.db.NewSelect().Model(&c).Where("id = ?", id).Scan(ctx)
	return c, dbErr("community by id", err)
}

// UpdateCommunity saves a community's editable fields.
func (s *Store) UpdateCommunity(ctx context.Context, c *Community) error {
	defer s.accessChanged("*")
	res, err := s.db.NewUpdate().Model(c).Column("name", "slug", "description", "url").Set("updated_at = now()").WherePK().Returning("*").Exec(ctx)
	return affected("update community", res, err)
}

// SetCommunityArchived archives (at) or restores (zero time) a community.
func (s *Store) SetCommunityArchived(ctx context.Context, id string, at time.Time) error {
	defer s.accessChanged("*")
	res, err := s.db.NewUpdate().Model((*Community)(nil)).Where("id = ?", id).Set("archived_at = ?", nullTime(at)).Set("updated_at = now()").Exec(ctx)
	return affected("archive community", res, err)
}

// RemoveMembership ends a contact's direct membership; ErrNotFound if there was none.
func (s *Store) RemoveMembership(ctx context.Context, contactID, communityID string) error {
	defer s.accessChanged(contactID)
	res, err := s.db.NewDelete().TableExpr("community_memberships").Where("contact_id = ? AND community_id = ?", contactID, communityID).Exec(ctx)
	return affected("remove membership", res, err)
}

// CommunityMember is a contact in a community and how they are in it.
type CommunityMember struct {
	Contact
	Direct    bool     `bun:"direct"`
	ViaOffers []string `bun:"via_offers,array"`
}

// CommunityMembers lists a community's members (direct and through offers) by name.
func (s *Store) CommunityMembers(ctx context.Context, communityID string, limit int) ([]CommunityMember, error) {
	out := []CommunityMember{}
	err := s.db.NewRaw(`
		SELECT c.*, bool_or(m.direct) AS direct,
		       coalesce(array_agg(DISTINCT m.offer_name) FILTER (WHERE m.offer_name IS NOT NULL), '{}') AS via_offers
		FROM (
			SELECT contact_id, true AS direct, NULL::text AS offer_name
			FROM community_memberships WHERE community_id = ?0
			UNION ALL
			SELECT g.contact_id, false, o.name
			FROM offer_communities oc
			JOIN offer_grants g ON g.offer_id = oc.offer_id AND g.revoked_at IS NULL
			JOIN offers o ON o.id = oc.offer_id AND o.archived_at IS NULL
			WHERE oc.community_id = ?0
		) m
		JOIN contacts c ON c.id = m.contact_id
		GROUP BY c.id
		ORDER BY lower(c.name), c.email
		LIMIT ?1`, communityID, limit).Scan(ctx, &out)
	return out, dbErr("community members", err)
}
