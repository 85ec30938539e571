//! Site-wide state kept in the database: the token-signing secret.

use rand::RngCore;

use crate::db::{self, DbConn, DbError};

const SECRET_KEY: &str = "secret";

/// Returns the stored secret, creating it on first start; every instance shares it.
pub fn ensure_secret(conn: &mut DbConn) -> Result<String, DbError> {
    if let Some(secret) = db::site_settings::find(conn, SECRET_KEY)? {
        return Ok(secret);
    }
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let fresh = hex::encode(bytes);
    let created = conn.in_transaction(|c| db::site_settings::insert(c, SECRET_KEY, &fresh));
    match created {
        Ok(()) => Ok(fresh),
        // Another instance won the race: use its secret.
        Err(DbError::DatabaseError(..)) => {
            db::site_settings::find(conn, SECRET_KEY)?.ok_or(DbError::NotFound)
        }
        Err(e) => Err(e),
    }
}

/// Succeeds when the database answers a trivial query.
pub async fn ping(pool: &crate::db::Pool) -> Result<(), crate::error::AppError> {
    pool.run(|c| Ok(db::ping(c)?)).await
}

/// Forgets expired sessions and rate-limit events older than a day.
pub async fn housekeeping(
    pool: &crate::db::Pool,
) -> Result<(usize, usize), crate::error::AppError> {
    pool.run(|c| {
        let now = chrono::Utc::now().naive_utc();
        let sessions = db::sessions::delete_expired(c, now)?;
        let events = db::rate_events::delete_before(c, now - chrono::TimeDelta::days(1))?;
        Ok((sessions, events))
    })
    .await
}
