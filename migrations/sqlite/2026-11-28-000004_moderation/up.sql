ALTER TABLE boards ADD COLUMN review_all BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN suspended_until TIMESTAMP NULL;
ALTER TABLE users ADD COLUMN suspension_reason TEXT NULL;
ALTER TABLE users ADD COLUMN suspension_log_id BIGINT NULL;
ALTER TABLE users ADD COLUMN banned BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE posts ADD COLUMN moderation_log_id BIGINT NULL;

CREATE TABLE moderators (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    board_id BIGINT NULL REFERENCES boards (id),
    appointed_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP NULL
);
CREATE INDEX moderators_user ON moderators (user_id, revoked_at);

CREATE TABLE rules (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    number INTEGER NOT NULL UNIQUE,
    title_es TEXT NOT NULL,
    title_en TEXT NOT NULL,
    body_es TEXT NOT NULL,
    body_en TEXT NOT NULL
);

CREATE TABLE flags (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    post_id BIGINT NOT NULL REFERENCES posts (id),
    reporter_id BIGINT NOT NULL REFERENCES users (id),
    reason TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP NULL
);
CREATE UNIQUE INDEX flags_once ON flags (post_id, reporter_id);
CREATE INDEX flags_open ON flags (resolved_at, post_id);

CREATE TABLE modlog (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    moderator_id BIGINT NULL REFERENCES users (id),
    action TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id BIGINT NULL,
    board_id BIGINT NULL REFERENCES boards (id),
    rule_number INTEGER NULL,
    reason TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX modlog_listing ON modlog (id);
CREATE INDEX modlog_board ON modlog (board_id, id);
CREATE INDEX modlog_action ON modlog (action, id);

CREATE TABLE appeals (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    modlog_id BIGINT NOT NULL REFERENCES modlog (id),
    message TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    decided_by BIGINT NULL REFERENCES users (id),
    outcome TEXT NULL,
    decision_reason TEXT NULL,
    decided_at TIMESTAMP NULL
);
CREATE UNIQUE INDEX appeals_once ON appeals (user_id, modlog_id);
CREATE INDEX posts_status ON posts (status, id);
