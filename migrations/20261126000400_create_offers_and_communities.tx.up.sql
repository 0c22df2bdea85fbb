CREATE TABLE offers (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name             text NOT NULL CHECK (name <> ''),
    description      text NOT NULL DEFAULT '',
    -- [{"label": "...", "url": "https://..."}], shown to members who hold the offer.
    content_links    jsonb NOT NULL DEFAULT '[]',
    -- Empty means the built-in welcome template.
    welcome_subject  text NOT NULL DEFAULT '',
    welcome_body     text NOT NULL DEFAULT '',
    archived_at      timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Grants keep their history (revoked_at) so "first grant" can be told from a re-grant.
CREATE TABLE offer_grants (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    contact_id  uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    offer_id    uuid NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
    granted_by  uuid REFERENCES contacts (id) ON DELETE SET NULL,
    granted_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

CREATE UNIQUE INDEX offer_grants_active_key ON offer_grants (contact_id, offer_id) WHERE revoked_at IS NULL;
CREATE INDEX offer_grants_offer_idx ON offer_grants (offer_id) WHERE revoked_at IS NULL;

CREATE TABLE communities (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name         text NOT NULL CHECK (name <> ''),
    description  text NOT NULL DEFAULT '',
    url          text NOT NULL DEFAULT '',
    archived_at  timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Communities an offer includes: holding the offer makes the contact a member of them.
CREATE TABLE offer_communities (
    offer_id      uuid NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
    community_id  uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    PRIMARY KEY (offer_id, community_id)
);

-- Direct memberships; memberships through offers are derived from active grants.
CREATE TABLE community_memberships (
    contact_id    uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    community_id  uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    added_by      uuid REFERENCES contacts (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (contact_id, community_id)
);
CREATE INDEX community_memberships_community_idx ON community_memberships (community_id);
