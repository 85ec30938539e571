//! Email digests: per board, the threads opened and the threads answered in the previous day
//! or ISO week, queued once per (recipient, frequency, period) in batches of recipients.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};

use super::mail::{self, Email};
use super::subscriptions::{board_name, unsubscribe_path};
use crate::db::{self, boards::Board, digests::Recipient, DbConn, Pool};
use crate::domain::digest::{Frequency, Period};
use crate::domain::{markdown, Locale};
use crate::i18n;

/// Recipients read and queued per transaction.
pub const BATCH: i64 = 1000;
/// Characters of an opening post shown under its title.
const EXCERPT_CHARS: usize = 240;

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

struct NewThread {
    id: i64,
    title: String,
    author: Option<String>,
    excerpt: String,
}

struct Active {
    id: i64,
    title: String,
    first_post: i64,
    count: usize,
    authors: Vec<Option<String>>,
}

struct BoardContent {
    board: Board,
    new_threads: Vec<NewThread>,
    active: Vec<Active>,
}

fn excerpt(html: &str) -> String {
    let text = markdown::plain_text(html);
    let text = text.trim();
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    format!("{}…", cut.trim_end())
}

/// The section of an active board, created when first needed.
fn slot<'a>(
    by_board: &'a mut BTreeMap<i64, BoardContent>,
    boards: &[Board],
    board_id: i64,
) -> Option<&'a mut BoardContent> {
    let board = boards.iter().find(|b| b.id == board_id)?;
    Some(by_board.entry(board_id).or_insert_with(|| BoardContent {
        board: board.clone(),
        new_threads: Vec::new(),
        active: Vec::new(),
    }))
}

/// The period's content of every board that has any, in board order.
fn load_content(c: &mut DbConn, period: &Period) -> db::QueryResult<Vec<BoardContent>> {
    let boards = db::boards::list_active(c)?;
    let mut by_board: BTreeMap<i64, BoardContent> = BTreeMap::new();
    let new = db::digests::list_new_threads(c, period.start, period.end)?;
    for t in &new {
        if let Some(content) = slot(&mut by_board, &boards, t.board_id) {
            content.new_threads.push(NewThread {
                id: t.thread_id,
                title: t.title.clone(),
                author: t.author_deleted.is_none().then(|| t.author.clone()),
                excerpt: excerpt(&t.body_html),
            });
        }
    }
    for r in db::digests::list_new_replies(c, period.start, period.end)? {
        if new.iter().any(|t| t.thread_id == r.thread_id) {
            continue;
        }
        let Some(content) = slot(&mut by_board, &boards, r.board_id) else {
            continue;
        };
        let author = r.author_deleted.is_none().then_some(r.author);
        match content.active.last_mut().filter(|a| a.id == r.thread_id) {
            Some(a) => {
                a.count += 1;
                if !a.authors.contains(&author) {
                    a.authors.push(author);
                }
            }
            None => content.active.push(Active {
                id: r.thread_id,
                title: r.title,
                first_post: r.post_id,
                count: 1,
                authors: vec![author],
            }),
        }
    }
    let mut ordered: Vec<BoardContent> = by_board.into_values().collect();
    ordered.sort_by_key(|b| (b.board.position, b.board.id));
    Ok(ordered)
}

fn name_or_deleted(name: &Option<String>, locale: Locale) -> String {
    name.clone()
        .unwrap_or_else(|| i18n::text(locale, "deleted-member", None))
}

/// One board's section of a digest, as its templates read it.
fn board_json(b: &BoardContent, locale: Locale) -> Value {
    json!({
        "name": board_name(&b.board, locale),
        "link": format!("/b/{}", b.board.slug),
        "new_threads": b.new_threads.iter().map(|t| json!({
            "title": t.title,
            "author": name_or_deleted(&t.author, locale),
            "excerpt": t.excerpt,
            "link": format!("/t/{}", t.id),
        })).collect::<Vec<_>>(),
        "active_threads": b.active.iter().map(|a| json!({
            "title": a.title,
            "count": a.count,
            "authors": a.authors.iter().map(|n| name_or_deleted(n, locale)).collect::<Vec<_>>().join(", "),
            "link": format!("/p/{}", a.first_post),
        })).collect::<Vec<_>>(),
    })
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
    sections: HashMap<(i64, Locale), Value>,
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

    fn email_for(&self, r: &Recipient, boards: &[i64]) -> Option<(String, Locale, Value)> {
        let locale: Locale = r.locale.parse().unwrap_or(Locale::Es);
        let sections: Vec<&Value> = self
            .boards
            .iter()
            .filter(|id| boards.contains(id))
            .filter_map(|id| self.sections.get(&(*id, locale)))
            .collect();
        if sections.is_empty() {
            return None;
        }
        let unsubscribe = unsubscribe_path(&self.ctx.secret, &r.unsubscribe_key);
        let base = self.ctx.base_url.as_str().trim_end_matches('/');
        let key = self.key(r.id);
        let payload = json!({
            "frequency": self.period.frequency.as_str(),
            "period": self.period_texts[&locale],
            "boards": sections,
            "member": r.user_id.is_some(),
            "footer": if r.user_id.is_some() { "digest-why-member" } else { "digest-why-email" },
            "manage_link": if r.user_id.is_some() { "/settings" } else { "/subscribe" },
            "unsubscribe_link": unsubscribe,
            "headers": [
                ["List-Id", self.list_id],
                ["List-Unsubscribe", format!("<{base}{unsubscribe}>, <mailto:{}?subject=unsubscribe>", self.mailto)],
                ["List-Unsubscribe-Post", "List-Unsubscribe=One-Click"],
            ],
        });
        Some((key, locale, payload))
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
            sections.insert((b.board.id, locale), board_json(b, locale));
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
    let frequency = p.period.frequency.as_str();
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
    let queued = c.in_transaction(|c| -> Result<usize, db::DbError> {
        let mut queued = 0;
        for (to, (key, locale, payload)) in emails {
            let email = Email {
                key,
                kind: "digest",
                to,
                locale,
                payload,
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

    #[test]
    fn long_posts_are_cut_on_a_character_boundary() {
        let long = format!("<p>{}</p>", "ñ".repeat(300));
        let e = excerpt(&long);
        assert_eq!(e.chars().count(), EXCERPT_CHARS + 1);
        assert!(e.ends_with('…'));
        assert_eq!(excerpt("<p>corto</p>"), "corto");
    }
}
