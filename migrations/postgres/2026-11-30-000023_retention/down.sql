-- Reports that no longer name a reporter cannot go back to a table that requires one.
DELETE FROM flags WHERE reporter_id IS NULL;
ALTER TABLE flags ALTER COLUMN reporter_id SET NOT NULL;
