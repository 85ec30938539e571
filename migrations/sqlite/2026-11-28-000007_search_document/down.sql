-- PostgreSQL stores its search document from this version on; the FTS5 index already
-- keeps its own, so SQLite has nothing to change.
SELECT 1;
