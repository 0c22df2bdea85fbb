-- Offers and communities get a slug: a stable, readable name for integrations (the API grants
-- by slug, OIDC tokens list the slugs a member holds). Editable, never reused: every slug ever
-- given stays reserved to its owner in slugs, so an old slug still names the same offer and can
-- never come to mean another one.
CREATE TABLE slugs (
    kind      text NOT NULL CHECK (kind IN ('offer', 'community')),
    slug      text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 60),
    owner_id  uuid NOT NULL,
    PRIMARY KEY (kind, slug)
);

ALTER TABLE offers ADD COLUMN slug text;
ALTER TABLE communities ADD COLUMN slug text;

-- Existing rows: a slug from the name ("Pottery course" → pottery-course), numbered when two
-- names give the same one, "offer"/"community" when the name has no letters or digits.
WITH base AS (
    SELECT id, coalesce(nullif(left(trim(both '-' from regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g')), 50), ''), 'offer') AS b,
           created_at FROM offers
), numbered AS (
    SELECT id, b || CASE WHEN row_number() OVER (PARTITION BY b ORDER BY created_at, id) > 1
                         THEN '-' || row_number() OVER (PARTITION BY b ORDER BY created_at, id) ELSE '' END AS s FROM base
)
UPDATE offers o SET slug = n.s FROM numbered n WHERE o.id = n.id;

WITH base AS (
    SELECT id, coalesce(nullif(left(trim(both '-' from regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g')), 50), ''), 'community') AS b,
           created_at FROM communities
), numbered AS (
    SELECT id, b || CASE WHEN row_number() OVER (PARTITION BY b ORDER BY created_at, id) > 1
                         THEN '-' || row_number() OVER (PARTITION BY b ORDER BY created_at, id) ELSE '' END AS s FROM base
)
UPDATE communities c SET slug = n.s FROM numbered n WHERE c.id = n.id;

ALTER TABLE offers ALTER COLUMN slug SET NOT NULL, ADD CONSTRAINT offers_slug_key UNIQUE (slug);
ALTER TABLE communities ALTER COLUMN slug SET NOT NULL, ADD CONSTRAINT communities_slug_key UNIQUE (slug);
INSERT INTO slugs (kind, slug, owner_id) SELECT 'offer', slug, id FROM offers;
INSERT INTO slugs (kind, slug, owner_id) SELECT 'community', slug, id FROM communities;
