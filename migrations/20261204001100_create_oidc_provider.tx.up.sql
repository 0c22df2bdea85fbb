-- The OpenID Connect provider's state. Signing keys: RS256, the private half sealed with the
-- server key. A key signs from active_from until it is retired, and stays in the published key
-- set until publish_until, so tokens it signed can be checked until they expire.
CREATE TABLE oidc_signing_keys (
    id                  text PRIMARY KEY,
    algorithm           text NOT NULL DEFAULT 'RS256',
    public_key          bytea NOT NULL,
    private_key_sealed  text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    active_from         timestamptz NOT NULL,
    retired_at          timestamptz,
    publish_until       timestamptz
);

-- One authorization request, from /authorize to the code exchange. The code is stored as its
-- SHA-256 only. A code used a second time revokes what the first use minted (code_reused_at).
CREATE TABLE oidc_auth_requests (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    app_id                 uuid NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    client_id              text NOT NULL,
    redirect_uri           text NOT NULL,
    scopes                 text[] NOT NULL DEFAULT '{}',
    state                  text NOT NULL DEFAULT '',
    nonce                  text NOT NULL DEFAULT '',
    response_type          text NOT NULL,
    response_mode          text NOT NULL DEFAULT '',
    code_challenge         text NOT NULL DEFAULT '',
    code_challenge_method  text NOT NULL DEFAULT '',
    max_age_seconds        integer,
    prompt                 text[] NOT NULL DEFAULT '{}',
    -- Set when a signed-in contact who passes the app's rule completes it, in one browser session.
    contact_id             uuid REFERENCES contacts (id) ON DELETE CASCADE,
    session_id             uuid REFERENCES sessions (id) ON DELETE CASCADE,
    auth_time              timestamptz,
    amr                    text[] NOT NULL DEFAULT '{}',
    code_hash              bytea UNIQUE,
    code_expires_at        timestamptz,
    code_used_at           timestamptz,
    code_reused_at         timestamptz,
    created_at             timestamptz NOT NULL DEFAULT now(),
    expires_at             timestamptz NOT NULL
);
CREATE INDEX oidc_auth_requests_expires_idx ON oidc_auth_requests (expires_at);

-- Access tokens are opaque (the token is the sealed id of this row, checked at userinfo);
-- refresh tokens are random, stored as SHA-256, rotated on every use. family_id ties every
-- token minted from one code together: a replayed code or refresh token revokes the family.
CREATE TABLE oidc_tokens (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind             text NOT NULL CHECK (kind IN ('access', 'refresh')),
    app_id           uuid NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    contact_id       uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    family_id        uuid NOT NULL,
    auth_request_id  uuid,
    token_hash       bytea UNIQUE,
    scopes           text[] NOT NULL DEFAULT '{}',
    audience         text[] NOT NULL DEFAULT '{}',
    amr              text[] NOT NULL DEFAULT '{}',
    auth_time        timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    used_at          timestamptz,
    revoked_at       timestamptz,
    CHECK (kind <> 'refresh' OR token_hash IS NOT NULL)
);
CREATE INDEX oidc_tokens_contact_idx ON oidc_tokens (contact_id, app_id) WHERE revoked_at IS NULL;
CREATE INDEX oidc_tokens_family_idx ON oidc_tokens (family_id);
CREATE INDEX oidc_tokens_auth_request_idx ON oidc_tokens (auth_request_id);
CREATE INDEX oidc_tokens_expires_idx ON oidc_tokens (expires_at);
