ALTER TABLE users ADD COLUMN suspension_log BIGINT NULL;
UPDATE users SET suspension_log = suspension_log_id;
ALTER TABLE users DROP COLUMN suspension_log_id;
ALTER TABLE users RENAME COLUMN suspension_log TO suspension_log_id;
ALTER TABLE posts ADD COLUMN moderation_log BIGINT NULL;
UPDATE posts SET moderation_log = moderation_log_id;
ALTER TABLE posts DROP COLUMN moderation_log_id;
ALTER TABLE posts RENAME COLUMN moderation_log TO moderation_log_id;
