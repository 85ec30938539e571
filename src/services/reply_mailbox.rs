//! The reply mailbox over IMAP: one pass hands every unseen message to reply-by-email's
//! `receive`; `serve` repeats it every `mail.imap_poll_seconds`.

use std::time::Duration;

use secrecy::ExposeSecret;

use crate::config::Settings;
use crate::db::Pool;
use crate::email::imap::{self, ImapAccount, ImapError, PassReport};
use crate::services::replies_by_email;

/// One pass over `mail.imap_url` (which must be set): each message handled is marked seen; one
/// the database could not take stays unseen for the next pass.
pub async fn fetch_once(
    pool: &Pool,
    settings: &Settings,
    secret: &str,
) -> Result<PassReport, ImapError> {
    let account = account(settings)?;
    imap::fetch_pass(
        &account,
        settings.mail.imap_ca_file.as_deref(),
        // `receive` logs each outcome.
        |raw| async move {
            replies_by_email::receive(pool, settings, secret, raw)
                .await
                .map(|_| ())
        },
    )
    .await
}

/// Polls the mailbox every `mail.imap_poll_seconds` for ever. A failure (the server, or
/// messages the database could not take) is logged once per outage, and its end once, not at
/// every pass.
pub async fn poll(pool: Pool, settings: Settings, secret: String) {
    let every = Duration::from_secs(u64::from(settings.mail.imap_poll_seconds));
    let mut failing = false;
    loop {
        let trouble = match fetch_once(&pool, &settings, &secret).await {
            Ok(report) => {
                if report.handled > 0 {
                    tracing::info!(handled = report.handled, "reply mailbox read");
                }
                report.first_error.map(|e| {
                    format!(
                        "{} message(s) stay unseen for the next pass: {e}",
                        report.left
                    )
                })
            }
            Err(e) => Some(e.to_string()),
        };
        match (trouble, failing) {
            (Some(t), false) => {
                tracing::warn!("the reply mailbox cannot be read (said once until it can): {t}");
                failing = true;
            }
            (Some(t), true) => tracing::debug!("the reply mailbox still cannot be read: {t}"),
            (None, true) => {
                tracing::info!("the reply mailbox is read again");
                failing = false;
            }
            (None, false) => {}
        }
        tokio::time::sleep(every).await;
    }
}

fn account(settings: &Settings) -> Result<ImapAccount, ImapError> {
    let url = settings
        .mail
        .imap_url
        .as_ref()
        .ok_or_else(|| ImapError::Setup("mail.imap_url is not set".into()))?;
    ImapAccount::from_url(url.expose_secret())
        .map_err(|e| ImapError::Setup(format!("mail.imap_url cannot be used: {e}")))
}
