-- Each post's number within its thread (#1 is the opening post), given once when the post is
-- written and never reused: a post held for review or removed keeps its number, so "#12"
-- means the same post to everyone, in every link and quote. The thread keeps how many
-- numbers it has given, so two replies written at once each take the next one.
ALTER TABLE posts ADD COLUMN number BIGINT NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN posts_numbered BIGINT NOT NULL DEFAULT 0;
UPDATE posts SET number = ranked.n
FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY thread_id ORDER BY id) AS n FROM posts) AS ranked
WHERE posts.id = ranked.id;
UPDATE threads SET posts_numbered = (SELECT COUNT(*) FROM posts WHERE posts.thread_id = threads.id);
CREATE UNIQUE INDEX posts_thread_number ON posts (thread_id, number);
