//! Queries on `site_settings`, the key/value store shared by every instance.

use diesel::prelude::*;

use super::schema::site_settings;
use super::DbConn;

/// The value stored under `key`.
pub fn find(conn: &mut DbConn, key: &str) -> QueryResult<Option<String>> {
    site_settings::table
        .filter(site_settings::key.eq(key))
        .select(site_settings::value)
        .first(conn)
        .optional()
}

/// Stores `value` under a new `key` (fails if the key exists).
pub fn insert(conn: &mut DbConn, key: &str, value: &str) -> QueryResult<()> {
    diesel::insert_into(site_settings::table)
        .values((site_settings::key.eq(key), site_settings::value.eq(value)))
        .execute(conn)
        .map(drop)
}

/// Every stored setting.
pub fn list_all(conn: &mut DbConn) -> QueryResult<Vec<(String, String)>> {
    site_settings::table
        .select((site_settings::key, site_settings::value))
        .load(conn)
}

/// Stores `value` under `key`, replacing what was there.
pub fn set(conn: &mut DbConn, key: &str, value: &str) -> QueryResult<()> {
    let updated = diesel::update(site_settings::table.filter(site_settings::key.eq(key)))
        .set(site_settings::value.eq(value))
        .execute(conn)?;
    if updated == 0 {
        insert(conn, key, value)?;
    }
    Ok(())
}
