-- "Email me a code": six-digit sign-in codes, bound to the browser that asked (the SHA-256 of a
-- random id in a cookie of that browser) and stored as an HMAC keyed with the server key. At
-- most 5 wrong tries, 10 minutes, one use. A new request from the same browser replaces that
-- browser's code; one from another browser does not touch it.
CREATE TABLE sign_in_codes (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    contact_id    uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    browser_hash  bytea NOT NULL,
    code_mac      bytea NOT NULL,
    attempts      integer NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    used_at       timestamptz
);
CREATE UNIQUE INDEX sign_in_codes_live_key ON sign_in_codes (contact_id, browser_hash) WHERE used_at IS NULL;

-- The browser a code request came from (the code is bound to it when the job issues it).
ALTER TABLE access_requests ADD COLUMN browser_hash bytea;

-- A code beside every emailed link: the link and its code are one token (using either ends
-- both); the code is checked with the account's address, 5 wrong tries per token.
ALTER TABLE one_time_tokens
    ADD COLUMN code_mac bytea,
    ADD COLUMN code_attempts integer NOT NULL DEFAULT 0;

-- The code an email carries, like its link, is kept only until it is handed to the provider.
ALTER TABLE emails ADD COLUMN code_secret text;

-- How a session started (password, code, link, provider): a member who signed in with a code
-- may set a first password without a current one, for a few minutes.
ALTER TABLE sessions ADD COLUMN method text NOT NULL DEFAULT 'password';

ALTER TABLE settings
    ADD COLUMN allow_code_sign_in boolean NOT NULL DEFAULT true,
    ADD COLUMN allow_staff_code_sign_in boolean NOT NULL DEFAULT false;
