-- Append-only record of staff actions: actor, action, target, when, from where. Never a secret.
CREATE TABLE audit_entries (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id     uuid REFERENCES contacts (id) ON DELETE SET NULL,
    actor_email  text NOT NULL DEFAULT '',
    action       text NOT NULL,
    target_type  text NOT NULL DEFAULT '',
    target_id    text NOT NULL DEFAULT '',
    contact_id   uuid REFERENCES contacts (id) ON DELETE SET NULL,
    detail       jsonb NOT NULL DEFAULT '{}',
    ip           text NOT NULL DEFAULT '',
    user_agent   text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_entries_created_idx ON audit_entries (created_at DESC);
CREATE INDEX audit_entries_contact_idx ON audit_entries (contact_id, created_at DESC);

CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entries is append-only';
END $$;
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();

-- Self-service requests (forgot password, resend access), recorded for every address asked
-- about, known or not, so staff can answer "I never got it". The job fills in the outcome.
CREATE TABLE access_requests (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind        text NOT NULL,
    email       text NOT NULL,
    contact_id  uuid REFERENCES contacts (id) ON DELETE SET NULL,
    -- For "send me a new link" from an expired link: which kind of link to renew.
    link_purpose text NOT NULL DEFAULT '',
    link_scope   text NOT NULL DEFAULT '',
    outcome     text NOT NULL DEFAULT 'pending',
    ip          text NOT NULL DEFAULT '',
    user_agent  text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    decided_at  timestamptz
);
CREATE INDEX access_requests_created_idx ON access_requests (created_at DESC);
CREATE INDEX access_requests_contact_idx ON access_requests (contact_id, created_at DESC);

-- Fixed-window counters shared by every instance (throttles must hold behind a load balancer).
CREATE TABLE rate_limits (
    key           text PRIMARY KEY,
    window_start  timestamptz NOT NULL,
    count         integer NOT NULL
);

-- Portal-wide settings: a single row.
CREATE TABLE settings (
    id             boolean PRIMARY KEY DEFAULT true CHECK (id),
    portal_name    text NOT NULL DEFAULT 'Gatehouse',
    logo_url       text NOT NULL DEFAULT '',
    primary_color  text NOT NULL DEFAULT '#4338ca',
    sender_name    text NOT NULL DEFAULT '',
    support_email  text NOT NULL DEFAULT '',
    updated_at     timestamptz NOT NULL DEFAULT now()
);
INSERT INTO settings DEFAULT VALUES;
