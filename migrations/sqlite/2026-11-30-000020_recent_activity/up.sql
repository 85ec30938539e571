-- The home page's recent activity: the threads with the newest posts across all boards.
CREATE INDEX threads_activity ON threads (status, last_post_at, id);
