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

/// The limits and moderation settings in force: the configuration, overridden by what admins
/// saved in the database (shared by every instance).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Effective {
    pub new_member_review_posts: u32,
    pub auto_hide_flags: u32,
    pub posts_per_member_per_minute: u32,
    pub posts_per_member_per_hour: u32,
    pub new_member_links_per_post: u32,
    /// Words that hold a post for review (lower case).
    pub held_words: Vec<String>,
    /// Whether the public log names the moderator.
    pub log_names_moderators: bool,
}

/// Keys admins may set, as stored in `site_settings`.
pub const SETTING_KEYS: [&str; 7] = [
    "moderation.new_member_review_posts",
    "moderation.auto_hide_flags",
    "limits.posts_per_member_per_minute",
    "limits.posts_per_member_per_hour",
    "limits.new_member_links_per_post",
    "moderation.held_words",
    "modlog.name_moderators",
];

/// The settings in force now.
pub fn effective(c: &mut DbConn, config: &crate::config::Settings) -> Result<Effective, DbError> {
    let stored = db::site_settings::list_all(c)?;
    let get = |key: &str| {
        stored
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    let num = |key: &str, default: u32| get(key).and_then(|v| v.parse().ok()).unwrap_or(default);
    Ok(Effective {
        new_member_review_posts: num(SETTING_KEYS[0], config.moderation.new_member_review_posts),
        auto_hide_flags: num(SETTING_KEYS[1], config.moderation.auto_hide_flags).max(1),
        posts_per_member_per_minute: num(
            SETTING_KEYS[2],
            config.limits.posts_per_member_per_minute,
        ),
        posts_per_member_per_hour: num(SETTING_KEYS[3], config.limits.posts_per_member_per_hour),
        new_member_links_per_post: num(SETTING_KEYS[4], config.limits.new_member_links_per_post),
        held_words: get(SETTING_KEYS[5])
            .unwrap_or_default()
            .split(',')
            .map(|w| w.trim().to_lowercase())
            .filter(|w| !w.is_empty())
            .collect(),
        log_names_moderators: get(SETTING_KEYS[6]).is_none_or(|v| v == "true"),
    })
}

/// The content version every cached page is checked against.
pub async fn content_version(pool: &crate::db::Pool) -> Result<i64, crate::error::AppError> {
    pool.run(|c| Ok(db::content_version(c)?)).await
}
