//! Queries on `threads`, with the counters kept beside them.

use crate::domain::PostStatus;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{boards, threads, users};
use super::DbConn;

diesel::alias!(users as last_posters: LastPosters);

/// A thread to create.
#[derive(Debug, Insertable)]
#[diesel(table_name = threads)]
pub struct NewThread<'a> {
    pub board_id: i64,
    pub author_id: i64,
    pub title: &'a str,
    pub status: PostStatus,
    pub last_post_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

/// Inserts a thread and returns its id.
pub fn insert(conn: &mut DbConn, thread: &NewThread<'_>) -> QueryResult<i64> {
    diesel::insert_into(threads::table)
        .values(thread)
        .returning(threads::id)
        .get_result(conn)
}

/// A thread as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = threads)]
pub struct Thread {
    pub id: i64,
    pub board_id: i64,
    pub author_id: i64,
    pub title: String,
    pub status: PostStatus,
    pub pinned: bool,
    pub locked: bool,
    pub reply_count: i64,
    pub last_post_id: Option<i64>,
    pub last_poster_id: Option<i64>,
    pub last_post_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    /// A consultation's opening (UTC): until then only moderators see the thread.
    pub opens_at: Option<NaiveDateTime>,
}

/// Threads anyone may list: all but consultations still in draft.
fn opened() -> diesel::dsl::Or<
    diesel::dsl::IsNull<threads::opens_at>,
    diesel::dsl::LtEq<threads::opens_at, NaiveDateTime>,
> {
    let now = chrono::Utc::now().naive_utc();
    threads::opens_at.is_null().or(threads::opens_at.le(now))
}

/// The thread with this id and its board.
pub fn find_with_board(
    conn: &mut DbConn,
    id: i64,
) -> QueryResult<Option<(Thread, super::boards::Board)>> {
    threads::table
        .inner_join(boards::table)
        .filter(threads::id.eq(id))
        .select((Thread::as_select(), super::boards::Board::as_select()))
        .first(conn)
        .optional()
}

/// `find_with_board` for a write: on PostgreSQL the thread's row is locked first, until the
/// transaction ends, so writes to one thread (a reply, a lock, a move) take turns and each
/// sees the one before it (SQLite's writers hold the database's write lock already). Writes
/// to other threads go on.
pub fn find_with_board_to_change(
    conn: &mut DbConn,
    id: i64,
) -> QueryResult<Option<(Thread, super::boards::Board)>> {
    if let DbConn::Pg(c) = conn {
        threads::table
            .find(id)
            .select(threads::id)
            .for_update()
            .load::<i64>(c)?;
    }
    find_with_board(conn, id)
}

/// One line of a board's thread list.
#[derive(Debug, Clone, Queryable)]
pub struct ThreadListRow {
    pub id: i64,
    pub title: String,
    pub pinned: bool,
    pub locked: bool,
    pub reply_count: i64,
    pub last_post_id: Option<i64>,
    pub last_post_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub author: String,
    pub author_deleted: Option<NaiveDateTime>,
    pub last_poster: Option<String>,
    pub last_poster_deleted: Option<NaiveDateTime>,
    pub author_label: super::stakeholders::LabelColumns,
}

/// A page of a board's published threads: pinned first, then by latest activity: one
/// statement, the same for every reader (what a member read is read apart, see
/// `thread_reads::positions`).
pub fn list_for_board(
    conn: &mut DbConn,
    board_id: i64,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<ThreadListRow>> {
    let query = threads::table
        .inner_join(users::table.on(users::id.eq(threads::author_id)))
        .left_join(
            last_posters.on(last_posters
                .field(users::id)
                .nullable()
                .eq(threads::last_poster_id)),
        )
        .filter(threads::board_id.eq(board_id))
        .filter(threads::status.eq(PostStatus::Published))
        .filter(opened())
        .order((
            threads::pinned.desc(),
            threads::last_post_at.desc(),
            threads::id.desc(),
        ))
        .select((
            threads::id,
            threads::title,
            threads::pinned,
            threads::locked,
            threads::reply_count,
            threads::last_post_id,
            threads::last_post_at,
            threads::created_at,
            users::username,
            users::deleted_at,
            last_posters.field(users::username).nullable(),
            last_posters.field(users::deleted_at).nullable(),
            super::stakeholders::LABEL,
        ));
    super::paged(query, limit, offset).load(conn)
}

/// One thread of the home page's recent activity.
#[derive(Debug, Clone, Queryable)]
pub struct ActivityRow {
    pub id: i64,
    pub title: String,
    pub reply_count: i64,
    pub last_post_id: Option<i64>,
    pub last_post_at: NaiveDateTime,
    pub board_id: i64,
    pub board_slug: String,
    pub board_name_es: String,
    pub board_name_en: String,
    pub last_poster: Option<String>,
    pub last_poster_deleted: Option<NaiveDateTime>,
}

/// The `limit` published threads with the newest posts, on any board that is not archived:
/// one statement on the `(status, last_post_at, id)` index.
pub fn recent_activity(conn: &mut DbConn, limit: i64) -> QueryResult<Vec<ActivityRow>> {
    let query = threads::table
        .inner_join(boards::table)
        .left_join(
            last_posters.on(last_posters
                .field(users::id)
                .nullable()
                .eq(threads::last_poster_id)),
        )
        .filter(threads::status.eq(PostStatus::Published))
        .filter(opened())
        .filter(boards::archived.eq(false))
        .order((threads::last_post_at.desc(), threads::id.desc()))
        .select((
            threads::id,
            threads::title,
            threads::reply_count,
            threads::last_post_id,
            threads::last_post_at,
            boards::id,
            boards::slug,
            boards::name_es,
            boards::name_en,
            last_posters.field(users::username).nullable(),
            last_posters.field(users::deleted_at).nullable(),
        ));
    super::paged(query, limit, 0).load(conn)
}

/// How many published threads a board has.
pub fn count_for_board(conn: &mut DbConn, board_id: i64) -> QueryResult<i64> {
    threads::table
        .filter(threads::board_id.eq(board_id))
        .filter(threads::status.eq(PostStatus::Published))
        .filter(opened())
        .count()
        .get_result(conn)
}

/// Records a new published post in the thread: its last post, and one more reply if it is one.
pub fn record_post(
    conn: &mut DbConn,
    id: i64,
    post_id: i64,
    poster_id: i64,
    at: NaiveDateTime,
    is_reply: bool,
) -> QueryResult<()> {
    let add = i64::from(is_reply);
    super::prepared(diesel::update(threads::table.find(id)).set((
        threads::reply_count.eq(threads::reply_count + add),
        threads::last_post_id.eq(Some(post_id)),
        threads::last_poster_id.eq(Some(poster_id)),
        threads::last_post_at.eq(at),
    )))
    .run(conn)
}

/// One published reply fewer.
pub fn remove_reply(conn: &mut DbConn, id: i64) -> QueryResult<()> {
    diesel::update(threads::table.find(id))
        .set(threads::reply_count.eq(threads::reply_count - 1))
        .execute(conn)
        .map(drop)
}

/// Sets a thread's status (`pending` until its opening post is approved).
pub fn set_status(conn: &mut DbConn, id: i64, status: PostStatus) -> QueryResult<()> {
    diesel::update(threads::table.find(id))
        .set(threads::status.eq(status))
        .execute(conn)
        .map(drop)
}

/// Locks or unlocks a thread.
pub fn set_locked(conn: &mut DbConn, id: i64, locked: bool) -> QueryResult<()> {
    diesel::update(threads::table.find(id))
        .set(threads::locked.eq(locked))
        .execute(conn)
        .map(drop)
}

/// Pins or unpins a thread.
pub fn set_pinned(conn: &mut DbConn, id: i64, pinned: bool) -> QueryResult<()> {
    diesel::update(threads::table.find(id))
        .set(threads::pinned.eq(pinned))
        .execute(conn)
        .map(drop)
}

/// Moves a thread to another board.
pub fn set_board(conn: &mut DbConn, id: i64, board_id: i64) -> QueryResult<()> {
    diesel::update(threads::table.find(id))
        .set(threads::board_id.eq(board_id))
        .execute(conn)
        .map(drop)
}

/// One published reply more, without changing the thread's last post.
pub fn add_reply(conn: &mut DbConn, id: i64) -> QueryResult<()> {
    diesel::update(threads::table.find(id))
        .set(threads::reply_count.eq(threads::reply_count + 1))
        .execute(conn)
        .map(drop)
}
