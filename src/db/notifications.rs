//! Queries on `notifications`: what concerns each member.
//!
//! A notification about a post is shown only while the post and its thread are published:
//! one whose post is hidden or deleted later is withdrawn (not listed, counted or emailed)
//! without being deleted, so it comes back if the post does. Decisions by moderation are
//! always shown: the post they concern is usually out of view.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};

use super::schema::{notifications, posts, threads, user_ignores, users};
use super::DbConn;
use crate::domain::{Locale, ModAction, NotificationKind, NotifyEmail, PostStatus};

/// A notification to write.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = notifications)]
pub struct NewNotification {
    pub user_id: i64,
    pub kind: NotificationKind,
    pub post_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub modlog_id: Option<i64>,
    pub created_at: NaiveDateTime,
    /// Set when another email already told the member (a watch email, a decision's own).
    pub mailed_at: Option<NaiveDateTime>,
}

/// Writes notifications; one a member already has for the same post is left as it is.
pub fn insert(conn: &mut DbConn, rows: &[NewNotification]) -> QueryResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    match conn {
        DbConn::Pg(c) => diesel::insert_into(notifications::table)
            .values(rows)
            .on_conflict_do_nothing()
            .execute(c)?,
        DbConn::Sqlite(c) => diesel::insert_or_ignore_into(notifications::table)
            .values(rows)
            .execute(c)?,
    };
    Ok(())
}

/// The members already told about post `post_id` (by anything but a decision).
pub fn told_of_post(conn: &mut DbConn, post_id: i64) -> QueryResult<Vec<i64>> {
    notifications::table
        .filter(notifications::post_id.eq(post_id))
        .filter(notifications::kind.ne(NotificationKind::Moderation))
        .select(notifications::user_id)
        .load(conn)
}

/// Of `candidates`, those who may not be told about a post by `author`: they ignore the
/// author, deleted their account or are banned.
pub fn silenced(conn: &mut DbConn, author: i64, candidates: &[i64]) -> QueryResult<Vec<i64>> {
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let mut out: Vec<i64> = user_ignores::table
        .filter(user_ignores::ignored_id.eq(author))
        .filter(user_ignores::user_id.eq_any(candidates))
        .select(user_ignores::user_id)
        .load(conn)?;
    out.extend(
        users::table
            .filter(users::id.eq_any(candidates))
            .filter(users::deleted_at.is_not_null().or(users::banned.eq(true)))
            .select(users::id)
            .load::<i64>(conn)?,
    );
    Ok(out)
}

/// The condition under which notification `n` is shown (its post `p` and thread `t` joined),
/// as a literal so the header's count (`sessions::UnreadNotifications`) is built from it too.
macro_rules! shown_condition {
    () => {
        "(n.kind = 'moderation' OR (p.status = 'published' AND t.status = 'published'))"
    };
}
pub(super) use shown_condition;

/// See `shown_condition!`.
const SHOWN: &str = shown_condition!();
const JOINS: &str = "FROM notifications n LEFT JOIN posts p ON p.id = n.post_id \
LEFT JOIN threads t ON t.id = p.thread_id";

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// How many shown notifications member `user_id` has not read: the header's count on every
/// page a member sees, so written with the query builder (a prepared statement the connection
/// keeps) rather than as text prepared again each time.
pub fn unread_count(conn: &mut DbConn, user_id: i64) -> QueryResult<i64> {
    notifications::table
        .left_join(posts::table.on(posts::id.nullable().eq(notifications::post_id)))
        .left_join(threads::table.on(threads::id.nullable().eq(posts::thread_id.nullable())))
        .filter(notifications::user_id.eq(user_id))
        .filter(notifications::read_at.is_null())
        .filter(
            notifications::kind
                .eq(NotificationKind::Moderation)
                .nullable()
                .or(posts::status
                    .nullable()
                    .eq(PostStatus::Published)
                    .and(threads::status.nullable().eq(PostStatus::Published))),
        )
        .count()
        .get_result(conn)
}

/// How many shown notifications member `user_id` has.
pub fn count(conn: &mut DbConn, user_id: i64) -> QueryResult<i64> {
    let sql = format!("SELECT COUNT(*) AS n {JOINS} WHERE n.user_id = $1 AND {SHOWN}");
    Ok(diesel::sql_query(sql)
        .bind::<BigInt, _>(user_id)
        .get_result::<Count>(conn)?
        .n)
}

/// One notification as its list shows it.
#[derive(Debug, Clone, QueryableByName)]
pub struct Listed {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Text)]
    pub kind: NotificationKind,
    #[diesel(sql_type = Timestamp)]
    pub created_at: NaiveDateTime,
    #[diesel(sql_type = Nullable<Timestamp>)]
    pub read_at: Option<NaiveDateTime>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub post_id: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    pub thread_title: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub actor: Option<String>,
    #[diesel(sql_type = Nullable<Timestamp>)]
    pub actor_deleted: Option<NaiveDateTime>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub modlog_id: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    pub action: Option<ModAction>,
}

const LISTED: &str = "SELECT n.id, n.kind, n.created_at, n.read_at, n.post_id, \
t.title AS thread_title, a.username AS actor, a.deleted_at AS actor_deleted, n.modlog_id, \
m.action";
const LISTED_JOINS: &str = "LEFT JOIN users a ON a.id = n.actor_id \
LEFT JOIN modlog m ON m.id = n.modlog_id";

/// A page of member `user_id`'s shown notifications, newest first.
pub fn list(conn: &mut DbConn, user_id: i64, limit: i64, offset: i64) -> QueryResult<Vec<Listed>> {
    let sql = format!(
        "{LISTED} {JOINS} {LISTED_JOINS} WHERE n.user_id = $1 AND {SHOWN} \
         ORDER BY n.id DESC LIMIT $2 OFFSET $3"
    );
    diesel::sql_query(sql)
        .bind::<BigInt, _>(user_id)
        .bind::<BigInt, _>(limit)
        .bind::<BigInt, _>(offset)
        .load(conn)
}

/// Marks read all of member `user_id`'s notifications.
pub fn mark_all_read(conn: &mut DbConn, user_id: i64, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        notifications::table
            .filter(notifications::user_id.eq(user_id))
            .filter(notifications::read_at.is_null()),
    )
    .set(notifications::read_at.eq(now))
    .execute(conn)
}

/// Marks read member `user_id`'s notifications of the posts `post_ids` (a page showed them).
pub fn mark_posts_read(
    conn: &mut DbConn,
    user_id: i64,
    post_ids: &[i64],
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        notifications::table
            .filter(notifications::user_id.eq(user_id))
            .filter(notifications::read_at.is_null())
            .filter(notifications::post_id.eq_any(post_ids)),
    )
    .set(notifications::read_at.eq(now))
    .execute(conn)
}

/// A notification not yet taken by an email, with what the email says of it.
#[derive(Debug, Clone, QueryableByName)]
pub struct Unmailed {
    #[diesel(embed)]
    pub item: Listed,
    #[diesel(sql_type = BigInt)]
    pub user_id: i64,
    /// Whether it is still shown (its post in view).
    #[diesel(sql_type = diesel::sql_types::Bool)]
    pub shown: bool,
    /// The recipient's address when they may be emailed (verified, not deleted).
    #[diesel(sql_type = Nullable<Text>)]
    pub email: Option<String>,
    #[diesel(sql_type = Text)]
    pub locale: Locale,
    #[diesel(sql_type = Text)]
    pub notify_email: NotifyEmail,
    /// The thread of its post, if any.
    #[diesel(sql_type = Nullable<BigInt>)]
    pub thread_id: Option<i64>,
}

/// Notifications no email has taken yet, by member then age; at most `limit`.
pub fn list_unmailed(conn: &mut DbConn, limit: i64) -> QueryResult<Vec<Unmailed>> {
    let sql = format!(
        "{LISTED}, n.user_id, {SHOWN} AS shown, \
         CASE WHEN u.email_verified_at IS NOT NULL AND u.deleted_at IS NULL THEN u.email END \
         AS email, u.locale, u.notify_email, p.thread_id \
         {JOINS} {LISTED_JOINS} JOIN users u ON u.id = n.user_id \
         WHERE n.mailed_at IS NULL ORDER BY n.user_id, n.id LIMIT $1"
    );
    diesel::sql_query(sql).bind::<BigInt, _>(limit).load(conn)
}

/// Takes notifications `ids` for an email; false (and nothing taken) unless every one of
/// them was still free, i.e. another instance took some first.
pub fn claim(conn: &mut DbConn, ids: &[i64], now: NaiveDateTime) -> QueryResult<bool> {
    let taken = diesel::update(
        notifications::table
            .filter(notifications::id.eq_any(ids))
            .filter(notifications::mailed_at.is_null()),
    )
    .set(notifications::mailed_at.eq(now))
    .execute(conn)?;
    Ok(taken == ids.len())
}
