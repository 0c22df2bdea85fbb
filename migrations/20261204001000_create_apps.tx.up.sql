-- Apps are the places an offer opens: a site that signs members in with OpenID Connect
-- ("oidc") or one behind a reverse proxy that asks Gatehouse before serving ("proxy"). The
-- access rule says who may enter: any member, staff only, or holders of any of the listed
-- offers or members of any of the listed communities.
CREATE TABLE apps (
    id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name                       text NOT NULL CHECK (name <> '' AND length(name) <= 100),
    kind                       text NOT NULL CHECK (kind IN ('oidc', 'proxy')),
    -- OpenID Connect: the public client id, and the SHA-256 of the secret (NULL for a public,
    -- PKCE-only client). The secret itself is shown once and never stored.
    client_id                  text UNIQUE,
    client_secret_hash         bytea,
    redirect_uris              text[] NOT NULL DEFAULT '{}',
    post_logout_redirect_uris  text[] NOT NULL DEFAULT '{}',
    -- Proxy: the host names of the protected sites (return URLs must be on one of them).
    hosts                      text[] NOT NULL DEFAULT '{}',
    -- Where "Open" on the portal leads (empty: the first site or redirect URI's origin).
    launch_url                 text NOT NULL DEFAULT '',
    rule_any_member            boolean NOT NULL DEFAULT false,
    rule_staff_only            boolean NOT NULL DEFAULT false,
    rule_offer_ids             uuid[] NOT NULL DEFAULT '{}',
    rule_community_ids         uuid[] NOT NULL DEFAULT '{}',
    created_by                 uuid REFERENCES contacts (id) ON DELETE SET NULL,
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    CHECK (kind <> 'oidc' OR client_id IS NOT NULL),
    CHECK ((rule_any_member::int + rule_staff_only::int) <= 1)
);

-- The last time each contact signed in to each app (the contact record shows it).
CREATE TABLE app_sign_ins (
    app_id       uuid NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    contact_id   uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    first_at     timestamptz NOT NULL DEFAULT now(),
    last_at      timestamptz NOT NULL DEFAULT now(),
    count        integer NOT NULL DEFAULT 1,
    PRIMARY KEY (contact_id, app_id)
);

-- The one definition of "this contact may enter this app", used by the token endpoint, the
-- userinfo endpoint, forward-auth and the revocation that follows a lost offer. Archived
-- offers and communities open nothing (members no longer see them either). Each branch is one
-- probe of an index on the contact's grants or memberships.
CREATE FUNCTION gatehouse_app_admits(p_app uuid, p_contact uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce((
        SELECT c.disabled_at IS NULL AND (
            a.rule_any_member
            OR (a.rule_staff_only AND c.role IN ('support', 'admin', 'owner'))
            OR EXISTS (
                SELECT 1 FROM offer_grants g JOIN offers o ON o.id = g.offer_id
                WHERE g.contact_id = c.id AND g.revoked_at IS NULL AND o.archived_at IS NULL
                  AND g.offer_id = ANY (a.rule_offer_ids))
            OR EXISTS (
                SELECT 1 FROM community_memberships m JOIN communities cm ON cm.id = m.community_id
                WHERE m.contact_id = c.id AND cm.archived_at IS NULL
                  AND m.community_id = ANY (a.rule_community_ids))
            OR EXISTS (
                SELECT 1 FROM offer_grants g
                JOIN offers o ON o.id = g.offer_id
                JOIN offer_communities oc ON oc.offer_id = g.offer_id
                JOIN communities cm ON cm.id = oc.community_id
                WHERE g.contact_id = c.id AND g.revoked_at IS NULL AND o.archived_at IS NULL
                  AND cm.archived_at IS NULL AND oc.community_id = ANY (a.rule_community_ids))
        )
        FROM apps a, contacts c WHERE a.id = p_app AND c.id = p_contact
    ), false)
$$;
