-- A member's suspension and a post's removal name the log entry that decided them; the log
-- is never deleted, but the database now says so itself. SQLite adds a constraint only with
-- a new column: add it, copy, drop the old one, take its name.
ALTER TABLE users ADD COLUMN suspension_log BIGINT NULL REFERENCES modlog (id) ON DELETE SET NULL;
UPDATE users SET suspension_log = suspension_log_id;
ALTER TABLE users DROP COLUMN suspension_log_id;
ALTER TABLE users RENAME COLUMN suspension_log TO suspension_log_id;
ALTER TABLE posts ADD COLUMN moderation_log BIGINT NULL REFERENCES modlog (id) ON DELETE SET NULL;
UPDATE posts SET moderation_log = moderation_log_id;
ALTER TABLE posts DROP COLUMN moderation_log_id;
ALTER TABLE posts RENAME COLUMN moderation_log TO moderation_log_id;
