-- Workflows: when a trigger fires for a contact, run actions. A run copies the workflow's
-- actions when it starts, so editing a workflow never changes runs already in flight.
CREATE TABLE workflows (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL CHECK (name <> ''),
    enabled     boolean NOT NULL DEFAULT false,
    trigger     jsonb NOT NULL,
    actions     jsonb NOT NULL,
    version     integer NOT NULL DEFAULT 1,
    -- Set when a run was stopped because the workflow's own actions fired its trigger again.
    flagged     text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Things that happened to a contact that workflows may react to. chain lists the workflows
-- whose actions led to this event (loop detection).
CREATE TABLE workflow_events (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    type        text NOT NULL,
    contact_id  uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    offer_id    uuid REFERENCES offers (id) ON DELETE SET NULL,
    first_grant boolean NOT NULL DEFAULT false,
    chain       uuid[] NOT NULL DEFAULT '{}',
    -- For "not logged in N days" events: one per workflow and contact, ever.
    dedupe_key  text UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workflow_events_created_idx ON workflow_events (created_at DESC);

CREATE TABLE workflow_runs (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workflow_id       uuid NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
    workflow_version  integer NOT NULL,
    event_id          uuid REFERENCES workflow_events (id) ON DELETE SET NULL,
    contact_id        uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    actions           jsonb NOT NULL,
    step              integer NOT NULL DEFAULT 0,
    status            text NOT NULL DEFAULT 'running',
    test              boolean NOT NULL DEFAULT false,
    steps             jsonb NOT NULL DEFAULT '[]',
    wait_until        timestamptz,
    started_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz
);
-- Exactly one run per workflow and trigger event, however often the dispatch job runs.
CREATE UNIQUE INDEX workflow_runs_event_key ON workflow_runs (workflow_id, event_id) WHERE event_id IS NOT NULL;
CREATE INDEX workflow_runs_workflow_idx ON workflow_runs (workflow_id, started_at DESC);
CREATE INDEX workflow_runs_contact_idx ON workflow_runs (contact_id, started_at DESC);

-- Bulk operations: the selection is fixed as items when the run starts; each item gets its
-- outcome in the transaction that acts on it, so a resumed or retried run never repeats one.
CREATE TABLE bulk_operations (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    action        text NOT NULL,
    offer_id      uuid REFERENCES offers (id) ON DELETE SET NULL,
    community_id  uuid REFERENCES communities (id) ON DELETE SET NULL,
    selection     jsonb NOT NULL,
    status        text NOT NULL DEFAULT 'running',
    total         integer NOT NULL DEFAULT 0,
    done          integer NOT NULL DEFAULT 0,
    created_by    uuid REFERENCES contacts (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz
);

CREATE TABLE bulk_items (
    operation_id  uuid NOT NULL REFERENCES bulk_operations (id) ON DELETE CASCADE,
    seq           integer NOT NULL,
    contact_id    uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    outcome       text,
    detail        text NOT NULL DEFAULT '',
    done_at       timestamptz,
    PRIMARY KEY (operation_id, seq)
);
CREATE INDEX bulk_items_pending_idx ON bulk_items (operation_id, seq) WHERE outcome IS NULL;

-- CSV imports: the file is kept in 1 MiB chunks so a job on any instance can stream it
-- without holding it in memory; every row gets an outcome.
CREATE TABLE imports (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    filename      text NOT NULL DEFAULT '',
    options       jsonb NOT NULL,
    status        text NOT NULL DEFAULT 'uploaded',
    dry_run       boolean NOT NULL DEFAULT true,
    total         integer NOT NULL DEFAULT 0,
    done          integer NOT NULL DEFAULT 0,
    counts        jsonb NOT NULL DEFAULT '{}',
    -- Why the whole file stopped (its mapping, its size), shown to staff.
    error         text NOT NULL DEFAULT '',
    created_by    uuid REFERENCES contacts (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz
);

CREATE TABLE import_chunks (
    import_id  uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    seq        integer NOT NULL,
    data       bytea NOT NULL,
    PRIMARY KEY (import_id, seq)
);

CREATE TABLE import_rows (
    import_id  uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    line       integer NOT NULL,
    email      text NOT NULL DEFAULT '',
    outcome    text NOT NULL,
    detail     text NOT NULL DEFAULT '',
    contact_id uuid REFERENCES contacts (id) ON DELETE SET NULL,
    PRIMARY KEY (import_id, line)
);

ALTER TABLE contacts ADD COLUMN phone text NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
