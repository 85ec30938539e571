-- "Apoyo": one per member per post. The count on the post is kept by relative updates in
-- the same transaction as the row, so concurrent supports never lose one.
CREATE TABLE post_supports (
    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (post_id, user_id)
);
CREATE INDEX post_supports_user ON post_supports (user_id, post_id);
ALTER TABLE posts ADD COLUMN support_count BIGINT NOT NULL DEFAULT 0;
