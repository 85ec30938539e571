//! Bulk loading for demo and benchmark data: many rows per statement, explicit ids.

use crate::domain::{Frequency, Locale, PostStatus, Role};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{boards, posts, subscribers, subscriptions, threads, users};
use super::DbConn;

/// A member row with its id.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub username_key: String,
    pub username_skeleton: String,
    pub email: Option<String>,
    pub password_hash: Option<String>,
    pub role: Role,
    pub locale: Locale,
    pub email_verified_at: Option<NaiveDateTime>,
    pub post_count: i64,
    pub created_at: NaiveDateTime,
}

/// A thread row with its id and final counters.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = threads)]
pub struct ThreadRow {
    pub id: i64,
    pub board_id: i64,
    pub author_id: i64,
    pub title: String,
    pub status: PostStatus,
    pub reply_count: i64,
    pub last_post_id: Option<i64>,
    pub last_poster_id: Option<i64>,
    pub last_post_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    /// How many posts it has (their numbers are 1 to this).
    pub posts_numbered: i64,
}

/// A post row with its id.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = posts)]
pub struct PostRow {
    pub id: i64,
    pub thread_id: i64,
    pub author_id: i64,
    pub parent_id: Option<i64>,
    pub body_source: String,
    pub body_html: String,
    pub status: PostStatus,
    pub created_at: NaiveDateTime,
    /// Its number in its thread, from 1.
    pub number: i64,
}

/// An email-only subscriber with its id.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = subscribers)]
pub struct SubscriberRow {
    pub id: i64,
    pub email: Option<String>,
    pub locale: Locale,
    pub unsubscribe_key: String,
    pub created_at: NaiveDateTime,
}

/// A confirmed subscription to one board.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = subscriptions)]
pub struct SubscriptionRow {
    pub subscriber_id: i64,
    pub board_id: i64,
    pub frequency: Frequency,
    pub created_at: NaiveDateTime,
}

/// Rows per INSERT statement (SQLite allows 32,766 bound parameters).
const CHUNK: usize = 500;

macro_rules! insert_chunks {
    ($conn:expr, $table:expr, $rows:expr) => {{
        for chunk in $rows.chunks(CHUNK) {
            match $conn {
                DbConn::Pg(c) => diesel::insert_into($table).values(chunk).execute(c)?,
                DbConn::Sqlite(c) => diesel::insert_into($table).values(chunk).execute(c)?,
            };
        }
        Ok(())
    }};
}

/// Inserts members.
pub fn insert_users(conn: &mut DbConn, rows: &[UserRow]) -> QueryResult<()> {
    insert_chunks!(conn, users::table, rows)
}

/// Inserts threads.
pub fn insert_threads(conn: &mut DbConn, rows: &[ThreadRow]) -> QueryResult<()> {
    insert_chunks!(conn, threads::table, rows)
}

/// Inserts posts.
pub fn insert_posts(conn: &mut DbConn, rows: &[PostRow]) -> QueryResult<()> {
    insert_chunks!(conn, posts::table, rows)
}

/// Inserts subscribers.
pub fn insert_subscribers(conn: &mut DbConn, rows: &[SubscriberRow]) -> QueryResult<()> {
    insert_chunks!(conn, subscribers::table, rows)
}

/// Inserts subscriptions.
pub fn insert_subscriptions(conn: &mut DbConn, rows: &[SubscriptionRow]) -> QueryResult<()> {
    insert_chunks!(conn, subscriptions::table, rows)
}

/// The largest subscriber id (0 when none).
pub fn max_subscriber_id(conn: &mut DbConn) -> QueryResult<i64> {
    let id: Option<i64> = subscribers::table
        .select(diesel::dsl::max(subscribers::id))
        .first(conn)?;
    Ok(id.unwrap_or(0))
}

/// The largest id in a table (0 when empty).
pub fn max_ids(conn: &mut DbConn) -> QueryResult<(i64, i64, i64)> {
    let u: Option<i64> = users::table
        .select(diesel::dsl::max(users::id))
        .first(conn)?;
    let t: Option<i64> = threads::table
        .select(diesel::dsl::max(threads::id))
        .first(conn)?;
    let p: Option<i64> = posts::table
        .select(diesel::dsl::max(posts::id))
        .first(conn)?;
    Ok((u.unwrap_or(0), t.unwrap_or(0), p.unwrap_or(0)))
}

/// After explicit ids, moves PostgreSQL's identity sequences past them (SQLite needs nothing).
pub fn fix_sequences(conn: &mut DbConn) -> QueryResult<()> {
    if let DbConn::Pg(c) = conn {
        for table in ["users", "threads", "posts", "subscribers", "subscriptions"] {
            diesel::sql_query(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"
            ))
            .execute(c)?;
        }
    }
    Ok(())
}

/// What a load adds to one board: its new threads and posts, and their first and last dates.
#[derive(Debug, Clone)]
pub struct BoardTally {
    pub board_id: i64,
    pub threads: i64,
    pub posts: i64,
    pub first_at: Option<NaiveDateTime>,
    pub last_at: Option<NaiveDateTime>,
}

/// Adds loaded threads and posts to their boards' totals as publishing them one by one would
/// have: the counts grow, the last activity moves to the newest post if it is later, and a
/// board is dated no later than its oldest post.
pub fn add_to_boards(conn: &mut DbConn, tallies: &[BoardTally]) -> QueryResult<()> {
    for tally in tallies.iter().filter(|t| t.threads > 0) {
        let (last, created): (Option<NaiveDateTime>, NaiveDateTime) = boards::table
            .find(tally.board_id)
            .select((boards::last_activity_at, boards::created_at))
            .first(conn)?;
        let last = last.max(tally.last_at);
        let created = tally.first_at.map_or(created, |f| f.min(created));
        diesel::update(boards::table.find(tally.board_id))
            .set((
                boards::thread_count.eq(boards::thread_count + tally.threads),
                boards::post_count.eq(boards::post_count + tally.posts),
                boards::last_activity_at.eq(last),
                boards::created_at.eq(created),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// One search-index row: post id, thread title, plain text, stems.
pub type IndexRow<'a> = (i64, &'a str, &'a str, &'a str);

/// Adds many posts to the search index, 200 per statement.
pub fn index_posts(conn: &mut DbConn, rows: &[IndexRow<'_>]) -> QueryResult<()> {
    use diesel::sql_types::{BigInt, Text};
    for chunk in rows.chunks(200) {
        let sqlite = matches!(conn, DbConn::Sqlite(_));
        let values: Vec<String> = (0..chunk.len())
            .map(|i| {
                let n = i * 4;
                if sqlite {
                    format!("(?{}, ?{}, ?{}, ?{})", n + 1, n + 2, n + 3, n + 4)
                } else {
                    format!("(${}, ${}, ${}, ${})", n + 1, n + 2, n + 3, n + 4)
                }
            })
            .collect();
        let sql = format!(
            "INSERT INTO post_search (rowid, title, body, stems) VALUES {}",
            values.join(", ")
        );
        macro_rules! run {
            ($c:expr, $backend:ty) => {{
                let mut q = diesel::sql_query(&sql).into_boxed::<$backend>();
                for (id, title, body, stems) in chunk {
                    q = q
                        .bind::<BigInt, _>(*id)
                        .bind::<Text, _>(*title)
                        .bind::<Text, _>(*body)
                        .bind::<Text, _>(*stems);
                }
                q.execute($c)?;
            }};
        }
        match conn {
            DbConn::Pg(c) => run!(c, diesel::pg::Pg),
            DbConn::Sqlite(c) => run!(c, diesel::sqlite::Sqlite),
        }
    }
    Ok(())
}

/// Runs `load` on a connection prepared for a bulk load, then puts the settings back whether
/// or not it succeeded (the connection returns to the pool, and FTS5 keeps its options in the
/// database file). On SQLite: a page cache large enough for the indexes being filled, one
/// full-text flush at the end, and no fsync until then (the load is one transaction, so a
/// crash still leaves the database as it was before).
pub fn loading<T, E: From<diesel::result::Error>>(
    conn: &mut DbConn,
    load: impl FnOnce(&mut DbConn) -> Result<T, E>,
) -> Result<T, E> {
    set_bulk(conn, true)?;
    let loaded = load(conn);
    let restored = set_bulk(conn, false);
    let value = loaded?;
    restored?;
    Ok(value)
}

fn set_bulk(conn: &mut DbConn, on: bool) -> QueryResult<()> {
    use diesel::connection::SimpleConnection;
    match (conn, on) {
        (DbConn::Sqlite(c), true) => c.batch_execute(
            "PRAGMA cache_size = -262144; PRAGMA synchronous = OFF; \
             INSERT INTO post_search (post_search, rank) VALUES ('hashsize', 268435456); \
             INSERT INTO post_search (post_search, rank) VALUES ('automerge', 0);",
        ),
        (DbConn::Sqlite(c), false) => c.batch_execute(
            "INSERT INTO post_search (post_search, rank) VALUES ('hashsize', 1048576); \
             INSERT INTO post_search (post_search, rank) VALUES ('automerge', 4); \
             PRAGMA synchronous = NORMAL; PRAGMA cache_size = -2000;",
        ),
        (DbConn::Pg(c), true) => c.batch_execute("SET synchronous_commit = off"),
        (DbConn::Pg(c), false) => c.batch_execute("SET synchronous_commit = on"),
    }
}

/// Refreshes the planner's statistics after a bulk load (stale ones made PostgreSQL pick a
/// plan 2,500 times slower for a board's feed).
pub fn analyze(conn: &mut DbConn) -> QueryResult<()> {
    use diesel::connection::SimpleConnection;
    conn.batch_execute("ANALYZE")
}
