//! Queries on `thread_watches`: members following a thread, and the replies they have not yet
//! been told about.

use crate::domain::{Locale, PostStatus};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};

use super::schema::{posts, thread_watches, threads};
use super::{insert_unless_present, DbConn};

/// Starts watching (nothing happens when already watching; true when it is new); replies up
/// to `through` are old.
pub fn insert(
    conn: &mut DbConn,
    user_id: i64,
    thread_id: i64,
    through: i64,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let row = (
        thread_watches::user_id.eq(user_id),
        thread_watches::thread_id.eq(thread_id),
        thread_watches::notified_through.eq(through),
        thread_watches::created_at.eq(now),
    );
    Ok(insert_unless_present!(conn, thread_watches::table, row))
}

/// Stops watching.
pub fn delete(conn: &mut DbConn, user_id: i64, thread_id: i64) -> QueryResult<()> {
    diesel::delete(
        thread_watches::table
            .filter(thread_watches::user_id.eq(user_id))
            .filter(thread_watches::thread_id.eq(thread_id)),
    )
    .execute(conn)
    .map(drop)
}

/// The published threads a member watches: (id, title), most recently watched first.
pub fn list_for_user(conn: &mut DbConn, user_id: i64) -> QueryResult<Vec<(i64, String)>> {
    thread_watches::table
        .inner_join(threads::table)
        .filter(thread_watches::user_id.eq(user_id))
        .filter(threads::status.eq(PostStatus::Published))
        .order(thread_watches::id.desc())
        .select((threads::id, threads::title))
        .load(conn)
}

/// Whether the member watches the thread.
pub fn exists(conn: &mut DbConn, user_id: i64, thread_id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        thread_watches::table
            .filter(thread_watches::user_id.eq(user_id))
            .filter(thread_watches::thread_id.eq(thread_id)),
    ))
    .get_result(conn)
}

/// The newest post of a thread, whatever its state (0 when none).
pub fn last_post_id(conn: &mut DbConn, thread_id: i64) -> QueryResult<i64> {
    posts::table
        .filter(posts::thread_id.eq(thread_id))
        .select(diesel::dsl::max(posts::id))
        .first::<Option<i64>>(conn)
        .map(|id| id.unwrap_or(0))
}

/// A reply a watcher has not been told about.
#[derive(Debug, Clone, QueryableByName)]
pub struct Unseen {
    #[diesel(sql_type = BigInt)]
    pub watch_id: i64,
    /// The watcher.
    #[diesel(sql_type = BigInt)]
    pub user_id: i64,
    #[diesel(sql_type = BigInt)]
    pub notified_through: i64,
    #[diesel(sql_type = BigInt)]
    pub thread_id: i64,
    #[diesel(sql_type = Text)]
    pub title: String,
    #[diesel(sql_type = Text)]
    pub email: String,
    #[diesel(sql_type = Text)]
    pub locale: Locale,
    #[diesel(sql_type = BigInt)]
    pub post_id: i64,
    #[diesel(sql_type = Timestamp)]
    pub created_at: NaiveDateTime,
    #[diesel(sql_type = Text)]
    pub author: String,
    #[diesel(sql_type = Nullable<Timestamp>)]
    pub author_deleted: Option<NaiveDateTime>,
}

const UNSEEN: &str =
    "SELECT w.id AS watch_id, w.user_id, w.notified_through, w.thread_id, t.title, \
u.email, u.locale, p.id AS post_id, p.created_at, a.username AS author, \
a.deleted_at AS author_deleted \
FROM thread_watches w JOIN threads t ON t.id = w.thread_id \
JOIN posts p ON p.thread_id = w.thread_id AND p.id > w.notified_through \
JOIN users a ON a.id = p.author_id JOIN users u ON u.id = w.user_id \
WHERE p.status = 'published' AND t.status = 'published' AND p.author_id <> w.user_id \
AND u.email IS NOT NULL AND u.email_verified_at IS NOT NULL AND u.deleted_at IS NULL \
AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = w.user_id \
AND n.post_id = p.id AND n.kind IN ('reply', 'mention', 'quote')) \
ORDER BY w.id, p.id LIMIT $1";

/// Published replies by others past each watch's cursor, by watch then post; a reply that
/// told the watcher more directly (a reply to them, a mention, a quote) comes by the
/// notification email instead.
pub fn list_unseen(conn: &mut DbConn, limit: i64) -> QueryResult<Vec<Unseen>> {
    diesel::sql_query(UNSEEN)
        .bind::<BigInt, _>(limit)
        .load(conn)
}

/// Moves a watch's cursor from `from` to `to`; false when another instance already did.
pub fn advance(conn: &mut DbConn, watch_id: i64, from: i64, to: i64) -> QueryResult<bool> {
    let updated = diesel::update(
        thread_watches::table
            .find(watch_id)
            .filter(thread_watches::notified_through.eq(from)),
    )
    .set(thread_watches::notified_through.eq(to))
    .execute(conn)?;
    Ok(updated == 1)
}

/// The members watching thread `thread_id`.
pub fn watchers(conn: &mut DbConn, thread_id: i64) -> QueryResult<Vec<i64>> {
    thread_watches::table
        .filter(thread_watches::thread_id.eq(thread_id))
        .select(thread_watches::user_id)
        .load(conn)
}
