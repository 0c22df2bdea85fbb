-- Members and staff are both contacts: one login covers the portal and the admin area, and
-- the role decides what the account may do.
CREATE TABLE contacts (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email                text NOT NULL CHECK (email <> '' AND length(email) <= 254),
    name                 text NOT NULL DEFAULT '',
    role                 text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'support', 'admin', 'owner')),
    password_hash        text,
    -- A temporary password (set by staff) only lets the member choose a new one, and expires.
    password_temporary   boolean NOT NULL DEFAULT false,
    password_expires_at  timestamptz,
    password_changed_at  timestamptz,
    disabled_at          timestamptz,
    failed_logins        integer NOT NULL DEFAULT 0,
    locked_until         timestamptz,
    last_login_at        timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);

-- Addresses are unique whatever their case: Ann@Example.com and ann@example.com are one person.
CREATE UNIQUE INDEX contacts_email_lower_key ON contacts (lower(email));
CREATE INDEX contacts_role_idx ON contacts (role) WHERE role <> 'member';
