-- A verification link signs its member in when it is opened in the browser that registered:
-- that browser holds a random key in a cookie, and the link's row keeps the key's hash.
ALTER TABLE email_tokens ADD COLUMN browser_hash TEXT;
