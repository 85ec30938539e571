INSERT INTO site_settings (key, value) VALUES ('content_version', '1');
