-- Forward-auth: the portal hands a protected site a one-time code (60 s, single use, stored as
-- SHA-256); the site's /_gatehouse/callback turns it into a cookie of its own, bound to the app
-- and to the portal session it came from: it ends when that session ends.
CREATE TABLE forward_auth_codes (
    code_hash   bytea PRIMARY KEY,
    app_id      uuid NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    contact_id  uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    session_id  uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX forward_auth_codes_expires_idx ON forward_auth_codes (expires_at);

CREATE TABLE forward_auth_sessions (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    token_hash  bytea NOT NULL UNIQUE,
    app_id      uuid NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    contact_id  uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    session_id  uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX forward_auth_sessions_session_idx ON forward_auth_sessions (session_id);
CREATE INDEX forward_auth_sessions_expires_idx ON forward_auth_sessions (expires_at);
