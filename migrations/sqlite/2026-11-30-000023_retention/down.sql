-- Reports that no longer name a reporter cannot go back to a table that requires one.
DELETE FROM flags WHERE reporter_id IS NULL;
CREATE TABLE flags_named (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    post_id BIGINT NOT NULL REFERENCES posts (id),
    reporter_id BIGINT NOT NULL REFERENCES users (id),
    note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP NULL,
    trusted BOOLEAN NOT NULL DEFAULT FALSE,
    reason TEXT NOT NULL DEFAULT 'other'
        CONSTRAINT flags_reason_known CHECK (reason IN ('child_safety', 'abuse', 'misinformation', 'spam', 'off_topic', 'other'))
);
INSERT INTO flags_named (id, post_id, reporter_id, note, created_at, resolved_at, trusted, reason)
    SELECT id, post_id, reporter_id, note, created_at, resolved_at, trusted, reason FROM flags;
DROP TABLE flags;
ALTER TABLE flags_named RENAME TO flags;
CREATE UNIQUE INDEX flags_once ON flags (post_id, reporter_id);
CREATE INDEX flags_open ON flags (resolved_at, post_id);
