DROP TABLE post_search;
DROP TABLE post_revisions;
DROP TABLE posts;
DROP TABLE threads;
