-- Grants by contact, revoked ones included: "first grant of this offer?" (every grant made by
-- the desk, imports, bulk and workflows) and the inactivity scan's "first grant of this
-- contact" both read them; the two partial indexes on active grants cannot serve them, so each
-- was a scan of the whole table.
CREATE INDEX offer_grants_contact_idx ON offer_grants (contact_id, offer_id, granted_at);

-- The audit list filtered by target, in the order it pages (newest id first).
CREATE INDEX audit_entries_target_idx ON audit_entries (target_id, id DESC);

-- The email log's search by part of the address (lower(to_address) LIKE '%…%').
CREATE INDEX emails_to_trgm_idx ON emails USING gin (lower(to_address) gin_trgm_ops);
