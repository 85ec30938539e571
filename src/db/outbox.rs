//! Queries on `outbox`: queue once per idempotency key, claim due rows (one instance each),
//! record the outcome.

use crate::domain::{EmailKind, Locale};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text, Timestamp};

use super::schema::outbox;
use super::{insert_unless_present, DbConn};

/// A message to queue.
#[derive(Debug, Insertable)]
#[diesel(table_name = outbox)]
pub struct NewOutbox<'a> {
    pub idempotency_key: &'a str,
    pub kind: EmailKind,
    pub recipient: &'a str,
    pub locale: Locale,
    pub payload: &'a str,
    pub status: &'a str,
    pub next_attempt_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

/// Queues a message unless one with the same key exists; true when it was queued now.
pub fn insert_once(conn: &mut DbConn, row: &NewOutbox<'_>) -> QueryResult<bool> {
    Ok(insert_unless_present!(conn, outbox::table, row))
}

/// A message claimed for delivery by this process.
#[derive(Debug, Clone, QueryableByName)]
pub struct Claimed {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Text)]
    pub idempotency_key: String,
    #[diesel(sql_type = Text)]
    pub kind: String,
    #[diesel(sql_type = Text)]
    pub recipient: String,
    #[diesel(sql_type = Text)]
    pub locale: String,
    #[diesel(sql_type = Text)]
    pub payload: String,
    #[diesel(sql_type = Integer)]
    pub attempts: i32,
}

const CLAIM: &str =
    "UPDATE outbox SET status = 'sending', locked_until = $1, attempts = attempts + 1 \
WHERE id IN (SELECT id FROM outbox WHERE status IN ('queued', 'sending') \
AND next_attempt_at <= $2 AND (locked_until IS NULL OR locked_until < $3) \
ORDER BY next_attempt_at, id LIMIT $4 {LOCK}) \
RETURNING id, idempotency_key, kind, recipient, locale, payload, attempts";

/// Claims up to `limit` messages due at `due_by` whose lease (if any) ended before `now`,
/// leasing them until `lease_until`. On PostgreSQL rows locked by another instance are skipped.
pub fn claim_due(
    conn: &mut DbConn,
    now: NaiveDateTime,
    due_by: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<Claimed>> {
    macro_rules! claim {
        ($c:expr, $lock:expr) => {
            diesel::sql_query(CLAIM.replace("{LOCK}", $lock))
                .bind::<Timestamp, _>(lease_until)
                .bind::<Timestamp, _>(due_by)
                .bind::<Timestamp, _>(now)
                .bind::<BigInt, _>(limit)
                .load::<Claimed>($c)
        };
    }
    match conn {
        DbConn::Pg(c) => claim!(c, "FOR UPDATE SKIP LOCKED"),
        DbConn::Sqlite(c) => claim!(c, ""),
    }
}

/// Marks a message delivered and forgets its payload (links in it are secrets).
pub fn mark_sent(conn: &mut DbConn, id: i64, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq("sent"),
            outbox::sent_at.eq(Some(now)),
            outbox::locked_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(None::<String>),
            outbox::payload.eq("{}"),
        ))
        .execute(conn)
        .map(drop)
}

/// Puts a message back in the queue for another try at `next_attempt_at`.
pub fn mark_retry(
    conn: &mut DbConn,
    id: i64,
    next_attempt_at: NaiveDateTime,
    error: &str,
) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq("queued"),
            outbox::next_attempt_at.eq(next_attempt_at),
            outbox::locked_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(Some(error)),
        ))
        .execute(conn)
        .map(drop)
}

/// Gives up on a message; admins see it with its last error.
pub fn mark_failed(conn: &mut DbConn, id: i64, error: &str) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq("failed"),
            outbox::locked_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(Some(error)),
        ))
        .execute(conn)
        .map(drop)
}

/// A message that could not be delivered.
#[derive(Debug, Clone, Queryable)]
pub struct Failed {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
}

/// Failed messages, newest first.
pub fn list_failed(conn: &mut DbConn, limit: i64) -> QueryResult<Vec<Failed>> {
    outbox::table
        .filter(outbox::status.eq("failed"))
        .order(outbox::id.desc())
        .limit(limit)
        .select((
            outbox::id,
            outbox::kind,
            outbox::recipient,
            outbox::attempts,
            outbox::last_error,
            outbox::created_at,
        ))
        .load(conn)
}

/// Queues a failed message again; false when it was not failed, or already forgot its
/// address (see `retention`).
pub fn retry_failed(conn: &mut DbConn, id: i64, now: NaiveDateTime) -> QueryResult<bool> {
    let n = diesel::update(
        outbox::table
            .find(id)
            .filter(outbox::status.eq("failed"))
            .filter(outbox::recipient.ne("")),
    )
    .set((
        outbox::status.eq("queued"),
        outbox::attempts.eq(0),
        outbox::next_attempt_at.eq(now),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Gives up on a failed message for good.
pub fn discard_failed(conn: &mut DbConn, id: i64) -> QueryResult<bool> {
    let n = diesel::update(outbox::table.find(id).filter(outbox::status.eq("failed")))
        .set((outbox::status.eq("discarded"), outbox::payload.eq("{}")))
        .execute(conn)?;
    Ok(n == 1)
}
