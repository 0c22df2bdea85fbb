-- One path per action: every change to a contact's access is audited, whoever made it. The
-- entry names the kind of actor (a member of staff, a workflow, a bulk run, an import, an API
-- key), what it ran under, and the target as it was named at the time.
ALTER TABLE audit_entries
    ADD COLUMN actor_kind   text NOT NULL DEFAULT 'staff',
    ADD COLUMN actor_ref    text NOT NULL DEFAULT '',
    ADD COLUMN actor_label  text NOT NULL DEFAULT '',
    ADD COLUMN target_label text NOT NULL DEFAULT '';

-- A grant event remembers the welcome email queued with it (if any), so a workflow reacting to
-- that very grant can tell, exactly, whether its welcome already went out.
ALTER TABLE workflow_events ADD COLUMN welcome_email_id uuid REFERENCES emails (id) ON DELETE SET NULL;

-- A bulk run acts with its creator's authority as it was when started: a demoted or disabled
-- creator's runs stop.
ALTER TABLE bulk_operations
    ADD COLUMN created_role text NOT NULL DEFAULT '',
    ADD COLUMN stop_reason  text NOT NULL DEFAULT '';
