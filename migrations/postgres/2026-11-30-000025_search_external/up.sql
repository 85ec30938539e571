-- PostgreSQL's search document is unchanged: only SQLite's index stopped keeping a copy
-- of the text.
SELECT 1;
