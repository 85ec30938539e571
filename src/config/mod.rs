//! Settings: built-in defaults, then a TOML file, then `TERTULIA_*` variables, validated once.
//! The typed settings the program reads are here; the file's shape (every key optional) is in
//! `file`, and turning that shape into settings, with a message per wrong key, in `validate`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use chrono_tz::Tz;
use secrecy::SecretString;
use serde::Deserialize;
use url::Url;

use crate::domain::Locale;

mod file;
mod validate;

use file::{describe_toml_error, read_table, RawSettings};
pub use validate::parse_database_url;
use validate::validate;

/// Environment variables and the configuration key each one overrides.
pub const ENV_KEYS: &[(&str, &str, &str)] = &[
    ("TERTULIA_BIND", "server", "bind"),
    ("TERTULIA_BASE_URL", "site", "base_url"),
    ("TERTULIA_LOCALE", "site", "default_locale"),
    ("TERTULIA_TIMEZONE", "site", "timezone"),
    ("TERTULIA_DATABASE_URL", "database", "url"),
    ("TERTULIA_MAIL_TRANSPORT", "mail", "transport"),
    ("TERTULIA_MAIL_DIR", "mail", "dir"),
    ("TERTULIA_SMTP_URL", "mail", "smtp_url"),
    ("TERTULIA_MAIL_FROM", "mail", "from"),
    ("TERTULIA_MAIL_REPLY_TO", "mail", "reply_to"),
    ("TERTULIA_IMAP_URL", "mail", "imap_url"),
    ("TERTULIA_DIGEST_DAILY_AT", "digest", "daily_at"),
];

/// A configuration problem, said in one sentence that names the key.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(String);

impl ConfigError {
    fn key(key: &str, message: impl std::fmt::Display) -> Self {
        Self(format!("Configuration key `{key}` {message}."))
    }
}

/// Every setting of one running site, validated.
#[derive(Debug, Clone)]
pub struct Settings {
    pub server: ServerSettings,
    pub site: SiteSettings,
    pub database: DatabaseSettings,
    pub mail: MailSettings,
    pub digest: DigestSettings,
    pub limits: LimitSettings,
    pub moderation: ModerationSettings,
    pub retention: RetentionSettings,
    /// `TERTULIA_SECRET`, when set; otherwise the secret lives in the database. Never printed.
    pub secret: Option<SecretString>,
}

#[derive(Debug, Clone)]
pub struct ServerSettings {
    pub bind: SocketAddr,
    /// Take the visitor's address from `X-Forwarded-For` (only behind your own proxy).
    pub behind_proxy: bool,
    /// The proxies whose `X-Forwarded-For` entries are believed (default: loopback).
    pub trusted_proxies: Vec<crate::domain::network::IpRange>,
    /// How long a client may take to send a request's body.
    pub body_timeout: std::time::Duration,
}

#[derive(Debug, Clone)]
pub struct SiteSettings {
    pub base_url: Url,
    pub default_locale: Locale,
    pub timezone: Tz,
}

/// Which database a URL selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A file path (created with its folder when missing).
    Sqlite(PathBuf),
    /// A libpq connection URL.
    Postgres(String),
}

#[derive(Debug, Clone)]
pub struct DatabaseSettings {
    pub url: DatabaseUrl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailTransport {
    Smtp,
    File,
    Log,
}

#[derive(Debug, Clone)]
pub struct MailSettings {
    pub transport: MailTransport,
    pub dir: PathBuf,
    /// Holds the SMTP password, if any: never printed.
    pub smtp_url: Option<SecretString>,
    pub from: String,
    pub retry_base_seconds: u32,
    pub max_attempts: u32,
    /// How long a worker owns a claimed message; after a crash, others retry it then.
    pub lease_seconds: u32,
    pub watch_batch_seconds: u32,
    /// Reply by email: the address replies go to, without a key (`respuestas@foro.example.org`);
    /// `None` turns the feature off.
    pub reply_to: Option<String>,
    /// The receiving server's authserv-id: its `Authentication-Results` saying `dmarc=fail`
    /// hold a reply for review.
    pub inbound_authserv_id: Option<String>,
    /// `imaps://user:password@host[:port]/MAILBOX`, read by `tertulia mail fetch` and polled by
    /// `serve`. Holds a password: never printed.
    pub imap_url: Option<SecretString>,
    pub imap_poll_seconds: u32,
    /// A PEM certificate (or several) trusted for the IMAP server beside the public roots, for
    /// a server with a private or self-signed certificate.
    pub imap_ca_file: Option<PathBuf>,
}

#[derive(Debug, Clone)]
pub struct DigestSettings {
    pub daily_at: NaiveTime,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LimitSettings {
    pub login_window_minutes: u32,
    pub login_failures_per_account: u32,
    pub login_failures_per_ip: u32,
    pub registrations_per_ip_per_hour: u32,
    pub posts_per_member_per_minute: u32,
    pub posts_per_member_per_hour: u32,
    pub new_member_links_per_post: u32,
}

impl Default for LimitSettings {
    fn default() -> Self {
        Self {
            login_window_minutes: 15,
            login_failures_per_account: 5,
            login_failures_per_ip: 50,
            registrations_per_ip_per_hour: 20,
            posts_per_member_per_minute: 5,
            posts_per_member_per_hour: 60,
            new_member_links_per_post: 2,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModerationSettings {
    pub new_member_review_posts: u32,
    pub auto_hide_flags: u32,
    /// Published posts a member needs before their reports can hide anything.
    pub trusted_reporter_posts: u32,
    /// Days since sign-up a member needs, likewise.
    pub trusted_reporter_days: u32,
}

impl Default for ModerationSettings {
    fn default() -> Self {
        Self {
            new_member_review_posts: 2,
            auto_hide_flags: 3,
            trusted_reporter_posts: 5,
            trusted_reporter_days: 7,
        }
    }
}

/// How long personal data is kept (`[retention]`); the housekeeping job enforces it.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RetentionSettings {
    /// Then a sent or failed message keeps no address or content.
    pub sent_mail_days: u32,
    /// Then a report no longer names who made it.
    pub flag_reporter_days: u32,
    /// Then rate-limit events (addresses, accounts) are forgotten.
    pub ip_hours: u32,
    /// Then a session nobody used is forgotten.
    pub session_idle_days: u32,
    /// Then a subscription never confirmed is forgotten.
    pub unconfirmed_days: u32,
}

impl Default for RetentionSettings {
    fn default() -> Self {
        Self {
            sent_mail_days: 30,
            flag_reporter_days: 180,
            ip_hours: 24,
            session_idle_days: 30,
            unconfirmed_days: 7,
        }
    }
}

impl Settings {
    /// Loads defaults, then `file` (if given), then the process environment.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        let vars: Vec<(String, String)> = std::env::vars().collect();
        Self::load_from(file, &vars)
    }

    /// Loads defaults, then `file`, then the given variables (the testable core of `load`).
    pub fn load_from(file: Option<&Path>, vars: &[(String, String)]) -> Result<Self, ConfigError> {
        let mut table = match file {
            Some(path) => read_table(path)?,
            None => toml::Table::new(),
        };
        for (name, section, key) in ENV_KEYS {
            if let Some((_, value)) = vars.iter().find(|(n, _)| n == name) {
                let entry = table
                    .entry(section.to_string())
                    .or_insert_with(|| toml::Value::Table(toml::Table::new()));
                if let toml::Value::Table(t) = entry {
                    t.insert(key.to_string(), toml::Value::String(value.clone()));
                }
            }
        }
        let raw: RawSettings = serde_path_to_error::deserialize(toml::Value::Table(table))
            .map_err(describe_toml_error)?;
        let secret = vars
            .iter()
            .find(|(n, _)| n == "TERTULIA_SECRET")
            .map(|(_, v)| v.clone());
        validate(raw, secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn secrets_never_print() {
        let s = Settings::load_from(
            None,
            &vars(&[
                (
                    "TERTULIA_SECRET",
                    "un-secreto-largo-de-treinta-y-dos-letras",
                ),
                ("TERTULIA_MAIL_TRANSPORT", "smtp"),
                (
                    "TERTULIA_SMTP_URL",
                    "smtps://usuaria:clave-del-correo@smtp.example.org",
                ),
            ]),
        )
        .unwrap();
        let printed = format!("{s:?} {s:#?}");
        assert!(!printed.contains("un-secreto-largo"), "{printed}");
        assert!(!printed.contains("clave-del-correo"), "{printed}");
        use secrecy::ExposeSecret;
        let url = s
            .mail
            .smtp_url
            .as_ref()
            .unwrap()
            .expose_secret()
            .to_string();
        assert!(url.contains("clave-del-correo"), "kept for use");
    }

    #[test]
    fn defaults_match_the_design() {
        let s = Settings::load_from(None, &[]).unwrap();
        assert_eq!(s.server.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(s.site.default_locale, Locale::Es);
        assert_eq!(s.site.timezone, chrono_tz::America::Guatemala);
        assert_eq!(
            s.database.url,
            DatabaseUrl::Sqlite(PathBuf::from("data/tertulia.db"))
        );
        assert_eq!(s.mail.transport, MailTransport::File);
        assert_eq!(s.digest.daily_at, NaiveTime::from_hms_opt(7, 0, 0).unwrap());
        assert_eq!(s.limits.login_failures_per_ip, 50);
        assert_eq!(s.moderation.auto_hide_flags, 3);
        assert_eq!(s.moderation.trusted_reporter_posts, 5);
        assert_eq!(s.moderation.trusted_reporter_days, 7);
        assert_eq!(s.retention.sent_mail_days, 30);
        assert_eq!(s.retention.flag_reporter_days, 180);
        assert_eq!(s.retention.ip_hours, 24);
        assert_eq!(s.retention.session_idle_days, 30);
        assert_eq!(s.retention.unconfirmed_days, 7);
    }

    #[test]
    fn retention_periods_must_be_positive() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml");
        std::fs::write(&path, "[retention]\nsent_mail_days = 12\n").unwrap();
        let s = Settings::load_from(Some(&path), &[]).unwrap();
        assert_eq!(s.retention.sent_mail_days, 12);
        for key in [
            "sent_mail_days",
            "flag_reporter_days",
            "ip_hours",
            "session_idle_days",
            "unconfirmed_days",
        ] {
            std::fs::write(&path, format!("[retention]\n{key} = 0\n")).unwrap();
            let err = Settings::load_from(Some(&path), &[]).unwrap_err();
            assert!(
                err.to_string().contains(&format!("retention.{key}")),
                "{err}"
            );
        }
        std::fs::write(&path, "[retention]\nip_hours = -1\n").unwrap();
        let err = Settings::load_from(Some(&path), &[]).unwrap_err();
        assert!(err.to_string().contains("ip_hours"), "{err}");
    }

    #[test]
    fn file_then_environment_override_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml");
        std::fs::write(
            &path,
            "[site]\ndefault_locale = \"en\"\ntimezone = \"Europe/Madrid\"\n[limits]\nposts_per_member_per_minute = 9\n",
        )
        .unwrap();
        let s = Settings::load_from(Some(&path), &vars(&[("TERTULIA_TIMEZONE", "UTC")])).unwrap();
        assert_eq!(s.site.default_locale, Locale::En);
        assert_eq!(s.site.timezone, chrono_tz::UTC);
        assert_eq!(s.limits.posts_per_member_per_minute, 9);
    }

    #[test]
    fn wrong_values_name_their_key() {
        for (var, value, key) in [
            ("TERTULIA_BASE_URL", "ftp://x", "site.base_url"),
            ("TERTULIA_LOCALE", "fr", "site.default_locale"),
            ("TERTULIA_DATABASE_URL", "mysql://x", "database.url"),
            ("TERTULIA_TIMEZONE", "Mars/Olympus", "site.timezone"),
            ("TERTULIA_MAIL_TRANSPORT", "smtp", "mail.smtp_url"),
            ("TERTULIA_DIGEST_DAILY_AT", "7am", "digest.daily_at"),
            ("TERTULIA_BIND", "nowhere", "server.bind"),
        ] {
            let err = Settings::load_from(None, &vars(&[(var, value)])).unwrap_err();
            assert!(err.to_string().contains(key), "{var}: {err}");
        }
    }

    #[test]
    fn unknown_keys_and_bad_types_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml");
        std::fs::write(&path, "[limits]\nlogin_window_minutes = \"soon\"\n").unwrap();
        let err = Settings::load_from(Some(&path), &[]).unwrap_err();
        assert!(err.to_string().contains("login_window_minutes"), "{err}");
        std::fs::write(&path, "[site]\nbase_ur = \"http://x\"\n").unwrap();
        let err = Settings::load_from(Some(&path), &[]).unwrap_err();
        assert!(err.to_string().contains("base_ur"), "{err}");
    }
}
