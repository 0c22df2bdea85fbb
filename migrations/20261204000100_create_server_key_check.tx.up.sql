-- One value sealed with the server key (GATEHOUSE_SECRET_KEY): a start with another key is
-- refused with a clear message instead of failing later on a sealed secret.
CREATE TABLE server_key_check (
    id         int PRIMARY KEY CHECK (id = 1),
    sealed     text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
