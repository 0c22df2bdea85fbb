-- Outbound webhooks: endpoints subscribe to event types; every event is a row written in the
-- transaction of the change, with one delivery per subscribed endpoint, each a job.
CREATE TABLE webhook_endpoints (
    id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    url                     text NOT NULL CHECK (url <> '' AND length(url) <= 2000),
    description             text NOT NULL DEFAULT '' CHECK (length(description) <= 200),
    events                  text[] NOT NULL,
    -- The signing secret sealed with the server key (bound to this row's id); during a
    -- rotation the previous one signs too, until previous_secret_until.
    secret_sealed           text NOT NULL,
    previous_secret_sealed  text,
    previous_secret_until   timestamptz,
    enabled                 boolean NOT NULL DEFAULT true,
    disabled_reason         text NOT NULL DEFAULT '',
    disabled_at             timestamptz,
    -- Since when every attempt failed (cleared by a success): after the failure window the
    -- endpoint is disabled and its creator told.
    failing_since           timestamptz,
    created_by              uuid REFERENCES contacts (id) ON DELETE SET NULL,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_events_idx ON webhook_endpoints USING gin (events) WHERE enabled;

-- body is the exact JSON sent (and signed) on every attempt.
CREATE TABLE outbound_events (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    type        text NOT NULL,
    body        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbound_events_created_idx ON outbound_events (created_at);

CREATE TABLE webhook_deliveries (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    endpoint_id      uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id         uuid NOT NULL REFERENCES outbound_events (id) ON DELETE CASCADE,
    status           text NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'retrying', 'delivered', 'failed', 'cancelled')),
    attempts         integer NOT NULL DEFAULT 0,
    last_status_code integer,
    last_latency_ms  integer,
    last_response    text NOT NULL DEFAULT '',
    last_error       text NOT NULL DEFAULT '',
    redelivery_of    uuid REFERENCES webhook_deliveries (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz
);
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);
CREATE INDEX webhook_deliveries_event_idx ON webhook_deliveries (event_id);

CREATE TABLE webhook_attempts (
    id                bigserial PRIMARY KEY,
    delivery_id       uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt           integer NOT NULL,
    status_code       integer,
    latency_ms        integer NOT NULL,
    response_excerpt  text NOT NULL DEFAULT '',
    error             text NOT NULL DEFAULT '',
    attempted_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, id);
