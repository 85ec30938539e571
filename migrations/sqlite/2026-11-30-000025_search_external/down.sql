-- Back to an index holding its own copy of the text. The index kept no text to copy back, so
-- it is refilled from the published posts as closely as SQL can: the thread's title and the
-- post's source text; the Spanish stems are made in Rust and come back as each post is next
-- published or edited.
CREATE VIRTUAL TABLE post_search_stored USING fts5(
    title, body, stems,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO post_search_stored (rowid, title, body, stems)
    SELECT p.id, t.title, p.body_source, ''
    FROM posts p JOIN threads t ON t.id = p.thread_id
    WHERE p.status = 'published';
DROP TABLE post_search;
ALTER TABLE post_search_stored RENAME TO post_search;
