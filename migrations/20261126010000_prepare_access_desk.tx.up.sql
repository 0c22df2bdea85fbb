-- Contact search by any substring of name or email stays fast at 100,000+ contacts: trigram
-- indexes answer LIKE '%text%' (and prefixes) without reading the table.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX contacts_email_trgm_idx ON contacts USING gin (lower(email) gin_trgm_ops);
CREATE INDEX contacts_name_trgm_idx ON contacts USING gin (lower(name) gin_trgm_ops);
-- Keyset pages for each sort order.
CREATE INDEX contacts_created_idx ON contacts (created_at DESC, id DESC);
CREATE INDEX contacts_name_sort_idx ON contacts (lower(name), id);
CREATE INDEX contacts_last_login_idx ON contacts (last_login_at DESC NULLS LAST, id DESC);

-- Addresses that bounced permanently or complained: nothing more is sent to them until staff
-- lift the suppression.
CREATE TABLE suppressions (
    email_lower      text PRIMARY KEY,
    reason           text NOT NULL,
    source_email_id  uuid REFERENCES emails (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);

-- Settings staff can change: the sender and how long the links they send live.
ALTER TABLE settings
    ADD COLUMN sender_address       text NOT NULL DEFAULT '',
    ADD COLUMN staff_reset_ttl_minutes  integer NOT NULL DEFAULT 1440 CHECK (staff_reset_ttl_minutes BETWEEN 15 AND 10080),
    ADD COLUMN welcome_ttl_minutes  integer NOT NULL DEFAULT 4320 CHECK (welcome_ttl_minutes BETWEEN 15 AND 10080);

CREATE INDEX community_memberships_contact_idx ON community_memberships (contact_id);
CREATE INDEX audit_entries_actor_idx ON audit_entries (actor_id, created_at DESC);
CREATE INDEX audit_entries_action_idx ON audit_entries (action, created_at DESC);
CREATE INDEX emails_offer_idx ON emails (contact_id, offer_id, created_at DESC) WHERE offer_id IS NOT NULL;
