//! Keeping the site in order: the health check, the hourly housekeeping, and the content
//! version cached pages are checked against.

use crate::db::{self, Pool};
use crate::error::AppError;

/// Succeeds when the database answers a trivial query.
pub async fn ping(pool: &Pool) -> Result<(), AppError> {
    pool.run(|c| Ok(db::ping(c)?)).await
}

/// Forgets expired sessions and rate-limit events older than a day.
pub async fn housekeeping(pool: &Pool) -> Result<(usize, usize), AppError> {
    pool.run(|c| {
        let now = chrono::Utc::now().naive_utc();
        let sessions = db::sessions::delete_expired(c, now)?;
        let events = db::rate_events::delete_before(c, now - chrono::TimeDelta::days(1))?;
        Ok((sessions, events))
    })
    .await
}

/// The content version every cached page is checked against.
pub async fn content_version(pool: &Pool) -> Result<i64, AppError> {
    pool.run(|c| Ok(db::content_version(c)?)).await
}
