-- Every email is a row before it is sent (the outbox) and stays as its history.
CREATE TABLE emails (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    contact_id       uuid REFERENCES contacts (id) ON DELETE SET NULL,
    to_address       text NOT NULL,
    kind             text NOT NULL,
    lane             text NOT NULL DEFAULT 'credential' CHECK (lane IN ('credential', 'bulk')),
    offer_id         uuid REFERENCES offers (id) ON DELETE SET NULL,
    subject          text NOT NULL,
    -- Bodies hold a placeholder where a one-time link goes; the link itself sits in link_secret
    -- only until the email reaches a final state, so the history never keeps a usable secret.
    html_body        text NOT NULL,
    text_body        text NOT NULL,
    link_secret      text,
    status           text NOT NULL DEFAULT 'queued',
    status_reason    text NOT NULL DEFAULT '',
    provider_id      text,
    attempts         integer NOT NULL DEFAULT 0,
    retry_of         uuid REFERENCES emails (id) ON DELETE SET NULL,
    created_by       uuid REFERENCES contacts (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz
);

CREATE INDEX emails_contact_idx ON emails (contact_id, created_at DESC);
CREATE INDEX emails_status_idx ON emails (status, created_at DESC);
CREATE UNIQUE INDEX emails_provider_id_key ON emails (provider_id) WHERE provider_id IS NOT NULL;

CREATE TABLE email_events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email_id     uuid NOT NULL REFERENCES emails (id) ON DELETE CASCADE,
    type         text NOT NULL,
    detail       text NOT NULL DEFAULT '',
    occurred_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX email_events_email_idx ON email_events (email_id, occurred_at);

-- Emails captured locally when no Resend key is configured: the developer's mailbox. These hold
-- the real links (they are the delivered mail), so they are readable by staff only.
CREATE TABLE captured_emails (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email_id    uuid REFERENCES emails (id) ON DELETE CASCADE,
    from_address text NOT NULL,
    to_address  text NOT NULL,
    subject     text NOT NULL,
    html_body   text NOT NULL,
    text_body   text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX captured_emails_created_idx ON captured_emails (created_at DESC);
-- One captured copy per email row, however often its delivery job runs.
CREATE UNIQUE INDEX captured_emails_email_key ON captured_emails (email_id);
