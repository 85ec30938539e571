//! What digests read: one period's published threads and replies for every board at once, and
//! recipients a page at a time.

use crate::domain::{Frequency, Locale};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};

use super::schema::outbox;
use super::DbConn;

/// A thread opened in the period, with its opening post.
#[derive(Debug, Clone, QueryableByName)]
pub struct NewThreadRow {
    #[diesel(sql_type = BigInt)]
    pub board_id: i64,
    #[diesel(sql_type = BigInt)]
    pub thread_id: i64,
    #[diesel(sql_type = Text)]
    pub title: String,
    #[diesel(sql_type = Text)]
    pub author: String,
    #[diesel(sql_type = Nullable<Timestamp>)]
    pub author_deleted: Option<NaiveDateTime>,
    #[diesel(sql_type = Text)]
    pub body_html: String,
    #[diesel(embed)]
    pub author_label: super::stakeholders::LabelColumns,
}

const NEW_THREADS: &str = "SELECT t.board_id, t.id AS thread_id, t.title, u.username AS author, \
u.deleted_at AS author_deleted, p.body_html, \
u.stakeholder, u.organization, u.affiliation_verified_at \
FROM threads t JOIN posts p ON p.thread_id = t.id JOIN users u ON u.id = t.author_id \
WHERE t.status = 'published' AND p.status = 'published' \
AND t.created_at >= $1 AND t.created_at < $2 \
AND p.id = (SELECT MIN(f.id) FROM posts f WHERE f.thread_id = t.id) \
ORDER BY t.board_id, t.id";

/// Published threads opened in `[start, end)` whose opening post is published, by board.
pub fn list_new_threads(
    conn: &mut DbConn,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> QueryResult<Vec<NewThreadRow>> {
    diesel::sql_query(NEW_THREADS)
        .bind::<Timestamp, _>(start)
        .bind::<Timestamp, _>(end)
        .load(conn)
}

/// A published reply written in the period, with its text and support.
#[derive(Debug, Clone, QueryableByName)]
pub struct ReplyRow {
    #[diesel(sql_type = BigInt)]
    pub board_id: i64,
    #[diesel(sql_type = BigInt)]
    pub thread_id: i64,
    #[diesel(sql_type = Text)]
    pub title: String,
    #[diesel(sql_type = BigInt)]
    pub post_id: i64,
    #[diesel(sql_type = Text)]
    pub author: String,
    #[diesel(sql_type = Nullable<Timestamp>)]
    pub author_deleted: Option<NaiveDateTime>,
    /// Members who support it.
    #[diesel(sql_type = BigInt)]
    pub support_count: i64,
    #[diesel(sql_type = Text)]
    pub body_html: String,
    #[diesel(embed)]
    pub author_label: super::stakeholders::LabelColumns,
}

const NEW_REPLIES: &str = "SELECT t.board_id, t.id AS thread_id, t.title, p.id AS post_id, \
u.username AS author, u.deleted_at AS author_deleted, p.support_count, p.body_html, \
u.stakeholder, u.organization, u.affiliation_verified_at \
FROM posts p JOIN threads t ON t.id = p.thread_id JOIN users u ON u.id = p.author_id \
WHERE t.status = 'published' AND p.status = 'published' \
AND p.created_at >= $1 AND p.created_at < $2 \
AND p.id > (SELECT MIN(f.id) FROM posts f WHERE f.thread_id = t.id) \
ORDER BY t.board_id, t.id, p.id";

/// Published replies (not opening posts) written in `[start, end)` in published threads.
pub fn list_new_replies(
    conn: &mut DbConn,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> QueryResult<Vec<ReplyRow>> {
    diesel::sql_query(NEW_REPLIES)
        .bind::<Timestamp, _>(start)
        .bind::<Timestamp, _>(end)
        .load(conn)
}

/// A consultation whose synthesis was published in the period.
#[derive(Debug, Clone, QueryableByName)]
pub struct SynthesisRow {
    #[diesel(sql_type = BigInt)]
    pub board_id: i64,
    #[diesel(sql_type = BigInt)]
    pub thread_id: i64,
    #[diesel(sql_type = Text)]
    pub title: String,
    #[diesel(sql_type = Text)]
    pub synthesis_html: String,
}

const NEW_SYNTHESES: &str = "SELECT t.board_id, t.id AS thread_id, t.title, \
COALESCE(c.synthesis_html, '') AS synthesis_html \
FROM consultations c JOIN threads t ON t.id = c.thread_id \
WHERE t.status = 'published' \
AND c.synthesis_published_at >= $1 AND c.synthesis_published_at < $2 \
ORDER BY t.board_id, c.synthesis_published_at, t.id";

/// Consultations in published threads whose synthesis was published in `[start, end)`, by
/// board.
pub fn list_new_syntheses(
    conn: &mut DbConn,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> QueryResult<Vec<SynthesisRow>> {
    diesel::sql_query(NEW_SYNTHESES)
        .bind::<Timestamp, _>(start)
        .bind::<Timestamp, _>(end)
        .load(conn)
}

/// Someone a digest can go to now.
#[derive(Debug, Clone, QueryableByName)]
pub struct Recipient {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub user_id: Option<i64>,
    #[diesel(sql_type = Text)]
    pub email: String,
    #[diesel(sql_type = Text)]
    pub locale: Locale,
    #[diesel(sql_type = Text)]
    pub unsubscribe_key: String,
}

const RECIPIENTS: &str = "SELECT s.id, s.user_id, COALESCE(u.email, s.email) AS email, \
COALESCE(u.locale, s.locale) AS locale, s.unsubscribe_key \
FROM subscribers s LEFT JOIN users u ON u.id = s.user_id \
WHERE s.id > $1 AND COALESCE(u.email, s.email) IS NOT NULL \
AND (s.user_id IS NULL OR (u.email_verified_at IS NOT NULL AND u.deleted_at IS NULL)) \
AND EXISTS (SELECT 1 FROM subscriptions x WHERE x.subscriber_id = s.id \
AND x.frequency = $2 AND x.board_id IN ({BOARDS})) \
ORDER BY s.id LIMIT $3";

/// Up to `limit` recipients after id `after` who get `frequency` digests of any of `boards`
/// (members only with a verified address), in id order.
pub fn list_recipients(
    conn: &mut DbConn,
    frequency: Frequency,
    boards: &[i64],
    after: i64,
    limit: i64,
) -> QueryResult<Vec<Recipient>> {
    if boards.is_empty() {
        return Ok(Vec::new());
    }
    let ids = boards
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    diesel::sql_query(RECIPIENTS.replace("{BOARDS}", &ids))
        .bind::<BigInt, _>(after)
        .bind::<Text, _>(frequency)
        .bind::<BigInt, _>(limit)
        .load(conn)
}

/// Which of `keys` are already in the outbox.
pub fn list_queued_keys(conn: &mut DbConn, keys: &[String]) -> QueryResult<Vec<String>> {
    outbox::table
        .filter(outbox::idempotency_key.eq_any(keys))
        .select(outbox::idempotency_key)
        .load(conn)
}
