-- The content version becomes a sequence: moving it takes no lock, so writers of every
-- instance no longer queue on one row. It goes on from the row's value.
CREATE SEQUENCE content_version;
SELECT setval('content_version',
  COALESCE((SELECT CAST(value AS BIGINT) FROM site_settings WHERE key = 'content_version'), 0) + 1);
DELETE FROM site_settings WHERE key = 'content_version';
