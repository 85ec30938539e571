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

/// The unexpired session with this token hash, and its member.
pub fn find_active(
    conn: &mut DbConn,
    token_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<(Session, User)>> {
    sessions::table
        .inner_join(users::table)
        .filter(sessions::token_hash.eq(token_hash))
        .filter(sessions::expires_at.gt(now))
        .select((Session::as_select(), User::as_select()))
        .first(conn)
        .optional()
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
