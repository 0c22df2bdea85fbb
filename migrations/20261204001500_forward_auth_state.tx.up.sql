-- A forward-auth sign-in starts on the protected site (/_gatehouse/start), which gives the
-- browser a state cookie on that site; the one-time code remembers its hash, and the site's
-- callback accepts the code only from the browser holding that cookie. Without it an attacker
-- could send a victim to the callback with the attacker's own code and sign the victim in to
-- the site as the attacker (login CSRF).
ALTER TABLE forward_auth_codes ADD COLUMN state_hash bytea;
