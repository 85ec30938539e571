ALTER TABLE email_tokens DROP COLUMN browser_hash;
