//! Keeping the site in order: the health check and the content version cached pages are
//! checked against.

use crate::db::{self, Pool};
use crate::error::AppError;

/// Succeeds when the database answers a trivial query.
pub async fn ping(pool: &Pool) -> Result<(), AppError> {
    pool.run(|c| Ok(db::ping(c)?)).await
}

/// The content version every cached page is checked against.
pub async fn content_version(pool: &Pool) -> Result<i64, AppError> {
    pool.run(|c| Ok(db::content_version(c)?)).await
}
