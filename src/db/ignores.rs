//! Queries on `user_ignores`: whom a member ignores.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{user_ignores, users};
use super::{insert_unless_present, DbConn};

/// Records that `user_id` ignores `ignored_id` (once); true when it is new.
pub fn add(
    conn: &mut DbConn,
    user_id: i64,
    ignored_id: i64,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let row = (
        user_ignores::user_id.eq(user_id),
        user_ignores::ignored_id.eq(ignored_id),
        user_ignores::created_at.eq(now),
    );
    Ok(insert_unless_present!(conn, user_ignores::table, row))
}

/// Stops `user_id` ignoring `ignored_id`.
pub fn remove(conn: &mut DbConn, user_id: i64, ignored_id: i64) -> QueryResult<()> {
    diesel::delete(
        user_ignores::table
            .filter(user_ignores::user_id.eq(user_id))
            .filter(user_ignores::ignored_id.eq(ignored_id)),
    )
    .execute(conn)
    .map(drop)
}

/// Whether `user_id` ignores `ignored_id`.
pub fn exists(conn: &mut DbConn, user_id: i64, ignored_id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        user_ignores::table.find((user_id, ignored_id)),
    ))
    .get_result(conn)
}

/// The members `user_id` ignores, by name, with when: (name, since).
pub fn list(conn: &mut DbConn, user_id: i64) -> QueryResult<Vec<(String, NaiveDateTime)>> {
    user_ignores::table
        .inner_join(users::table.on(users::id.eq(user_ignores::ignored_id)))
        .filter(user_ignores::user_id.eq(user_id))
        .filter(users::deleted_at.is_null())
        .order(users::username_key.asc())
        .select((users::username, user_ignores::created_at))
        .load(conn)
}
