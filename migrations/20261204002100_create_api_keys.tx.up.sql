-- The machine API (/api/v1): contacts get the id another system knows them by, keys are
-- stored as SHA-256 (they are long random strings: a fast hash is enough, and a slow one would
-- cap a busy integration), and POSTs remember their first answer per key for 24 hours.
ALTER TABLE contacts ADD COLUMN external_id text
    CHECK (external_id IS NULL OR (external_id <> '' AND length(external_id) <= 200));
CREATE UNIQUE INDEX contacts_external_id_key ON contacts (external_id) WHERE external_id IS NOT NULL;

CREATE TABLE api_keys (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name             text NOT NULL CHECK (name <> '' AND length(name) <= 100),
    -- The key's first characters, shown in lists so people can tell keys apart; not enough
    -- to use or to guess the rest.
    prefix           text NOT NULL,
    key_hash         bytea NOT NULL UNIQUE,
    scopes           text[] NOT NULL,
    rate_per_minute  integer NOT NULL DEFAULT 600 CHECK (rate_per_minute BETWEEN 1 AND 100000),
    created_by       uuid REFERENCES contacts (id) ON DELETE SET NULL,
    created_by_email text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_used_at     timestamptz,
    revoked_at       timestamptz
);
CREATE INDEX api_keys_created_idx ON api_keys (created_at DESC, id DESC);

-- One row per (key, Idempotency-Key): 'running' while the first request works, then its
-- answer. An answer that carried a secret (an access link) keeps no body.
CREATE TABLE api_idempotency (
    api_key_id    uuid NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    key           text NOT NULL,
    fingerprint   bytea NOT NULL,
    state         text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done')),
    status        integer,
    content_type  text NOT NULL DEFAULT '',
    body          bytea,
    secret        boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (api_key_id, key)
);
CREATE INDEX api_idempotency_created_idx ON api_idempotency (created_at);
