-- The search index keeps only the index, not a copy of every post's title, text and stems:
-- the marked title and excerpt of a result are made from the post itself, so the copy only
-- doubled the database and the time to write a post. `contentless_delete` keeps deleting a
-- post by its id. The existing index is copied as it is (same words, same ranking).
CREATE VIRTUAL TABLE post_search_index USING fts5(
    title, body, stems,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO post_search_index (rowid, title, body, stems)
    SELECT rowid, title, body, stems FROM post_search;
DROP TABLE post_search;
ALTER TABLE post_search_index RENAME TO post_search;
