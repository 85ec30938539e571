//! The token-signing secret, kept in the database so every instance shares it.

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
