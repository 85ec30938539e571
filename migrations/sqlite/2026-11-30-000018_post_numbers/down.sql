DROP INDEX posts_thread_number;
ALTER TABLE threads DROP COLUMN posts_numbered;
ALTER TABLE posts DROP COLUMN number;
