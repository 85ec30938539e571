//! Email digests: per board, the threads opened and the threads answered in the previous day
//! or ISO week, queued once per (recipient, frequency, period) in batches of recipients.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::digest_content::{load_content, section, Section};
use super::mail::{self, Digest, Email, Message};
use super::subscriptions::unsubscribe_path;
use crate::db::{self, digests::Recipient, DbConn, Pool};
use crate::domain::digest::{Frequency, Period};
use crate::domain::Locale;

/// Recipients read and queued per transaction.
pub const BATCH: i64 = 1000;

/// What a digest run needs to know about the site.
#[derive(Debug, Clone)]
pub struct DigestContext {
    /// Signs unsubscribe links.
    pub secret: String,
    pub base_url: url::Url,
    /// `mail.from`, whose address receives mailto unsubscribe requests.
    pub from: String,
    pub timezone: Tz,
}

/// What one run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunReport {
    pub period: String,
    /// Recipients with something new in their boards.
    pub recipients: usize,
    /// Digests queued now (the others were queued by an earlier or concurrent run).
    pub queued: usize,
}

fn period_text(period: &Period, locale: Locale) -> String {
    let day = |d: chrono::NaiveDate| match locale {
        Locale::Es => d
            .format_localized("%-d %b %Y", chrono::Locale::es_ES)
            .to_string(),
        Locale::En => d.format("%b %-d, %Y").to_string(),
    };
    match period.frequency {
        Frequency::Daily => day(period.first_day),
        Frequency::Weekly => format!("{} – {}", day(period.first_day), day(period.last_day)),
    }
}

/// Everything shared by the digests of one run, built once.
struct Prepared {
    period: Period,
    boards: Vec<i64>,
    /// Built once per board and language, shared by every recipient's message.
    sections: HashMap<(i64, Locale), Arc<Section>>,
    period_texts: HashMap<Locale, String>,
    list_id: String,
    mailto: String,
    ctx: DigestContext,
}

impl Prepared {
    fn key(&self, recipient: i64) -> String {
        format!(
            "digest:{recipient}:{}:{}",
            self.period.frequency.as_str(),
            self.period.label
        )
    }

    fn has_news_for(&self, boards: &[i64]) -> bool {
        self.boards.iter().any(|b| boards.contains(b))
    }

    fn email_for(&self, r: &Recipient, boards: &[i64]) -> Option<(String, Locale, Message)> {
        let locale: Locale = r.locale;
        let sections: Vec<Arc<Section>> = self
            .boards
            .iter()
            .filter(|id| boards.contains(id))
            .filter_map(|id| self.sections.get(&(*id, locale)).cloned())
            .collect();
        if sections.is_empty() {
            return None;
        }
        let unsubscribe = unsubscribe_path(&self.ctx.secret, &r.unsubscribe_key);
        let base = self.ctx.base_url.as_str().trim_end_matches('/');
        let key = self.key(r.id);
        let member = r.user_id.is_some();
        let message = Message::Digest(Box::new(Digest {
            frequency: self.period.frequency,
            period: self.period_texts[&locale].clone(),
            boards: sections,
            member,
            footer: if member {
                "digest-why-member"
            } else {
                "digest-why-email"
            },
            manage_link: if member { "/settings" } else { "/subscribe" },
            headers: vec![
                ("List-Id", self.list_id.clone()),
                (
                    "List-Unsubscribe",
                    format!(
                        "<{base}{unsubscribe}>, <mailto:{}?subject=unsubscribe>",
                        self.mailto
                    ),
                ),
                ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".into()),
            ],
            unsubscribe_link: unsubscribe,
        }));
        Some((key, locale, message))
    }
}

fn mail_address(from: &str) -> String {
    match (from.find('<'), from.rfind('>')) {
        (Some(a), Some(b)) if a < b => from[a + 1..b].trim().to_string(),
        _ => from.trim().to_string(),
    }
}

/// Builds and queues the `frequency` digests due at `now`. Idempotent: every digest is one
/// outbox row keyed by recipient, frequency and period, so re-runs, concurrent runs and runs
/// after a crash queue each digest once.
#[tracing::instrument(skip(pool, ctx))]
pub async fn run(
    pool: &Pool,
    ctx: &DigestContext,
    frequency: Frequency,
    now: DateTime<Utc>,
) -> anyhow::Result<RunReport> {
    let period = Period::due_at(frequency, now, ctx.timezone);
    let loaded = {
        let period = period.clone();
        pool.run(move |c| -> anyhow::Result<_> { Ok(load_content(c, &period)?) })
            .await?
    };
    let mut report = RunReport {
        period: period.label.clone(),
        ..RunReport::default()
    };
    if loaded.is_empty() {
        tracing::info!(period = period.label, "nothing new; no digests");
        return Ok(report);
    }
    let mut sections = HashMap::new();
    for b in &loaded {
        for locale in Locale::ALL {
            sections.insert((b.board.id, locale), Arc::new(section(b, locale)));
        }
    }
    let host = ctx.base_url.host_str().unwrap_or("localhost").to_string();
    let prepared = Arc::new(Prepared {
        boards: loaded.iter().map(|b| b.board.id).collect(),
        sections,
        period_texts: Locale::ALL
            .iter()
            .map(|l| (*l, period_text(&period, *l)))
            .collect(),
        list_id: format!("Tertulia <digest.{host}>"),
        mailto: mail_address(&ctx.from),
        period,
        ctx: ctx.clone(),
    });
    drop(loaded);
    let mut after = 0;
    loop {
        let p = prepared.clone();
        let batch = pool
            .run(move |c| -> anyhow::Result<Option<(i64, usize, usize)>> {
                queue_batch(c, &p, after)
            })
            .await?;
        let Some((last, recipients, queued)) = batch else {
            break;
        };
        after = last;
        report.recipients += recipients;
        report.queued += queued;
    }
    tracing::info!(
        period = report.period,
        recipients = report.recipients,
        queued = report.queued,
        "digests queued"
    );
    Ok(report)
}

/// Queues the digests of the next batch of recipients after id `after`, in one transaction;
/// None when there are no more recipients.
fn queue_batch(
    c: &mut DbConn,
    p: &Prepared,
    after: i64,
) -> anyhow::Result<Option<(i64, usize, usize)>> {
    let frequency = p.period.frequency;
    let recipients = db::digests::list_recipients(c, frequency, &p.boards, after, BATCH)?;
    let Some(last) = recipients.last().map(|r| r.id) else {
        return Ok(None);
    };
    let ids: Vec<i64> = recipients.iter().map(|r| r.id).collect();
    let mut boards: HashMap<i64, Vec<i64>> = HashMap::new();
    for (subscriber, board) in db::subscriptions::list_for_recipients(c, &ids, frequency)? {
        boards.entry(subscriber).or_default().push(board);
    }
    let keys: Vec<String> = recipients.iter().map(|r| p.key(r.id)).collect();
    let done: HashSet<String> = db::digests::list_queued_keys(c, &keys)?
        .into_iter()
        .collect();
    let mut count = 0;
    let mut emails = Vec::with_capacity(recipients.len());
    for (r, key) in recipients.iter().zip(keys) {
        let chosen = boards.get(&r.id).map(Vec::as_slice).unwrap_or(&[]);
        if !p.has_news_for(chosen) {
            continue;
        }
        count += 1;
        if done.contains(&key) {
            continue;
        }
        if let Some(email) = p.email_for(r, chosen) {
            emails.push((r.email.as_str(), email));
        }
    }
    let queued = c.in_unseen_transaction(|c| -> Result<usize, db::DbError> {
        let mut queued = 0;
        for (to, (key, locale, message)) in emails {
            let email = Email {
                key,
                to,
                locale,
                message,
            };
            queued += usize::from(mail::enqueue(c, email)?);
        }
        Ok(queued)
    })?;
    Ok(Some((last, count, queued)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mailto_address_comes_from_the_sender() {
        assert_eq!(
            mail_address("Tertulia <no-reply@example.org>"),
            "no-reply@example.org"
        );
        assert_eq!(mail_address("bot@example.org"), "bot@example.org");
    }
}
