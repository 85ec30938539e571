//! Queries on `post_supports` and the count kept on `posts`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{post_supports, posts};
use super::{insert_unless_present, DbConn};

/// Records `user_id`'s support of `post_id` and counts it; false when it was already there
/// (the count is untouched, so a double click or two instances count once).
pub fn add(conn: &mut DbConn, post_id: i64, user_id: i64, now: NaiveDateTime) -> QueryResult<bool> {
    let row = (
        post_supports::post_id.eq(post_id),
        post_supports::user_id.eq(user_id),
        post_supports::created_at.eq(now),
    );
    let inserted = insert_unless_present!(conn, post_supports::table, row);
    if inserted {
        diesel::update(posts::table.find(post_id))
            .set(posts::support_count.eq(posts::support_count + 1))
            .execute(conn)?;
    }
    Ok(inserted)
}

/// Takes back `user_id`'s support of `post_id`; false when there was none.
pub fn remove(conn: &mut DbConn, post_id: i64, user_id: i64) -> QueryResult<bool> {
    let deleted = diesel::delete(
        post_supports::table
            .filter(post_supports::post_id.eq(post_id))
            .filter(post_supports::user_id.eq(user_id)),
    )
    .execute(conn)?;
    if deleted == 1 {
        diesel::update(posts::table.find(post_id))
            .set(posts::support_count.eq(posts::support_count - 1))
            .execute(conn)?;
    }
    Ok(deleted == 1)
}
