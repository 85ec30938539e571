//! Queries on `rate_events`: timestamps of limited actions, shared by every instance.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::rate_events;
use super::DbConn;

/// Records one event of `kind` for `subject` (an account key, an address, …).
pub fn insert(conn: &mut DbConn, kind: &str, subject: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::insert_into(rate_events::table)
        .values((
            rate_events::kind.eq(kind),
            rate_events::subject.eq(subject),
            rate_events::created_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}

/// How many events of `kind` for `subject` happened after `since`, the oldest and the newest.
///
/// Inside a transaction, the subject's count stays this transaction's until it ends, so a
/// check followed by `insert` is one step: on SQLite every writer holds the write lock; on
/// PostgreSQL, where writers do not queue on one lock, a lock on the (kind, subject) pair
/// makes a second counter of the same subject wait (other subjects go on).
pub fn window(
    conn: &mut DbConn,
    kind: &str,
    subject: &str,
    since: NaiveDateTime,
) -> QueryResult<(i64, Option<NaiveDateTime>, Option<NaiveDateTime>)> {
    if matches!(conn, DbConn::Pg(_)) {
        super::prepared(
            diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .bind::<diesel::sql_types::Text, _>(format!("rate:{kind}:{subject}")),
        )
        .run(conn)?;
    }
    rate_events::table
        .filter(rate_events::kind.eq(kind))
        .filter(rate_events::subject.eq(subject))
        .filter(rate_events::created_at.gt(since))
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::min(rate_events::created_at),
            diesel::dsl::max(rate_events::created_at),
        ))
        .first(conn)
}

/// Forgets one event of `kind` for `subject` at `at` (an attempt counted ahead that succeeded).
pub fn delete_one(
    conn: &mut DbConn,
    kind: &str,
    subject: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let one = rate_events::table
        .filter(rate_events::kind.eq(kind))
        .filter(rate_events::subject.eq(subject))
        .filter(rate_events::created_at.eq(at))
        .select(rate_events::id)
        .first::<i64>(conn)
        .optional()?;
    if let Some(id) = one {
        diesel::delete(rate_events::table.find(id)).execute(conn)?;
    }
    Ok(())
}

/// Forgets the events of `kind` for `subject` (e.g. failures after a success).
pub fn clear(conn: &mut DbConn, kind: &str, subject: &str) -> QueryResult<()> {
    diesel::delete(
        rate_events::table
            .filter(rate_events::kind.eq(kind))
            .filter(rate_events::subject.eq(subject)),
    )
    .execute(conn)
    .map(drop)
}

/// Forgets events older than `before`.
pub fn delete_before(conn: &mut DbConn, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(rate_events::table.filter(rate_events::created_at.lt(before))).execute(conn)
}
