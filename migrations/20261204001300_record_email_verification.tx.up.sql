-- email_verified (OpenID Connect) is true only while the contact's current address is the one
-- they last proved they read: by using a link emailed to it, or by signing in with a provider
-- that vouches for it. Keeping the proven address (not a flag) makes any change of address
-- unverify it, whichever path changes it.
ALTER TABLE contacts ADD COLUMN email_verified_for text;
-- The address a link was emailed to (NULL for links staff copy to hand over by other means).
ALTER TABLE one_time_tokens ADD COLUMN emailed_to text;
