DELETE FROM site_settings WHERE key = 'content_version';
