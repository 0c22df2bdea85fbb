-- Bulk email goes out in batches of up to 100 whose membership is fixed before the first send,
-- so the batch's idempotency key names the same emails on every retry.
CREATE TABLE email_batches (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    size        integer NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz
);
ALTER TABLE emails ADD COLUMN batch_id uuid REFERENCES email_batches (id) ON DELETE SET NULL;
CREATE INDEX emails_unbatched_idx ON emails (created_at) WHERE lane = 'bulk' AND status = 'queued' AND batch_id IS NULL;
CREATE INDEX emails_batch_idx ON emails (batch_id) WHERE batch_id IS NOT NULL;

-- One shared schedule of request slots to the provider, so every instance together stays under
-- its rate limit; a 429 pushes the next slot out for everyone.
CREATE TABLE send_pacer (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    next_slot   timestamptz NOT NULL DEFAULT now(),
    -- After a 429 nobody sends before this, whatever slot they already booked.
    held_until  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO send_pacer DEFAULT VALUES;

-- Every webhook delivery as received, de-duplicated on Svix's message id. Unknown event types
-- are kept and ignored.
CREATE TABLE webhook_events (
    svix_id       text PRIMARY KEY,
    type          text NOT NULL,
    provider_id   text NOT NULL DEFAULT '',
    payload       jsonb NOT NULL,
    occurred_at   timestamptz,
    received_at   timestamptz NOT NULL DEFAULT now(),
    processed_at  timestamptz,
    outcome       text NOT NULL DEFAULT ''
);
CREATE INDEX webhook_events_received_idx ON webhook_events (received_at DESC);

-- Staff-edited subject and body per email kind (the offer's welcome email lives on the offer).
-- Empty means the built-in template.
CREATE TABLE email_templates (
    kind        text PRIMARY KEY,
    subject     text NOT NULL DEFAULT '',
    body        text NOT NULL DEFAULT '',
    updated_by  uuid REFERENCES contacts (id) ON DELETE SET NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX emails_created_idx ON emails (created_at DESC, id DESC);
CREATE INDEX emails_to_lower_idx ON emails (lower(to_address), created_at DESC);

-- Rendered previews of templates being edited, served to a sandboxed frame by id (a frame
-- cannot POST the template it shows). Kept an hour.
CREATE TABLE email_previews (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    html        text NOT NULL,
    created_by  uuid REFERENCES contacts (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now()
);
