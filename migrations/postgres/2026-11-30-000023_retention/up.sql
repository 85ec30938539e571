-- After `retention.flag_reporter_days` a report no longer names who made it: the reporter
-- becomes optional.
ALTER TABLE flags ALTER COLUMN reporter_id DROP NOT NULL;
