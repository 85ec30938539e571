-- SQLite has one writer at a time: its content version stays a row of site_settings, bumped
-- inside each visible write (the PostgreSQL side makes it a sequence).
SELECT 1;
