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
        let (count, oldest, _) = db::rate_events::window(conn, self.kind, subject, since)?;
        if count < i64::from(self.max) {
            return Ok(Ok(()));
        }
        let frees_at = oldest.unwrap_or(now) + self.window;
        let secs = (frees_at - now).num_seconds().max(1) as u64;
        Ok(Err(Exceeded {
            retry_after_secs: secs,
        }))
    }

    /// Checks and, when allowed, counts one event for `subject`: one atomic step when called
    /// inside a writing transaction (counting locks the subject until the transaction ends,
    /// see `db::rate_events::window`, so two requests can never both see the last free place).
    pub fn take(
        &self,
        conn: &mut DbConn,
        subject: &str,
        now: NaiveDateTime,
    ) -> Result<Result<(), Exceeded>, DbError> {
        let verdict = self.check(conn, subject, now)?;
        if verdict.is_ok() {
            self.record(conn, subject, now)?;
        }
        Ok(verdict)
    }

    /// Like `check`, but past `max` a further event is allowed after a pause that doubles with
    /// each one (`pause`, then twice it…, never more than the window): guessing slows down
    /// without locking the real owner out for the whole window.
    pub fn check_growing(
        &self,
        conn: &mut DbConn,
        subject: &str,
        now: NaiveDateTime,
        pause: TimeDelta,
    ) -> Result<Result<(), Exceeded>, DbError> {
        let since = now - self.window;
        let (count, _, newest) = db::rate_events::window(conn, self.kind, subject, since)?;
        let over = count - i64::from(self.max);
        if over < 0 {
            return Ok(Ok(()));
        }
        let wait = pause
            .checked_mul(1 << over.min(20) as i32)
            .unwrap_or(self.window)
            .min(self.window);
        let last = newest.unwrap_or(now);
        let free_at = last + wait;
        if now >= free_at {
            return Ok(Ok(()));
        }
        Ok(Err(Exceeded {
            retry_after_secs: (free_at - now).num_seconds().max(1) as u64,
        }))
    }

    /// Forgets one event of `subject` counted at `at`.
    pub fn forget_one(
        &self,
        conn: &mut DbConn,
        subject: &str,
        at: NaiveDateTime,
    ) -> Result<(), DbError> {
        db::rate_events::delete_one(conn, self.kind, subject, at)
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
