INSERT INTO site_settings (key, value)
  SELECT 'content_version', CAST(last_value + 1 AS TEXT) FROM content_version;
DROP SEQUENCE content_version;
