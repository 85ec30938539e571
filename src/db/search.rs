//! The full-text index of published posts: FTS5 on SQLite, `tsvector` GIN indexes on
//! PostgreSQL. Rows are written in the same transaction as the post they index.
//!
//! SQLite's index keeps no copy of the text it indexes (`content=''`), so a result's marked
//! title and excerpt are made from the post itself by [`crate::domain::marks`], exactly as
//! FTS5's `highlight()` and `snippet()` made them from the copy.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text, Timestamp};

use super::DbConn;
use crate::domain::{markdown, marks};

/// Adds a published post to the index.
pub fn index(
    conn: &mut DbConn,
    post_id: i64,
    title: &str,
    body: &str,
    stems: &str,
) -> QueryResult<()> {
    super::prepared(
        diesel::sql_query(
            "INSERT INTO post_search (rowid, title, body, stems) VALUES ($1, $2, $3, $4)",
        )
        .bind::<BigInt, _>(post_id)
        .bind::<Text, _>(title)
        .bind::<Text, _>(body)
        .bind::<Text, _>(stems),
    )
    .run(conn)
}

/// Removes a post from the index (edited, hidden or deleted).
pub fn unindex(conn: &mut DbConn, post_id: i64) -> QueryResult<()> {
    super::prepared(
        diesel::sql_query("DELETE FROM post_search WHERE rowid = $1").bind::<BigInt, _>(post_id),
    )
    .run(conn)
}

/// One result: a thread with matching posts, its best-ranked match and an excerpt of it with
/// marked terms (`\u{1}` opens a mark, `\u{2}` closes it), and the totals of the whole search.
#[derive(Debug, Clone, QueryableByName)]
pub struct Hit {
    #[diesel(sql_type = BigInt)]
    pub thread_id: i64,
    /// The thread's first matching post, where a reader starts.
    #[diesel(sql_type = BigInt)]
    pub first_post_id: i64,
    /// The best-ranked matching post, the one excerpted.
    #[diesel(sql_type = BigInt)]
    pub best_post_id: i64,
    #[diesel(sql_type = BigInt)]
    pub matches: i64,
    #[diesel(sql_type = Text)]
    pub thread_title: String,
    /// The title with marked terms.
    #[diesel(sql_type = Text)]
    pub title_marked: String,
    #[diesel(sql_type = Text)]
    pub board_slug: String,
    #[diesel(sql_type = Text)]
    pub board_name_es: String,
    #[diesel(sql_type = Text)]
    pub board_name_en: String,
    #[diesel(sql_type = Text)]
    pub author: String,
    #[diesel(sql_type = Timestamp)]
    pub created_at: NaiveDateTime,
    #[diesel(sql_type = Text)]
    pub excerpt: String,
    /// Threads and posts that matched, over every page.
    #[diesel(sql_type = BigInt)]
    pub threads_total: i64,
    #[diesel(sql_type = BigInt)]
    pub posts_total: i64,
    /// Matches ranked before the board filter: `RANKED_WINDOW` when older ones were left out.
    #[diesel(sql_type = BigInt)]
    pub ranked: i64,
    #[diesel(sql_type = diesel::sql_types::Nullable<Timestamp>)]
    pub author_deleted: Option<NaiveDateTime>,
    #[diesel(embed)]
    pub author_label: super::stakeholders::LabelColumns,
}

/// What to look for: the FTS5 expression (SQLite) and the words as typed (PostgreSQL).
#[derive(Debug, Clone)]
pub struct SearchQuery {
    pub fts5: String,
    pub words: String,
    /// A board slug, or empty for every board.
    pub board: String,
    /// Newest matches first rather than the most relevant.
    pub by_date: bool,
}

/// Only the newest this-many matches are ranked (ten pages of results), so a common word
/// costs the same as a rare one whatever the size of the forum: on PostgreSQL, 1,000 made a
/// search for "internet" read 17,000 documents (28 ms); 200 reads 3,000 (3 ms).
/// (SQLite numbers `$N` parameters by first appearance, so its query uses `?N`.)
pub const RANKED_WINDOW: i64 = 200;

// Ranks the newest matches, groups them by thread, keeps one page of threads, and only then
// reads each thread's best match (its title and HTML, marked and cut in Rust). A thread ranks
// as its best match; by date, as its newest.
const SQLITE: &str = "WITH matched AS ( \
    SELECT rowid AS id, bm25(post_search, 4.0, 1.0, 0.5) AS rank \
    FROM post_search WHERE post_search MATCH ?1 ORDER BY rowid DESC LIMIT ?5), \
  hits AS ( \
    SELECT m.id, m.rank, p.thread_id FROM matched m JOIN posts p ON p.id = m.id \
    JOIN threads t ON t.id = p.thread_id JOIN boards b ON b.id = t.board_id \
    WHERE (?2 = '' OR b.slug = ?2) AND (t.opens_at IS NULL OR t.opens_at <= datetime('now'))), \
  grouped AS ( \
    SELECT thread_id, COUNT(*) AS matches, MIN(id) AS first_id, MAX(id) AS last_id, \
      MIN(rank) AS rank FROM hits GROUP BY thread_id), \
  page AS ( \
    SELECT g.*, COUNT(*) OVER () AS threads_total, SUM(g.matches) OVER () AS posts_total, \
      (SELECT h.id FROM hits h WHERE h.thread_id = g.thread_id ORDER BY h.rank, h.id DESC \
        LIMIT 1) AS best_id \
    FROM grouped g ORDER BY CASE WHEN ?6 THEN g.last_id END DESC, g.rank, g.last_id DESC \
    LIMIT ?3 OFFSET ?4) \
  SELECT page.thread_id, page.first_id AS first_post_id, page.best_id AS best_post_id, \
    page.matches, t.title AS thread_title, b.slug AS board_slug, b.name_es AS board_name_es, \
    b.name_en AS board_name_en, u.username AS author, p.created_at, page.threads_total, \
    u.deleted_at AS author_deleted, u.stakeholder, u.organization, u.affiliation_verified_at, \
    page.posts_total, (SELECT COUNT(*) FROM matched) AS ranked, \
    t.title AS title_marked, p.body_html AS excerpt \
  FROM page JOIN posts p ON p.id = page.best_id JOIN threads t ON t.id = page.thread_id \
  JOIN boards b ON b.id = t.board_id JOIN users u ON u.id = p.author_id \
  ORDER BY CASE WHEN ?6 THEN page.last_id END DESC, page.rank, page.last_id DESC";

// The same plan as SQLite's: rank the newest matches, group, keep a page, then cut excerpts.
// PostgreSQL's index cannot hand matches out newest first, and left to itself the planner
// walks the posts backwards testing each, which reads every post when the words are rarer
// together than it guesses (a second at 1,000,000 posts). So: the newest 10,000 posts are
// tested first, which finds the window of a common word at once; when they hold fewer, the
// index gives every match (few, then) and they are sorted (`+ 0`: not by walking backwards),
// and only the newest are ranked.
const POSTGRES: &str = "WITH q AS (SELECT websearch_to_tsquery('spanish_unaccent', $1) AS folded, \
    websearch_to_tsquery('spanish', $1) || websearch_to_tsquery('spanish_unaccent', $1) AS query), \
  recent AS MATERIALIZED ( \
    SELECT s.rowid AS id, ts_rank(s.document, q.query) AS rank \
    FROM (SELECT rowid, document FROM post_search ORDER BY rowid DESC LIMIT 10000) s, q \
    WHERE s.document @@ q.query ORDER BY s.rowid DESC LIMIT $5), \
  matched AS ( \
    SELECT * FROM recent WHERE (SELECT COUNT(*) FROM recent) >= $5 \
    UNION ALL SELECT o.id, ts_rank(t.document, q.query) AS rank FROM ( \
      SELECT s.rowid AS id FROM post_search s, q \
      WHERE s.document @@ q.query AND (SELECT COUNT(*) FROM recent) < $5 \
      ORDER BY s.rowid + 0 DESC LIMIT $5) o JOIN post_search t ON t.rowid = o.id, q), \
  hits AS ( \
    SELECT m.id, m.rank, p.thread_id FROM matched m JOIN posts p ON p.id = m.id \
    JOIN threads t ON t.id = p.thread_id JOIN boards b ON b.id = t.board_id \
    WHERE ($2 = '' OR b.slug = $2) \
      AND (t.opens_at IS NULL OR t.opens_at <= (now() AT TIME ZONE 'UTC'))), \
  grouped AS ( \
    SELECT thread_id, COUNT(*) AS matches, MIN(id) AS first_id, MAX(id) AS last_id, \
      MAX(rank) AS rank FROM hits GROUP BY thread_id), \
  page AS ( \
    SELECT g.*, COUNT(*) OVER () AS threads_total, \
      (SUM(g.matches) OVER ())::bigint AS posts_total, \
      (SELECT h.id FROM hits h WHERE h.thread_id = g.thread_id \
        ORDER BY h.rank DESC, h.id DESC LIMIT 1) AS best_id \
    FROM grouped g ORDER BY CASE WHEN $6 THEN g.last_id END DESC NULLS LAST, g.rank DESC, \
      g.last_id DESC LIMIT $3 OFFSET $4) \
  SELECT page.thread_id, page.first_id AS first_post_id, page.best_id AS best_post_id, \
    page.matches, t.title AS thread_title, b.slug AS board_slug, b.name_es AS board_name_es, \
    b.name_en AS board_name_en, u.username AS author, p.created_at, page.threads_total, \
    u.deleted_at AS author_deleted, u.stakeholder, u.organization, u.affiliation_verified_at, \
    page.posts_total, (SELECT COUNT(*) FROM matched) AS ranked, \
    ts_headline('spanish_unaccent', t.title, q.folded, $8) AS title_marked, \
    ts_headline('spanish_unaccent', s.body, q.folded, $7) AS excerpt \
  FROM page CROSS JOIN q JOIN post_search s ON s.rowid = page.best_id \
  JOIN posts p ON p.id = page.best_id JOIN threads t ON t.id = page.thread_id \
  JOIN boards b ON b.id = t.board_id JOIN users u ON u.id = p.author_id \
  ORDER BY CASE WHEN $6 THEN page.last_id END DESC NULLS LAST, page.rank DESC, \
    page.last_id DESC";

/// SQLite's hits, read with the plain title and the post's HTML, marked and cut for `words`
/// (the words searched, space-separated).
fn marked(mut hits: Vec<Hit>, words: &str) -> Vec<Hit> {
    let phrases = marks::phrases(words.split(' ').take(crate::domain::search::MAX_WORDS));
    for hit in &mut hits {
        hit.title_marked = marks::highlight(&hit.title_marked, &phrases);
        hit.excerpt = marks::snippet(&markdown::plain_text(&hit.excerpt), &phrases);
    }
    hits
}

const PG_EXCERPT: &str =
    "StartSel=\u{1}, StopSel=\u{2}, MaxWords=30, MinWords=12, ShortWord=2, HighlightAll=false";
const PG_TITLE: &str = "StartSel=\u{1}, StopSel=\u{2}, HighlightAll=true";

/// Threads with matches among the newest `RANKED_WINDOW` matching posts, a page at a time.
pub fn search(
    conn: &mut DbConn,
    q: &SearchQuery,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<Hit>> {
    match conn {
        DbConn::Sqlite(c) => {
            let hits: Vec<Hit> = diesel::sql_query(SQLITE)
                .bind::<Text, _>(&q.fts5)
                .bind::<Text, _>(&q.board)
                .bind::<BigInt, _>(limit)
                .bind::<BigInt, _>(offset)
                .bind::<BigInt, _>(RANKED_WINDOW)
                .bind::<Bool, _>(q.by_date)
                .load(c)?;
            Ok(marked(hits, &q.words))
        }
        DbConn::Pg(c) => diesel::sql_query(POSTGRES)
            .bind::<Text, _>(&q.words)
            .bind::<Text, _>(&q.board)
            .bind::<BigInt, _>(limit)
            .bind::<BigInt, _>(offset)
            .bind::<BigInt, _>(RANKED_WINDOW)
            .bind::<Bool, _>(q.by_date)
            .bind::<Text, _>(PG_EXCERPT)
            .bind::<Text, _>(PG_TITLE)
            .load(c),
    }
}

#[cfg(test)]
mod tests {
    use diesel::connection::SimpleConnection;
    use diesel::sql_types::{BigInt, Text};
    use rand::SeedableRng;

    use super::*;
    use crate::domain::search;

    #[derive(QueryableByName)]
    struct Marked {
        #[diesel(sql_type = BigInt)]
        id: i64,
        #[diesel(sql_type = Text)]
        title: String,
        #[diesel(sql_type = Text)]
        excerpt: String,
    }

    /// Texts with what makes marks hard: accents, capitals, punctuation around words, digits,
    /// sentences, repeated words, matches at either end of long texts.
    const TEXTS: [(&str, &str); 6] = [
        ("¿Educación digital?", "«Educación» y EDUCACIÓN: la educacion de 2024, el 5G y la co\u{301}digo."),
        ("Datos abiertos", "Los datos. Los datos abiertos: datos, datos y más datos en el municipio de Lanús."),
        ("Privacidad y datos", "Uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés veinticuatro privacidad."),
        ("Redes comunitarias", "Privacidad al comienzo, luego palabras y más palabras sin nada que buscar, hasta que al fin aparecen las redes comunitarias. Y una frase más: las redes."),
        ("Sin coincidencias", "   Texto con espacios al principio… y puntos suspensivos. ¡Nada! Internet."),
        ("Internet para todos", "internet INTERNET Internet, ¿internet? internet; internet: internet."),
    ];

    /// Searches that match the texts above and the demo posts in every way.
    const QUERIES: [&str; 12] = [
        "educación",
        "datos",
        "datos abiertos",
        "privacidad",
        "redes comunitarias",
        "internet",
        "municipio datos",
        "la",
        "de la el",
        "conectividad",
        "datos datos",
        "seguridad internet",
    ];

    #[test]
    fn marks_made_from_the_post_are_those_the_index_made_from_its_copy() {
        let mut c = diesel::SqliteConnection::establish(":memory:").unwrap();
        c.batch_execute(
            "CREATE VIRTUAL TABLE copy USING fts5(title, body, stems, \
               tokenize = 'unicode61 remove_diacritics 2')",
        )
        .unwrap();
        let bodies =
            crate::services::seed::bodies::Bodies::write(&mut rand::rngs::StdRng::seed_from_u64(3));
        let mut docs: Vec<(String, String)> = TEXTS
            .iter()
            .map(|(t, b)| (t.to_string(), b.to_string()))
            .collect();
        docs.extend(bodies.all.iter().enumerate().map(|(i, b)| {
            let title = &bodies.all[(i * 7 + 3) % bodies.all.len()].text;
            let title: String = title.split(' ').take(6).collect::<Vec<_>>().join(" ");
            (title, b.text.clone())
        }));
        for (id, (title, body)) in docs.iter().enumerate() {
            diesel::sql_query("INSERT INTO copy (rowid, title, body, stems) VALUES (?, ?, ?, ?)")
                .bind::<BigInt, _>(id as i64)
                .bind::<Text, _>(title)
                .bind::<Text, _>(body)
                .bind::<Text, _>(search::stems(&format!("{title} {body}")))
                .execute(&mut c)
                .unwrap();
        }
        let mut compared = 0;
        for typed in QUERIES {
            let fts5 = search::fts5_expression(typed).unwrap();
            let phrases = marks::phrases(
                search::words(typed)
                    .collect::<Vec<_>>()
                    .iter()
                    .map(String::as_str),
            );
            let rows: Vec<Marked> = diesel::sql_query(
                "SELECT rowid AS id, highlight(copy, 0, char(1), char(2)) AS title, \
                   snippet(copy, 1, char(1), char(2), '…', 24) AS excerpt \
                 FROM copy WHERE copy MATCH ?",
            )
            .bind::<Text, _>(&fts5)
            .load(&mut c)
            .unwrap();
            for row in rows {
                let (title, body) = &docs[row.id as usize];
                assert_eq!(
                    marks::highlight(title, &phrases),
                    row.title,
                    "{typed}: {title}"
                );
                assert_eq!(
                    marks::snippet(body, &phrases),
                    row.excerpt,
                    "{typed}: {body}"
                );
                compared += 1;
            }
        }
        assert!(compared > 500, "{compared}");
    }
}
