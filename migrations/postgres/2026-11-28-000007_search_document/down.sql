DROP INDEX post_search_document;
ALTER TABLE post_search DROP COLUMN document;
CREATE INDEX post_search_spanish ON post_search
    USING GIN (to_tsvector('spanish'::regconfig, title || ' ' || body));
CREATE INDEX post_search_unaccent ON post_search
    USING GIN (to_tsvector('spanish_unaccent'::regconfig, title || ' ' || body));
