ALTER TABLE posts DROP COLUMN support_count;
DROP TABLE post_supports;
