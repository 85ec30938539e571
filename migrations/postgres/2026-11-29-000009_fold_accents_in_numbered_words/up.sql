-- Words that mix letters and digits (pingüino2, ley5090) are `numword`/`numhword` tokens, which
-- the copied configuration left on the `simple` dictionary: their accents were kept, so
-- `pinguino2` did not find `pingüino2`. Fold them too, then recompute the stored documents.
ALTER TEXT SEARCH CONFIGURATION spanish_unaccent
    ALTER MAPPING FOR numword, numhword, hword_numpart WITH unaccent, simple;
UPDATE post_search SET title = title;
