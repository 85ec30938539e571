//! Queuing email: a row in the outbox, in the caller's transaction; the worker sends it.

use chrono::Utc;
use serde_json::Value;

use crate::db::{self, outbox::NewOutbox, DbConn, DbError};
use crate::domain::{EmailKind, Locale};

/// One message to queue.
pub struct Email<'a> {
    /// Unique per message: a second enqueue with the same key sends nothing more.
    pub key: String,
    pub kind: EmailKind,
    pub to: &'a str,
    pub locale: Locale,
    /// The template's data (and optional extra `headers`).
    pub payload: Value,
}

/// Queues `email`; false when a message with the same key was already queued.
pub fn enqueue(conn: &mut DbConn, email: Email<'_>) -> Result<bool, DbError> {
    let now = Utc::now().naive_utc();
    let payload = email.payload.to_string();
    db::outbox::insert_once(
        conn,
        &NewOutbox {
            idempotency_key: &email.key,
            kind: email.kind.as_str(),
            recipient: email.to,
            locale: email.locale.as_str(),
            payload: &payload,
            status: "queued",
            next_attempt_at: now,
            created_at: now,
        },
    )
}
