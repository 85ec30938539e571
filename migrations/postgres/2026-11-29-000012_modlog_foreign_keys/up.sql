-- A member's suspension and a post's removal name the log entry that decided them; the log
-- is never deleted, but the database now says so itself.
ALTER TABLE users ADD CONSTRAINT users_suspension_log_fk
    FOREIGN KEY (suspension_log_id) REFERENCES modlog (id) ON DELETE SET NULL;
ALTER TABLE posts ADD CONSTRAINT posts_moderation_log_fk
    FOREIGN KEY (moderation_log_id) REFERENCES modlog (id) ON DELETE SET NULL;
