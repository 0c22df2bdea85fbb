-- One-time links (welcome / set-password, reset, admin-issued). Only the SHA-256 of the token is
-- stored. scope narrows a purpose (the offer of a welcome link) so that issuing a new link revokes
-- exactly the older ones it replaces.
CREATE TABLE one_time_tokens (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    contact_id  uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    purpose     text NOT NULL,
    scope       text NOT NULL DEFAULT '',
    token_hash  bytea NOT NULL UNIQUE,
    created_by  uuid REFERENCES contacts (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);

CREATE INDEX one_time_tokens_live_idx ON one_time_tokens (contact_id, purpose, scope)
    WHERE used_at IS NULL AND revoked_at IS NULL;
