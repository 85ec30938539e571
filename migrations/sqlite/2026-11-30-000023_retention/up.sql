-- After `retention.flag_reporter_days` a report no longer names who made it: the reporter
-- becomes optional. SQLite changes a column's nullability only with a new column: add it,
-- copy, drop the old one (and the index on it), take its name.
DROP INDEX flags_once;
ALTER TABLE flags ADD COLUMN reporter BIGINT NULL REFERENCES users (id);
UPDATE flags SET reporter = reporter_id;
ALTER TABLE flags DROP COLUMN reporter_id;
ALTER TABLE flags RENAME COLUMN reporter TO reporter_id;
CREATE UNIQUE INDEX flags_once ON flags (post_id, reporter_id);
