CREATE TABLE threads (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    board_id BIGINT NOT NULL REFERENCES boards (id),
    author_id BIGINT NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'published',
    pinned BOOLEAN NOT NULL DEFAULT FALSE,
    locked BOOLEAN NOT NULL DEFAULT FALSE,
    reply_count BIGINT NOT NULL DEFAULT 0,
    last_post_id BIGINT NULL,
    last_poster_id BIGINT NULL REFERENCES users (id),
    last_post_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX threads_listing ON threads (board_id, status, pinned, last_post_at, id);

CREATE TABLE posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    thread_id BIGINT NOT NULL REFERENCES threads (id),
    author_id BIGINT NOT NULL REFERENCES users (id),
    parent_id BIGINT NULL REFERENCES posts (id),
    body_source TEXT NOT NULL,
    body_html TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'published',
    deleted_by TEXT NULL,
    revision_count INTEGER NOT NULL DEFAULT 0,
    edited_at TIMESTAMP NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX posts_thread ON posts (thread_id, id);
CREATE INDEX posts_author ON posts (author_id, id);

CREATE TABLE post_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    editor_id BIGINT NOT NULL REFERENCES users (id),
    body_source TEXT NOT NULL,
    reason TEXT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX post_revisions_post ON post_revisions (post_id, id);

-- Full-text search over published posts: accent-folding tokens plus Spanish stems made in Rust.
CREATE VIRTUAL TABLE post_search USING fts5(
    title, body, stems,
    tokenize = 'unicode61 remove_diacritics 2'
);
