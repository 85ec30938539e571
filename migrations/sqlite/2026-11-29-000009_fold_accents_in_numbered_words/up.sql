-- SQLite's unicode61 tokenizer already folds accents in every token; nothing to change.
SELECT 1;
