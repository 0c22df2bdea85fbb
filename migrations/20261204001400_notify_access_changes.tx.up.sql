-- Every instance keeps recent forward-auth answers in memory and drops them when told: these
-- triggers announce, when the changing transaction commits, whose access may have changed (a
-- contact id) or that anything may have ('*': an app, offer or community changed). Triggers
-- rather than calls in the code, so no path that changes access (desk, bulk, workflows,
-- import, API, a future one) can forget to tell.
CREATE FUNCTION gatehouse_notify_access() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_data record;
BEGIN
    IF TG_LEVEL = 'STATEMENT' THEN
        PERFORM pg_notify('gatehouse_access', '*');
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN row_data := OLD; ELSE row_data := NEW; END IF;
    IF TG_TABLE_NAME = 'contacts' THEN
        PERFORM pg_notify('gatehouse_access', row_data.id::text);
    ELSIF TG_TABLE_NAME IN ('offer_grants', 'community_memberships', 'sessions', 'forward_auth_sessions') THEN
        PERFORM pg_notify('gatehouse_access', row_data.contact_id::text);
        IF TG_OP = 'UPDATE' AND OLD.contact_id IS DISTINCT FROM NEW.contact_id THEN
            PERFORM pg_notify('gatehouse_access', OLD.contact_id::text);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

-- Contacts: only the columns access depends on (not every sign-in's bookkeeping).
CREATE TRIGGER contacts_notify_access AFTER UPDATE ON contacts FOR EACH ROW
    WHEN (OLD.email IS DISTINCT FROM NEW.email OR OLD.name IS DISTINCT FROM NEW.name
          OR OLD.role IS DISTINCT FROM NEW.role OR OLD.disabled_at IS DISTINCT FROM NEW.disabled_at
          OR OLD.password_changed_at IS DISTINCT FROM NEW.password_changed_at)
    EXECUTE FUNCTION gatehouse_notify_access();
CREATE TRIGGER contacts_notify_access_delete AFTER DELETE ON contacts FOR EACH ROW
    EXECUTE FUNCTION gatehouse_notify_access();

CREATE TRIGGER offer_grants_notify_access AFTER INSERT OR UPDATE OR DELETE ON offer_grants
    FOR EACH ROW EXECUTE FUNCTION gatehouse_notify_access();
CREATE TRIGGER community_memberships_notify_access AFTER INSERT OR UPDATE OR DELETE ON community_memberships
    FOR EACH ROW EXECUTE FUNCTION gatehouse_notify_access();

-- Sessions: only an end (not the idle deadline moving forward every minute).
CREATE TRIGGER sessions_notify_access AFTER UPDATE ON sessions FOR EACH ROW
    WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at) EXECUTE FUNCTION gatehouse_notify_access();
CREATE TRIGGER sessions_notify_access_delete AFTER DELETE ON sessions FOR EACH ROW
    EXECUTE FUNCTION gatehouse_notify_access();
CREATE TRIGGER forward_auth_sessions_notify_access AFTER UPDATE OR DELETE ON forward_auth_sessions
    FOR EACH ROW EXECUTE FUNCTION gatehouse_notify_access();

-- What a rule or a header is made of: apps, offers and communities (slugs, archiving), and
-- which communities an offer includes. Rare changes: every instance forgets everything.
CREATE TRIGGER apps_notify_access AFTER INSERT OR UPDATE OR DELETE ON apps
    FOR EACH STATEMENT EXECUTE FUNCTION gatehouse_notify_access();
CREATE TRIGGER offers_notify_access AFTER UPDATE OR DELETE ON offers
    FOR EACH STATEMENT EXECUTE FUNCTION gatehouse_notify_access();
CREATE TRIGGER communities_notify_access AFTER UPDATE OR DELETE ON communities
    FOR EACH STATEMENT EXECUTE FUNCTION gatehouse_notify_access();
CREATE TRIGGER offer_communities_notify_access AFTER INSERT OR UPDATE OR DELETE ON offer_communities
    FOR EACH STATEMENT EXECUTE FUNCTION gatehouse_notify_access();
