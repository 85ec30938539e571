-- Digest recipients: members (user_id) and email-only subscribers (email). The random
-- unsubscribe_key is what signed unsubscribe links carry.
CREATE TABLE subscribers (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    user_id BIGINT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    email TEXT NULL UNIQUE,
    locale TEXT NOT NULL,
    unsubscribe_key TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

-- One board in one recipient's digests, daily or weekly.
CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    subscriber_id BIGINT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    board_id BIGINT NOT NULL REFERENCES boards (id),
    frequency TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (subscriber_id, board_id)
);
CREATE INDEX subscriptions_frequency ON subscriptions (frequency, subscriber_id);

-- A request to subscribe by email, waiting for its confirmation link (double opt-in).
CREATE TABLE subscription_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    subscriber_id BIGINT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    boards TEXT NOT NULL,
    frequency TEXT NOT NULL,
    locale TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP NULL
);
CREATE INDEX subscription_requests_subscriber ON subscription_requests (subscriber_id, created_at);

-- A member watching a thread; notified_through is the last post already told about.
CREATE TABLE thread_watches (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    thread_id BIGINT NOT NULL REFERENCES threads (id),
    notified_through BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (user_id, thread_id)
);
CREATE INDEX thread_watches_thread ON thread_watches (thread_id);

-- Digests read one period's threads and posts.
CREATE INDEX threads_created ON threads (created_at);
CREATE INDEX posts_created ON posts (created_at);
