//! Queries on `sessions`: only token hashes are stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{sessions, users};
use super::users::User;
use super::DbConn;

/// A session as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct Session {
    pub id: i64,
    pub token_hash: String,
    pub user_id: i64,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

/// Starts a session.
pub fn insert(
    conn: &mut DbConn,
    token_hash: &str,
    user_id: i64,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<i64> {
    diesel::insert_into(sessions::table)
        .values((
            sessions::token_hash.eq(token_hash),
            sessions::user_id.eq(user_id),
            sessions::created_at.eq(now),
            sessions::last_seen_at.eq(now),
            sessions::expires_at.eq(expires_at),
        ))
        .returning(sessions::id)
        .get_result(conn)
}

/// Writes a fixed piece of SQL as a typed expression of the query builder, so a query that
/// holds it is still prepared once per connection and kept (`dsl::sql` text is prepared
/// again on every run). Each gets a type of its own: the type is what the kept statement is
/// found by.
macro_rules! fixed_sql_expression {
    ($(#[$doc:meta])* $name:ident: $sql_type:ty = $sql:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, diesel::query_builder::QueryId, diesel::expression::ValidGrouping)]
        struct $name;
        impl diesel::expression::Expression for $name {
            type SqlType = $sql_type;
        }
        impl<QS> diesel::SelectableExpression<QS> for $name {}
        impl<QS> diesel::AppearsOnTable<QS> for $name {}
        impl<DB: diesel::backend::Backend> diesel::query_builder::QueryFragment<DB> for $name {
            fn walk_ast<'b>(
                &'b self,
                mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
            ) -> QueryResult<()> {
                out.push_sql($sql);
                Ok(())
            }
        }
    };
}

fixed_sql_expression!(
    /// The boards the session's member moderates by appointment, as `1,4,*` (`*`: every
    /// board). `string_agg` is in PostgreSQL and in SQLite since 3.44.
    AppointedBoards: diesel::sql_types::Nullable<diesel::sql_types::Text> =
        "(SELECT string_agg(COALESCE(CAST(m.board_id AS TEXT), '*'), ',') FROM moderators m \
          WHERE m.user_id = users.id AND m.revoked_at IS NULL)"
);

fixed_sql_expression!(
    /// How many shown notifications the session's member has not read.
    UnreadNotifications: diesel::sql_types::BigInt = concat!(
        "(SELECT COUNT(*) FROM notifications n LEFT JOIN posts p ON p.id = n.post_id \
          LEFT JOIN threads t ON t.id = p.thread_id \
          WHERE n.user_id = users.id AND n.read_at IS NULL AND ",
        super::notifications::shown_condition!(),
        ")"
    )
);

/// A session with what its member may do and has not read.
#[derive(Debug)]
pub struct Standing {
    pub session: Session,
    pub user: User,
    /// The boards they moderate by appointment (`None` for every board).
    pub appointed: Vec<Option<i64>>,
    /// Shown notifications not read.
    pub unread: i64,
}

/// What every member page needs about its session, in one round trip: the unexpired session
/// with this token hash, its member, the boards they moderate by appointment (`None` for every
/// board) and how many shown notifications they have not read.
pub fn find_active_with_standing(
    conn: &mut DbConn,
    token_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<Standing>> {
    let found: Option<(Session, User, Option<String>, i64)> = sessions::table
        .inner_join(users::table)
        .filter(sessions::token_hash.eq(token_hash))
        .filter(sessions::expires_at.gt(now))
        .select((
            Session::as_select(),
            User::as_select(),
            AppointedBoards,
            UnreadNotifications,
        ))
        .first(conn)
        .optional()?;
    Ok(found.map(|(session, user, appointed, unread)| {
        let boards = appointed
            .as_deref()
            .unwrap_or("")
            .split(',')
            .filter(|b| !b.is_empty())
            .map(|b| b.parse().ok())
            .collect();
        Standing {
            session,
            user,
            appointed: boards,
            unread,
        }
    }))
}

/// Slides a session's expiry.
pub fn touch(
    conn: &mut DbConn,
    id: i64,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(sessions::table.find(id))
        .set((
            sessions::last_seen_at.eq(now),
            sessions::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(drop)
}

/// Ends the session with this token hash.
pub fn delete_by_hash(conn: &mut DbConn, token_hash: &str) -> QueryResult<()> {
    diesel::delete(sessions::table.filter(sessions::token_hash.eq(token_hash)))
        .execute(conn)
        .map(drop)
}

/// Ends every session of a member except `keep` (if any); returns how many ended.
pub fn delete_for_user(conn: &mut DbConn, user_id: i64, keep: Option<i64>) -> QueryResult<usize> {
    let mine = sessions::table.filter(sessions::user_id.eq(user_id));
    match keep {
        Some(id) => diesel::delete(mine.filter(sessions::id.ne(id))).execute(conn),
        None => diesel::delete(mine).execute(conn),
    }
}

/// A member's sessions, newest first.
pub fn list_for_user(conn: &mut DbConn, user_id: i64) -> QueryResult<Vec<Session>> {
    sessions::table
        .filter(sessions::user_id.eq(user_id))
        .order(sessions::created_at.desc())
        .select(Session::as_select())
        .load(conn)
}
