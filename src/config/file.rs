//! The configuration file's shape: every key optional (defaults fill the rest), unknown keys
//! refused; and reading the file.
use super::*;

/// The file's shape: every key optional, unknown keys refused.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct RawSettings {
    pub(super) server: RawServer,
    pub(super) site: RawSite,
    pub(super) database: RawDatabase,
    pub(super) mail: RawMail,
    pub(super) digest: RawDigest,
    pub(super) limits: LimitSettings,
    pub(super) moderation: ModerationSettings,
    pub(super) retention: RetentionSettings,
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct RawServer {
    pub(super) bind: String,
    pub(super) behind_proxy: bool,
    pub(super) trusted_proxies: Vec<String>,
    pub(super) body_timeout_seconds: u64,
}

impl Default for RawServer {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".into(),
            behind_proxy: false,
            trusted_proxies: vec!["127.0.0.0/8".into(), "::1".into()],
            body_timeout_seconds: 10,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct RawSite {
    pub(super) base_url: String,
    pub(super) default_locale: String,
    pub(super) timezone: String,
}

impl Default for RawSite {
    fn default() -> Self {
        Self {
            base_url: "http://127.0.0.1:8080".into(),
            default_locale: "es".into(),
            timezone: "America/Guatemala".into(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct RawDatabase {
    pub(super) url: String,
}

impl Default for RawDatabase {
    fn default() -> Self {
        Self {
            url: "sqlite://data/tertulia.db".into(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct RawMail {
    pub(super) transport: String,
    pub(super) dir: String,
    pub(super) smtp_url: Option<String>,
    pub(super) from: String,
    pub(super) retry_base_seconds: u32,
    pub(super) max_attempts: u32,
    pub(super) lease_seconds: u32,
    pub(super) watch_batch_seconds: u32,
    pub(super) reply_to: Option<String>,
    pub(super) inbound_authserv_id: Option<String>,
    pub(super) imap_url: Option<String>,
    pub(super) imap_poll_seconds: u32,
    pub(super) imap_ca_file: Option<String>,
}

impl Default for RawMail {
    fn default() -> Self {
        Self {
            transport: "file".into(),
            dir: "data/mail".into(),
            smtp_url: None,
            from: "Tertulia <no-reply@localhost>".into(),
            retry_base_seconds: 30,
            max_attempts: 8,
            lease_seconds: 600,
            watch_batch_seconds: 60,
            reply_to: None,
            inbound_authserv_id: None,
            imap_url: None,
            imap_poll_seconds: 60,
            imap_ca_file: None,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct RawDigest {
    pub(super) daily_at: String,
}

impl Default for RawDigest {
    fn default() -> Self {
        Self {
            daily_at: "07:00".into(),
        }
    }
}

pub(super) fn read_table(path: &Path) -> Result<toml::Table, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        ConfigError(format!(
            "The configuration file {} cannot be read: {e}.",
            path.display()
        ))
    })?;
    text.parse::<toml::Table>().map_err(|e| {
        ConfigError(format!(
            "The configuration file {} is not valid TOML: {}.",
            path.display(),
            e.message()
        ))
    })
}

pub(super) fn describe_toml_error(e: serde_path_to_error::Error<toml::de::Error>) -> ConfigError {
    let path = e.path().to_string();
    let message = e.inner().message().trim_end_matches('.').to_string();
    if path == "." {
        ConfigError(format!("The configuration is not valid: {message}."))
    } else {
        ConfigError::key(&path, format_args!("is not valid: {message}"))
    }
}
