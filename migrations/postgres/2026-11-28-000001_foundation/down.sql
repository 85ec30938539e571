DROP TABLE site_settings;
DROP TABLE boards;
