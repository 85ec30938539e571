//! The limits and moderation settings in force: the configuration, overridden by what admins
//! saved in `/admin`.

use crate::db::{self, DbConn, DbError};

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
