ALTER TEXT SEARCH CONFIGURATION spanish_unaccent
    ALTER MAPPING FOR numword, numhword, hword_numpart WITH simple;
UPDATE post_search SET title = title;
