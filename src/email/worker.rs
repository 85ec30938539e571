//! The outbox worker: claims due messages, renders and sends them, retries with exponential
//! backoff, and after the last try marks them failed.

use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDateTime, TimeDelta, Utc};
use futures::StreamExt;
use sha2::{Digest, Sha256};
use tokio::sync::Notify;

use super::{EmailRenderer, Mailer, OutgoingEmail, SendError};
use crate::config::MailSettings;
use crate::db::{self, outbox::Claimed, Pool};
use crate::domain::{mask_email, EmailKind, Locale, UnknownName};

/// Messages in flight at once (the SMTP transport pools its connections). Each round trip
/// claims exactly this many, so every claimed message is being sent at once and its lease only
/// has to outlast one SMTP exchange, not a queue behind it.
const IN_FLIGHT: usize = 16;
/// How often an idle worker looks for messages queued by other instances.
const POLL: Duration = Duration::from_secs(5);

/// What one delivery pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

enum Outcome {
    Sent,
    Retried,
    Failed,
}

/// Delivers what services queued.
#[derive(Clone)]
pub struct OutboxWorker {
    pool: Pool,
    mailer: Mailer,
    renderer: Arc<EmailRenderer>,
    settings: MailSettings,
    host: String,
}

impl OutboxWorker {
    /// A worker over `pool` sending through `mailer`.
    pub fn new(
        pool: Pool,
        mailer: Mailer,
        renderer: Arc<EmailRenderer>,
        settings: MailSettings,
        base_url: &url::Url,
    ) -> Self {
        Self {
            pool,
            mailer,
            renderer,
            settings,
            host: base_url.host_str().unwrap_or("localhost").to_string(),
        }
    }

    /// Delivers every message due now (or, with `everything`, every queued one).
    pub async fn deliver_due(&self, everything: bool) -> anyhow::Result<DeliveryReport> {
        let mut report = DeliveryReport::default();
        loop {
            let now = Utc::now().naive_utc();
            let due_by = if everything {
                now + TimeDelta::days(3650)
            } else {
                now
            };
            let lease = now + TimeDelta::seconds(i64::from(self.settings.lease_seconds));
            let batch = self
                .pool
                .run(move |c| -> anyhow::Result<_> {
                    Ok(db::outbox::claim_due(
                        c,
                        now,
                        due_by,
                        lease,
                        IN_FLIGHT as i64,
                    )?)
                })
                .await?;
            if batch.is_empty() {
                return Ok(report);
            }
            let outcomes: Vec<anyhow::Result<Outcome>> = futures::stream::iter(batch)
                .map(|m| self.deliver_one(m))
                .buffer_unordered(IN_FLIGHT)
                .collect()
                .await;
            for outcome in outcomes {
                match outcome? {
                    Outcome::Sent => report.sent += 1,
                    Outcome::Retried => report.retried += 1,
                    Outcome::Failed => report.failed += 1,
                }
            }
            if everything && report.retried > 0 {
                // One try each in a manual run; retried messages wait for their time.
                return Ok(report);
            }
        }
    }

    fn message_id(&self, key: &str) -> String {
        let digest = hex::encode(&Sha256::digest(key.as_bytes())[..16]);
        format!("{digest}@{}", self.host)
    }

    async fn deliver_one(&self, m: Claimed) -> anyhow::Result<Outcome> {
        let result = self.send(&m).await;
        let now = Utc::now().naive_utc();
        let (id, attempts) = (m.id, m.attempts);
        let outcome = match &result {
            Ok(()) => Outcome::Sent,
            Err(e) if e.permanent || attempts >= self.settings.max_attempts as i32 => {
                Outcome::Failed
            }
            Err(_) => Outcome::Retried,
        };
        if let Err(e) = &result {
            tracing::warn!(to = mask_email(&m.recipient), kind = m.kind, attempts, error = %e, "email not delivered");
        }
        let error = result.err().map(|e| e.message).unwrap_or_default();
        let next = backoff(now, self.settings.retry_base_seconds, attempts);
        let recorded = match outcome {
            Outcome::Sent => Recorded::Sent,
            Outcome::Retried => Recorded::Retry(next),
            Outcome::Failed => Recorded::Failed,
        };
        self.pool
            .run(move |c| -> anyhow::Result<()> {
                match recorded {
                    Recorded::Sent => db::outbox::mark_sent(c, id, now)?,
                    Recorded::Retry(at) => db::outbox::mark_retry(c, id, at, &error)?,
                    Recorded::Failed => db::outbox::mark_failed(c, id, &error)?,
                }
                Ok(())
            })
            .await?;
        Ok(outcome)
    }

    async fn send(&self, m: &Claimed) -> Result<(), SendError> {
        let payload: serde_json::Value =
            serde_json::from_str(&m.payload).map_err(|e| SendError {
                permanent: true,
                message: format!("unreadable payload: {e}"),
            })?;
        let headers = match payload.get("headers") {
            None => Vec::new(),
            Some(h) => serde_json::from_value::<Vec<(String, String)>>(h.clone()).map_err(|e| {
                SendError {
                    permanent: true,
                    message: format!("malformed headers in the payload: {e}"),
                }
            })?,
        };
        let unknown = |e: UnknownName| SendError {
            permanent: true,
            message: e.short().to_string(),
        };
        let locale: Locale = m.locale.parse().map_err(unknown)?;
        let kind: EmailKind = m.kind.parse().map_err(unknown)?;
        let rendered = self
            .renderer
            .render(kind, locale, &payload)
            .map_err(|e| SendError {
                permanent: true,
                message: format!("{e:#}"),
            })?;
        let email = OutgoingEmail {
            to: m.recipient.clone(),
            subject: rendered.subject,
            text: rendered.text,
            html: rendered.html,
            message_id: self.message_id(&m.idempotency_key),
            headers,
        };
        self.mailer.send(&self.settings.from, &email).await
    }

    /// Delivers forever: whenever `wake` is notified, and every few seconds.
    pub async fn run(self, wake: Arc<Notify>) {
        loop {
            if let Err(e) = self.deliver_due(false).await {
                tracing::error!(error = format!("{e:#}"), "outbox delivery failed");
            }
            let _ = tokio::time::timeout(POLL, wake.notified()).await;
        }
    }
}

enum Recorded {
    Sent,
    Retry(NaiveDateTime),
    Failed,
}

/// When attempt `attempts + 1` may run: `base`, then doubling, capped at a day.
pub fn backoff(now: NaiveDateTime, base_seconds: u32, attempts: i32) -> NaiveDateTime {
    let exponent = attempts.clamp(1, 20) as u32 - 1;
    let seconds = (base_seconds as i64)
        .saturating_mul(1i64 << exponent)
        .min(86_400);
    now + TimeDelta::seconds(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_the_base_and_is_capped() {
        let now = NaiveDateTime::default();
        let wait = |attempts| (backoff(now, 30, attempts) - now).num_seconds();
        assert_eq!(wait(1), 30);
        assert_eq!(wait(2), 60);
        assert_eq!(wait(3), 120);
        assert_eq!(wait(8), 3840);
        assert_eq!(wait(20), 86_400);
    }
}
