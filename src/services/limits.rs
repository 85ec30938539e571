//! Rate limits counted in the database, so they hold across every instance of a site.

use chrono::{NaiveDateTime, TimeDelta};

use crate::db::{self, DbConn, DbError};

/// At most `max` events of `kind` per subject within `window`.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub kind: &'static str,
    pub max: u32,
    pub window: TimeDelta,
}

/// A limit was reached; the action may be tried again after this many seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exceeded {
    pub retry_after_secs: u64,
}

impl Exceeded {
    /// Whole minutes to wait, at least one.
    pub fn minutes(self) -> u64 {
        self.retry_after_secs.div_ceil(60).max(1)
    }
}

impl Limit {
    /// Fails when `subject` already used up this limit at `now`.
    pub fn check(
        &self,
        conn: &mut DbConn,
        subject: &str,
        now: NaiveDateTime,
    ) -> Result<Result<(), Exceeded>, DbError> {
        let since = now - self.window;
        let (count, oldest) = db::rate_events::window(conn, self.kind, subject, since)?;
        if count < i64::from(self.max) {
            return Ok(Ok(()));
        }
        let frees_at = oldest.unwrap_or(now) + self.window;
        let secs = (frees_at - now).num_seconds().max(1) as u64;
        Ok(Err(Exceeded {
            retry_after_secs: secs,
        }))
    }

    /// Counts one event for `subject`.
    pub fn record(
        &self,
        conn: &mut DbConn,
        subject: &str,
        now: NaiveDateTime,
    ) -> Result<(), DbError> {
        db::rate_events::insert(conn, self.kind, subject, now)
    }

    /// Forgets the events of `subject` (after a success that resets the count).
    pub fn clear(&self, conn: &mut DbConn, subject: &str) -> Result<(), DbError> {
        db::rate_events::clear(conn, self.kind, subject)
    }
}
