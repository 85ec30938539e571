-- The search document is stored, not recomputed: ranking and rechecking a common word read
-- it instead of re-parsing every matching post. It holds the words twice, stemmed with their
-- accents (the Spanish stemmer needs them: educación, educativa -> educ) and folded without
-- them (educacion), so a query typed either way finds them.
DROP INDEX post_search_spanish;
DROP INDEX post_search_unaccent;
ALTER TABLE post_search ADD COLUMN document tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('spanish'::regconfig, title), 'A')
        || setweight(to_tsvector('spanish_unaccent'::regconfig, title), 'A')
        || to_tsvector('spanish'::regconfig, body)
        || to_tsvector('spanish_unaccent'::regconfig, body)
    ) STORED;
CREATE INDEX post_search_document ON post_search USING GIN (document);
