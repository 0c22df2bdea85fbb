-- Sign-in identities at OAuth / OpenID Connect providers, each linked to one contact.
CREATE TABLE identities (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    contact_id        uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    provider          text NOT NULL,
    provider_user_id  text NOT NULL,
    email             text NOT NULL DEFAULT '',
    created_at        timestamptz NOT NULL DEFAULT now(),
    last_used_at      timestamptz,
    UNIQUE (provider, provider_user_id)
);
CREATE INDEX identities_contact_idx ON identities (contact_id);

-- A sign-in in progress: our own random state (only its hash), bound to the browser that
-- started it by a cookie nonce (only its hash), used once, valid ten minutes.
CREATE TABLE oauth_states (
    state_hash     bytea PRIMARY KEY,
    nonce_hash     bytea NOT NULL,
    provider       text NOT NULL,
    mode           text NOT NULL,            -- login or link
    contact_id     uuid REFERENCES contacts (id) ON DELETE CASCADE, -- link: who is linking
    -- PKCE verifier and OpenID Connect nonce: useless without the code the provider sends to
    -- the browser that holds the cookie, and the row is good for one callback only.
    code_verifier  text NOT NULL DEFAULT '',
    oidc_nonce     text NOT NULL DEFAULT '',
    session        text NOT NULL DEFAULT '', -- the provider library's session (no secret yet)
    next_path      text NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz
);

-- Off by default: a provider account with no matching contact gets a polite "no account".
ALTER TABLE settings ADD COLUMN allow_self_signup boolean NOT NULL DEFAULT false;
