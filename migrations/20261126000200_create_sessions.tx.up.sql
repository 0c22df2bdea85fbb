-- Sessions are rows so they can be listed and revoked; only the SHA-256 of the cookie value is kept.
CREATE TABLE sessions (
    id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    contact_id            uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    token_hash            bytea NOT NULL UNIQUE,
    idle_timeout_seconds  integer NOT NULL,
    must_change_password  boolean NOT NULL DEFAULT false,
    ip                    text NOT NULL DEFAULT '',
    user_agent            text NOT NULL DEFAULT '',
    created_at            timestamptz NOT NULL DEFAULT now(),
    last_seen_at          timestamptz NOT NULL DEFAULT now(),
    expires_at            timestamptz NOT NULL,
    revoked_at            timestamptz
);

CREATE INDEX sessions_contact_idx ON sessions (contact_id) WHERE revoked_at IS NULL;
