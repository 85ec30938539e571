//! From the file's shape to typed settings: every value checked, with a message that names
//! the key and says what it must be.
use super::file::*;
use super::*;

pub(super) fn validate(raw: RawSettings, secret: Option<String>) -> Result<Settings, ConfigError> {
    let bind = raw.server.bind.parse::<SocketAddr>().map_err(|_| {
        ConfigError::key(
            "server.bind",
            format_args!(
                "must be an address and port like 127.0.0.1:8080, not {:?}",
                raw.server.bind
            ),
        )
    })?;
    let base_url = Url::parse(&raw.site.base_url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
        .ok_or_else(|| {
            ConfigError::key(
                "site.base_url",
                format_args!("must be an http or https URL, not {:?}", raw.site.base_url),
            )
        })?;
    let default_locale = raw.site.default_locale.parse::<Locale>().map_err(|_| {
        ConfigError::key(
            "site.default_locale",
            format_args!(
                "must be \"es\" or \"en\", not {:?}",
                raw.site.default_locale
            ),
        )
    })?;
    let timezone = raw.site.timezone.parse::<Tz>().map_err(|_| {
        ConfigError::key(
            "site.timezone",
            format_args!(
                "must be an IANA time zone like America/Guatemala, not {:?}",
                raw.site.timezone
            ),
        )
    })?;
    let url = parse_database_url(&raw.database.url)?;
    let mail = validate_mail(raw.mail)?;
    let daily_at = NaiveTime::parse_from_str(&raw.digest.daily_at, "%H:%M").map_err(|_| {
        ConfigError::key(
            "digest.daily_at",
            format_args!(
                "must be a time of day like 07:00, not {:?}",
                raw.digest.daily_at
            ),
        )
    })?;
    if let Some(s) = &secret {
        if s.len() < 32 {
            return Err(ConfigError(
                "The variable TERTULIA_SECRET must be at least 32 characters long.".into(),
            ));
        }
    }
    let trusted_proxies = raw
        .server
        .trusted_proxies
        .iter()
        .map(|p| {
            crate::domain::network::IpRange::parse(p).ok_or_else(|| {
                ConfigError(format!(
                    "server.trusted_proxies: {p:?} is not an address or a block like 10.0.0.0/8."
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let retention = validate_retention(raw.retention, &raw.limits)?;
    Ok(Settings {
        server: ServerSettings {
            bind,
            behind_proxy: raw.server.behind_proxy,
            trusted_proxies,
            body_timeout: std::time::Duration::from_secs(raw.server.body_timeout_seconds.max(1)),
        },
        site: SiteSettings {
            base_url,
            default_locale,
            timezone,
        },
        database: DatabaseSettings { url },
        mail,
        digest: DigestSettings { daily_at },
        limits: raw.limits,
        moderation: raw.moderation,
        retention,
        secret: secret.map(SecretString::from),
    })
}

fn validate_retention(
    raw: RetentionSettings,
    limits: &LimitSettings,
) -> Result<RetentionSettings, ConfigError> {
    for (key, value) in [
        ("retention.sent_mail_days", raw.sent_mail_days),
        ("retention.flag_reporter_days", raw.flag_reporter_days),
        ("retention.ip_hours", raw.ip_hours),
        ("retention.session_idle_days", raw.session_idle_days),
        ("retention.unconfirmed_days", raw.unconfirmed_days),
    ] {
        if value == 0 {
            return Err(ConfigError::key(
                key,
                "must be a whole number of at least 1 (data cannot be kept for no time at all)",
            ));
        }
    }
    if u64::from(raw.ip_hours) * 60 < u64::from(limits.login_window_minutes) {
        return Err(ConfigError::key(
            "retention.ip_hours",
            "must cover limits.login_window_minutes, or failed logins would be forgotten too soon",
        ));
    }
    Ok(raw)
}

/// Reads `sqlite://PATH` or `postgres://…` (also `postgresql://`).
pub fn parse_database_url(url: &str) -> Result<DatabaseUrl, ConfigError> {
    if let Some(path) = url.strip_prefix("sqlite://") {
        if !path.is_empty() {
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(path)));
        }
    } else if (url.starts_with("postgres://") || url.starts_with("postgresql://"))
        && Url::parse(url).is_ok()
    {
        return Ok(DatabaseUrl::Postgres(url.to_string()));
    }
    Err(ConfigError::key(
        "database.url",
        "must be sqlite://PATH or a postgres:// URL",
    ))
}

fn validate_mail(raw: RawMail) -> Result<MailSettings, ConfigError> {
    let transport = match raw.transport.as_str() {
        "smtp" => MailTransport::Smtp,
        "file" => MailTransport::File,
        "log" => MailTransport::Log,
        other => {
            return Err(ConfigError::key(
                "mail.transport",
                format_args!("must be smtp, file or log, not {other:?}"),
            ))
        }
    };
    let smtp_url = match raw.smtp_url.as_deref() {
        None | Some("") => None,
        Some(s) => Some(
            Url::parse(s)
                .ok()
                .filter(|u| matches!(u.scheme(), "smtp" | "smtps") && u.host().is_some())
                .ok_or_else(|| {
                    ConfigError::key(
                        "mail.smtp_url",
                        "must be an smtp:// or smtps:// URL with a host",
                    )
                })?,
        ),
    };
    let smtp_url = smtp_url.map(|u| SecretString::from(u.to_string()));
    if transport == MailTransport::Smtp && smtp_url.is_none() {
        return Err(ConfigError::key(
            "mail.smtp_url",
            "must be set when mail.transport is smtp",
        ));
    }
    if raw.from.parse::<lettre::message::Mailbox>().is_err() {
        return Err(ConfigError::key(
            "mail.from",
            format_args!(
                "must be an address like Tertulia <no-reply@example.org>, not {:?}",
                raw.from
            ),
        ));
    }
    if raw.max_attempts == 0 {
        return Err(ConfigError::key("mail.max_attempts", "must be at least 1"));
    }
    if raw.lease_seconds < 2 {
        return Err(ConfigError::key("mail.lease_seconds", "must be at least 2"));
    }
    let reply_to = match raw.reply_to.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(address) => {
            let plain = address
                .parse::<lettre::Address>()
                .is_ok_and(|a| !a.user().contains('+'));
            if !plain {
                return Err(ConfigError::key(
                    "mail.reply_to",
                    format_args!(
                        "must be a plain address without a +tag, like respuestas@example.org, not {address:?}"
                    ),
                ));
            }
            Some(address.to_lowercase())
        }
    };
    let imap_url = match raw.imap_url.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => {
            let url = Url::parse(s)
                .ok()
                .filter(|u| u.scheme() == "imaps" && u.host().is_some() && !u.username().is_empty())
                .ok_or_else(|| {
                    ConfigError::key(
                        "mail.imap_url",
                        "must be an imaps://user:password@host/MAILBOX URL (TLS only)",
                    )
                })?;
            Some(SecretString::from(url.to_string()))
        }
    };
    if imap_url.is_some() && reply_to.is_none() {
        return Err(ConfigError::key(
            "mail.imap_url",
            "needs mail.reply_to: replies are read from that address",
        ));
    }
    if raw.imap_poll_seconds == 0 {
        return Err(ConfigError::key(
            "mail.imap_poll_seconds",
            "must be at least 1",
        ));
    }
    Ok(MailSettings {
        reply_to,
        inbound_authserv_id: raw
            .inbound_authserv_id
            .map(|id| id.trim().to_string())
            .filter(|id| !id.is_empty()),
        imap_url,
        imap_poll_seconds: raw.imap_poll_seconds,
        imap_ca_file: raw
            .imap_ca_file
            .filter(|f| !f.trim().is_empty())
            .map(PathBuf::from),
        transport,
        dir: PathBuf::from(raw.dir),
        smtp_url,
        from: raw.from,
        retry_base_seconds: raw.retry_base_seconds,
        max_attempts: raw.max_attempts,
        lease_seconds: raw.lease_seconds,
        watch_batch_seconds: raw.watch_batch_seconds,
    })
}
