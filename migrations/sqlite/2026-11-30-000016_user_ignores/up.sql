-- A member ignores another: that member's posts fold away for them, and will notify nobody
-- who ignores them.
CREATE TABLE user_ignores (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    ignored_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, ignored_id)
);
