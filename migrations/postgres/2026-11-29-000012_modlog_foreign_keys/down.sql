ALTER TABLE posts DROP CONSTRAINT posts_moderation_log_fk;
ALTER TABLE users DROP CONSTRAINT users_suspension_log_fk;
