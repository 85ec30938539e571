//! Forgetting personal data once its retention period is over: each function takes the
//! moment before which rows count as old and returns how many it changed.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{email_tokens, flags, outbox, sessions, subscription_requests};
use super::DbConn;

/// What a delivered, failed or discarded message keeps as its payload once forgotten.
pub const FORGOTTEN_PAYLOAD: &str = "{}";

/// Blanks the address, content and error of messages created before `before` that are no
/// longer waiting to be sent. The row (kind, status, dates and idempotency key) stays, so
/// counts still add up and a digest's period is never sent twice.
pub fn forget_old_mail(conn: &mut DbConn, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        outbox::table
            .filter(outbox::status.eq_any(["sent", "failed", "discarded"]))
            .filter(outbox::created_at.lt(before))
            .filter(
                outbox::recipient
                    .ne("")
                    .or(outbox::payload.ne(FORGOTTEN_PAYLOAD))
                    .or(outbox::last_error.is_not_null()),
            ),
    )
    .set((
        outbox::recipient.eq(""),
        outbox::payload.eq(FORGOTTEN_PAYLOAD),
        outbox::last_error.eq(None::<String>),
    ))
    .execute(conn)
}

/// Reports made before `before` stop naming who made them.
pub fn forget_old_reporters(conn: &mut DbConn, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        flags::table
            .filter(flags::created_at.lt(before))
            .filter(flags::reporter_id.is_not_null()),
    )
    .set(flags::reporter_id.eq(None::<i64>))
    .execute(conn)
}

/// Ends sessions last used before `idle_since` and sessions expired at `now`.
pub fn delete_idle_sessions(
    conn: &mut DbConn,
    idle_since: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::delete(
        sessions::table.filter(
            sessions::last_seen_at
                .lt(idle_since)
                .or(sessions::expires_at.le(now)),
        ),
    )
    .execute(conn)
}

/// Forgets email links (verification, reset, address change, work address) once used or
/// expired at `now`, and the addresses they carried.
pub fn delete_spent_tokens(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(
        email_tokens::table.filter(
            email_tokens::used_at
                .is_not_null()
                .or(email_tokens::expires_at.le(now)),
        ),
    )
    .execute(conn)
}

/// Forgets subscription requests made before `before` or expired unused at `now` (their
/// boards go with them), then the email-only addresses left with neither a subscription nor
/// a request; returns how many addresses went.
pub fn delete_unconfirmed_subscriptions(
    conn: &mut DbConn,
    before: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::delete(
        subscription_requests::table.filter(
            subscription_requests::created_at
                .lt(before)
                .or(subscription_requests::expires_at
                    .le(now)
                    .and(subscription_requests::used_at.is_null())),
        ),
    )
    .execute(conn)?;
    super::subscriptions::delete_unconfirmed(conn)
}
