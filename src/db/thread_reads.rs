//! Queries on `thread_reads`: where each member stopped reading each thread.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Timestamp};

use super::schema::thread_reads;
use super::DbConn;

/// Where member `user_id` stopped reading thread `thread_id` (None: never opened).
pub fn read_through(conn: &mut DbConn, user_id: i64, thread_id: i64) -> QueryResult<Option<i64>> {
    thread_reads::table
        .find((user_id, thread_id))
        .select(thread_reads::last_read_post_id)
        .first(conn)
        .optional()
}

/// Where member `user_id` stopped reading each of `threads` they opened: (thread, last post
/// read).
pub fn positions(conn: &mut DbConn, user_id: i64, threads: &[i64]) -> QueryResult<Vec<(i64, i64)>> {
    thread_reads::table
        .filter(thread_reads::user_id.eq(user_id))
        .filter(thread_reads::thread_id.eq_any(threads))
        .select((thread_reads::thread_id, thread_reads::last_read_post_id))
        .load(conn)
}

/// Records that member `user_id` read thread `thread_id` through post `through` (never
/// moving back): one statement.
pub fn record_read(
    conn: &mut DbConn,
    user_id: i64,
    thread_id: i64,
    through: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    super::prepared(
        diesel::sql_query(
            "INSERT INTO thread_reads (user_id, thread_id, last_read_post_id, read_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, thread_id) DO UPDATE \
             SET last_read_post_id = excluded.last_read_post_id, read_at = excluded.read_at \
             WHERE thread_reads.last_read_post_id < excluded.last_read_post_id",
        )
        .bind::<BigInt, _>(user_id)
        .bind::<BigInt, _>(thread_id)
        .bind::<BigInt, _>(through)
        .bind::<Timestamp, _>(now),
    )
    .run(conn)
}

#[derive(QueryableByName)]
struct NewPosts {
    #[diesel(sql_type = BigInt)]
    thread_id: i64,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// For each of `threads` (thread, last post read), how many published posts by others came
/// after: one statement, a range of the posts' (thread, id) index per thread.
pub fn new_posts(
    conn: &mut DbConn,
    user_id: i64,
    threads: &[(i64, i64)],
) -> QueryResult<Vec<(i64, i64)>> {
    if threads.is_empty() {
        return Ok(Vec::new());
    }
    // Every value is a number, written into the text: nothing to bind, nothing to escape.
    let parts: Vec<String> = threads
        .iter()
        .map(|(t, through)| {
            format!(
                "SELECT CAST({t} AS BIGINT) AS thread_id, COUNT(*) AS n FROM posts \
                 WHERE thread_id = {t} AND id > {through} AND status = 'published' \
                 AND author_id <> {user_id}"
            )
        })
        .collect();
    Ok(diesel::sql_query(parts.join(" UNION ALL "))
        .load::<NewPosts>(conn)?
        .into_iter()
        .map(|r| (r.thread_id, r.n))
        .collect())
}
