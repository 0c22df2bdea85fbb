-- The audit log is searched by the names it records (a contact's name and address as they were,
-- the actor's address, a workflow's or key's name), not by ids.
CREATE INDEX audit_entries_target_label_trgm_idx ON audit_entries USING gin (lower(target_label) gin_trgm_ops);
