//! A thread as open data (CSV and JSON, streamed a page of posts at a time) and as a printable
//! report. Both show published posts only, to whoever may see the thread.
//!
//! Fields of every exported post, in this order: `post_id`, `parent_id`, `created_at` (RFC
//! 3339, UTC), `author` (empty for a deleted member), `stakeholder` (the group's value, e.g.
//! `civil_society`), `organization`, `verified` (`true` when the label was verified), `kind`
//! (a contribution's kind, e.g. `proposal`), `body` (the Markdown source) and `url` (the
//! post's absolute permalink). A deleted member's post keeps its text but loses name and label.
//!
//! CSV: RFC 4180 (CRLF, quoted where needed), UTF-8 with a byte-order mark, a header row; an
//! absent value is an empty field.
//! JSON: `{"thread": {"id", "title", "board", "url", "exported_at"}, "posts": [{...}]}`, with
//! `board` the board's slug, `parent_id` a number or null, `author`, `stakeholder`,
//! `organization` and `kind` strings or null, `verified` a boolean.

use actix_web::web::Bytes;
use chrono::{NaiveDate, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use chrono_tz::Tz;
use futures::Stream;
use serde::Serialize;

use super::auth::Member;
use crate::db::exports::ExportRow;
use crate::db::{self, Pool};
use crate::domain::{ContributionKind, Locale, PostStatus, Stakeholder};
use crate::error::AppError;
use crate::i18n;

/// Posts read per query while exporting.
pub const EXPORT_PAGE: i64 = 500;

/// The CSV header row: the fields of every post, in order.
pub const FIELDS: [&str; 10] = [
    "post_id",
    "parent_id",
    "created_at",
    "author",
    "stakeholder",
    "organization",
    "verified",
    "kind",
    "body",
    "url",
];

/// A thread about to be exported.
#[derive(Debug, Clone, Serialize)]
pub struct ExportedThread {
    pub id: i64,
    pub title: String,
    /// Its board's slug.
    pub board: String,
    pub url: String,
    pub exported_at: String,
}

/// Whether a visitor with powers `me` (id, powers) may see thread `thread` of board `board`:
/// what the thread page shows, and a consultation before it opens only to moderators.
fn visible(
    thread: &db::threads::Thread,
    board_id: i64,
    me: Option<&(i64, super::auth::Powers)>,
    now: NaiveDateTime,
) -> bool {
    let moderator = me.is_some_and(|m| m.1.moderates(board_id));
    let own = me.is_some_and(|m| m.0 == thread.author_id);
    let shown = thread.status == PostStatus::Published || moderator || own;
    let opened = thread.opens_at.is_none_or(|at| at <= now);
    shown && (opened || moderator)
}

fn rfc3339(t: NaiveDateTime) -> String {
    t.and_utc().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Thread `id` to export for `viewer`; NotFound where its page would be (or it is a
/// consultation not open yet and the viewer does not moderate it).
pub async fn thread(
    pool: &Pool,
    id: i64,
    viewer: Option<&Member>,
    base: &str,
) -> Result<ExportedThread, AppError> {
    let me = viewer.map(|m| (m.id, m.powers.clone()));
    let base = base.to_string();
    pool.run(move |c| {
        let (thread, board) = db::threads::find_with_board(c, id)?.ok_or(AppError::NotFound)?;
        let now = Utc::now().naive_utc();
        if !visible(&thread, board.id, me.as_ref(), now) {
            return Err(AppError::NotFound);
        }
        Ok(ExportedThread {
            id: thread.id,
            title: thread.title,
            board: board.slug,
            url: format!("{base}/t/{}", thread.id),
            exported_at: rfc3339(now),
        })
    })
    .await
}

/// One exported post, its fields in the documented order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    pub post_id: i64,
    pub parent_id: Option<i64>,
    pub created_at: String,
    pub author: Option<String>,
    pub stakeholder: Option<String>,
    pub organization: Option<String>,
    pub verified: bool,
    pub kind: Option<String>,
    pub body: String,
    pub url: String,
}

impl Record {
    /// The post in `row`, with its permalink under `base`; a deleted member's name and label
    /// are left out.
    pub fn new(row: ExportRow, base: &str) -> Self {
        let present = row.author_deleted.is_none();
        Record {
            post_id: row.id,
            parent_id: row.parent_id,
            created_at: rfc3339(row.created_at),
            author: present.then_some(row.author),
            stakeholder: row.stakeholder.filter(|_| present),
            organization: row.organization.filter(|_| present),
            verified: present && row.verified_at.is_some(),
            kind: row.kind.map(|k| k.as_str().to_string()),
            body: row.body_source,
            url: format!("{base}/p/{}", row.id),
        }
    }

    /// The CSV fields, absent values empty.
    fn fields(&self) -> [String; 10] {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        [
            self.post_id.to_string(),
            self.parent_id.map(|p| p.to_string()).unwrap_or_default(),
            self.created_at.clone(),
            opt(&self.author),
            opt(&self.stakeholder),
            opt(&self.organization),
            self.verified.to_string(),
            opt(&self.kind),
            self.body.clone(),
            self.url.clone(),
        ]
    }
}

/// The two open-data formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

/// The UTF-8 byte-order mark, for spreadsheets to read accents right.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What comes before the first post.
fn prefix(format: Format, thread: &ExportedThread) -> Result<Vec<u8>, AppError> {
    match format {
        Format::Csv => {
            let mut w = csv_writer(BOM.to_vec());
            w.write_record(FIELDS).map_err(unexpected)?;
            w.into_inner().map_err(|e| unexpected(e.into_error()))
        }
        Format::Json => {
            let mut out = br#"{"thread":"#.to_vec();
            serde_json::to_writer(&mut out, thread).map_err(unexpected)?;
            out.extend_from_slice(br#","posts":["#);
            Ok(out)
        }
    }
}

fn csv_writer(out: Vec<u8>) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out)
}

fn unexpected(e: impl std::error::Error + Send + Sync + 'static) -> AppError {
    AppError::Unexpected(anyhow::Error::new(e))
}

/// Appends the posts of one page to `out`; `leading` says whether a JSON post comes before
/// the first of them.
fn write_page(
    format: Format,
    out: Vec<u8>,
    records: &[Record],
    leading: bool,
) -> Result<Vec<u8>, AppError> {
    match format {
        Format::Csv => {
            let mut w = csv_writer(out);
            for r in records {
                w.write_record(r.fields()).map_err(unexpected)?;
            }
            w.into_inner().map_err(|e| unexpected(e.into_error()))
        }
        Format::Json => {
            let mut out = out;
            for (i, r) in records.iter().enumerate() {
                if leading || i > 0 {
                    out.push(b',');
                }
                serde_json::to_writer(&mut out, r).map_err(unexpected)?;
            }
            Ok(out)
        }
    }
}

/// Where a stream of an export is.
struct Cursor {
    /// The last post written.
    after: i64,
    first: bool,
}

/// The published posts of `thread` in `format`, read [`EXPORT_PAGE`] at a time: one chunk
/// per page, so memory stays flat however long the thread.
pub fn stream(
    pool: Pool,
    thread: ExportedThread,
    base: String,
    format: Format,
) -> impl Stream<Item = Result<Bytes, AppError>> {
    futures::stream::unfold(
        Some(Cursor {
            after: 0,
            first: true,
        }),
        move |cursor| {
            let (pool, thread, base) = (pool.clone(), thread.clone(), base.clone());
            async move {
                let cursor = cursor?;
                let id = thread.id;
                let after = cursor.after;
                let rows = pool
                    .run(move |c| {
                        Ok::<_, AppError>(db::exports::published_page(c, id, after, EXPORT_PAGE)?)
                    })
                    .await;
                let chunk = rows.and_then(|rows| {
                    let full = rows.len() as i64 == EXPORT_PAGE;
                    let last = rows.last().map(|r| r.id);
                    let records: Vec<Record> =
                        rows.into_iter().map(|r| Record::new(r, &base)).collect();
                    let out = if cursor.first {
                        prefix(format, &thread)?
                    } else {
                        Vec::new()
                    };
                    let mut out = write_page(format, out, &records, !cursor.first)?;
                    if !full && format == Format::Json {
                        out.extend_from_slice(b"]}");
                    }
                    let next = last.filter(|_| full).map(|after| Cursor {
                        after,
                        first: false,
                    });
                    Ok((Bytes::from(out), next))
                });
                Some(match chunk {
                    Ok((bytes, next)) => (Ok(bytes), next),
                    Err(e) => {
                        tracing::error!(thread = id, error = %e, "export stopped");
                        (Err(e), None)
                    }
                })
            }
        },
    )
}

/// A contribution (or the question) on the report.
#[derive(Debug, Serialize)]
pub struct ReportPost {
    pub id: i64,
    pub number: i64,
    pub author: Option<String>,
    /// "Sociedad civil · Fundación X" (empty without a group or organization).
    pub label: Option<String>,
    pub verified: bool,
    pub created_at: NaiveDateTime,
    pub body_html: String,
}

/// How many contributions one kind or group has.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Count {
    pub name: String,
    pub count: usize,
}

/// The contributions of one kind.
#[derive(Debug, Serialize)]
pub struct KindGroup {
    /// The kind's value (`none` for contributions without one), for anchors.
    pub key: String,
    pub name: String,
    pub count: usize,
    pub posts: Vec<ReportPost>,
}

/// A consultation's dates and phase, as the report states them.
#[derive(Debug, Serialize)]
pub struct ReportConsultation {
    pub opens_on: String,
    pub closes_on: String,
    pub phase: String,
    pub close_reason: Option<String>,
    pub synthesis_html: Option<String>,
}

/// A thread's printable report.
#[derive(Debug, Serialize)]
pub struct Report {
    pub id: i64,
    pub title: String,
    pub board_slug: String,
    pub board_name: String,
    pub created_at: NaiveDateTime,
    pub question: Option<ReportPost>,
    pub consultation: Option<ReportConsultation>,
    pub contributions: usize,
    pub by_kind: Vec<Count>,
    pub by_stakeholder: Vec<Count>,
    pub groups: Vec<KindGroup>,
}

/// A day as the report writes it in `locale`.
fn day(d: NaiveDate, locale: Locale) -> String {
    match locale {
        Locale::Es => d
            .format_localized("%-d %b %Y", chrono::Locale::es_ES)
            .to_string(),
        Locale::En => d
            .format_localized("%b %-d, %Y", chrono::Locale::en_US)
            .to_string(),
    }
}

/// The name of contribution kind `kind` (`None`: without a kind) in `locale`.
pub fn kind_name(kind: Option<ContributionKind>, locale: Locale) -> String {
    let key = kind.map_or("none", |k| k.as_str());
    i18n::text(locale, &format!("report-kind-{key}"), None)
}

/// The name of stakeholder group `group` (`None`: none declared) in `locale`.
pub fn group_name(group: Option<Stakeholder>, locale: Locale) -> String {
    let key = group.map_or("none", |g| g.as_str());
    i18n::text(locale, &format!("report-group-{key}"), None)
}

const KINDS: [Option<ContributionKind>; 6] = [
    Some(ContributionKind::Proposal),
    Some(ContributionKind::Objection),
    Some(ContributionKind::Question),
    Some(ContributionKind::Evidence),
    Some(ContributionKind::Comment),
    None,
];

const GROUPS: [Option<Stakeholder>; 7] = [
    Some(Stakeholder::Government),
    Some(Stakeholder::PrivateSector),
    Some(Stakeholder::CivilSociety),
    Some(Stakeholder::Academia),
    Some(Stakeholder::TechnicalCommunity),
    Some(Stakeholder::Intergovernmental),
    None,
];

/// Thread `id`'s report for `viewer`, in `locale`, dates in time zone `tz`: two queries
/// (three for a consultation), whatever its length.
pub async fn report(
    pool: &Pool,
    id: i64,
    viewer: Option<&Member>,
    locale: Locale,
    tz: Tz,
) -> Result<Report, AppError> {
    let me = viewer.map(|m| (m.id, m.powers.clone()));
    pool.run(move |c| {
        let (thread, board) = db::threads::find_with_board(c, id)?.ok_or(AppError::NotFound)?;
        let now = Utc::now().naive_utc();
        if !visible(&thread, board.id, me.as_ref(), now) {
            return Err(AppError::NotFound);
        }
        let consultation = if thread.opens_at.is_some() {
            db::consultations::find(c, id)?
        } else {
            None
        };
        let rows = db::exports::published_with_html(c, id)?;
        let today = tz.from_utc_datetime(&now).date_naive();
        Ok(build_report(
            thread,
            board,
            consultation,
            rows,
            locale,
            today,
        ))
    })
    .await
}

fn build_report(
    thread: db::threads::Thread,
    board: db::boards::Board,
    consultation: Option<db::consultations::Consultation>,
    rows: Vec<(ExportRow, String)>,
    locale: Locale,
    today: NaiveDate,
) -> Report {
    let mut question = None;
    let mut by_kind = [0usize; KINDS.len()];
    let mut by_group = [0usize; GROUPS.len()];
    let mut groups: Vec<Vec<ReportPost>> = KINDS.iter().map(|_| Vec::new()).collect();
    let mut contributions = 0;
    for (row, html) in rows {
        let present = row.author_deleted.is_none();
        let group = row
            .stakeholder
            .as_deref()
            .filter(|_| present)
            .and_then(|s| s.parse::<Stakeholder>().ok());
        let organization = row.organization.filter(|o| present && !o.trim().is_empty());
        let label = match (group, organization) {
            (Some(g), Some(o)) => Some(format!("{} · {o}", group_name(Some(g), locale))),
            (Some(g), None) => Some(group_name(Some(g), locale)),
            (None, Some(o)) => Some(o),
            (None, None) => None,
        };
        let post = ReportPost {
            id: row.id,
            number: row.number,
            author: present.then_some(row.author),
            verified: label.is_some() && row.verified_at.is_some(),
            label,
            created_at: row.created_at,
            body_html: html,
        };
        if row.number == 1 {
            question = Some(post);
            continue;
        }
        contributions += 1;
        let k = KINDS.iter().position(|k| *k == row.kind).unwrap_or(5);
        let g = GROUPS.iter().position(|x| *x == group).unwrap_or(6);
        by_kind[k] += 1;
        by_group[g] += 1;
        groups[k].push(post);
    }
    let counted = |names: Vec<String>, counts: &[usize]| -> Vec<Count> {
        names
            .into_iter()
            .zip(counts)
            .filter(|(_, n)| **n > 0)
            .map(|(name, n)| Count { name, count: *n })
            .collect()
    };
    let is_consultation = consultation.is_some();
    Report {
        id: thread.id,
        title: thread.title,
        board_slug: board.slug,
        board_name: match locale {
            Locale::Es => board.name_es,
            Locale::En => board.name_en,
        },
        created_at: thread.created_at,
        question,
        consultation: consultation.map(|c| ReportConsultation {
            opens_on: day(c.opens_on, locale),
            closes_on: day(c.closes_on, locale),
            phase: i18n::text(
                locale,
                &format!("report-phase-{}", c.schedule().phase(today).as_str()),
                None,
            ),
            close_reason: c.close_reason.filter(|_| c.closed_at.is_some()),
            synthesis_html: c
                .synthesis_html
                .filter(|_| c.synthesis_published_at.is_some()),
        }),
        contributions,
        by_kind: counted(
            KINDS.iter().map(|k| kind_name(*k, locale)).collect(),
            &by_kind,
        ),
        by_stakeholder: counted(
            GROUPS.iter().map(|g| group_name(*g, locale)).collect(),
            &by_group,
        ),
        groups: KINDS
            .iter()
            .zip(groups)
            .filter(|(_, posts)| !posts.is_empty())
            .map(|(k, posts)| KindGroup {
                key: k.map_or("none", |k| k.as_str()).to_string(),
                // A thread that is no consultation has replies, not contributions.
                name: if is_consultation {
                    kind_name(*k, locale)
                } else {
                    i18n::text(locale, "report-replies", None)
                },
                count: posts.len(),
                posts,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, deleted: bool) -> ExportRow {
        ExportRow {
            id,
            parent_id: Some(1),
            number: id,
            created_at: NaiveDate::from_ymd_opt(2026, 12, 1)
                .unwrap()
                .and_hms_opt(9, 30, 0)
                .unwrap(),
            kind: Some(ContributionKind::Evidence),
            body_source: "Línea, \"citada\"\ny otra".into(),
            author: "maría".into(),
            author_deleted: deleted.then(|| Utc::now().naive_utc()),
            stakeholder: Some("academia".into()),
            organization: Some("Universidad, S. A.".into()),
            verified_at: Some(Utc::now().naive_utc()),
        }
    }

    #[test]
    fn a_record_carries_the_fields_and_a_deleted_author_loses_name_and_label() {
        let r = Record::new(row(7, false), "https://foro.example.org");
        assert_eq!(r.created_at, "2026-12-01T09:30:00Z");
        assert_eq!(r.url, "https://foro.example.org/p/7");
        assert_eq!(r.author.as_deref(), Some("maría"));
        assert!(r.verified);
        assert_eq!(r.kind.as_deref(), Some("evidence"));
        let gone = Record::new(row(8, true), "https://foro.example.org");
        assert_eq!(
            (
                gone.author,
                gone.stakeholder,
                gone.organization,
                gone.verified
            ),
            (None, None, None, false)
        );
        assert_eq!(gone.body, "Línea, \"citada\"\ny otra");
    }

    #[test]
    fn csv_pages_quote_what_needs_it_and_end_lines_with_crlf() {
        let thread = ExportedThread {
            id: 1,
            title: "t".into(),
            board: "b".into(),
            url: "u".into(),
            exported_at: "x".into(),
        };
        let head = prefix(Format::Csv, &thread).unwrap();
        assert!(head.starts_with(BOM));
        assert!(head.ends_with(b"url\r\n"));
        let out = write_page(
            Format::Csv,
            Vec::new(),
            &[Record::new(row(7, false), "")],
            false,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("\"Línea, \"\"citada\"\"\ny otra\""), "{text}");
        assert!(text.ends_with("/p/7\r\n"));
    }

    #[test]
    fn json_pages_separate_posts_across_pages() {
        let rec = Record::new(row(7, false), "");
        let one = write_page(Format::Json, Vec::new(), std::slice::from_ref(&rec), false).unwrap();
        let two = write_page(Format::Json, Vec::new(), &[rec], true).unwrap();
        assert_eq!(one[0], b'{');
        assert_eq!(two[0], b',');
    }

    #[test]
    fn a_draft_consultation_is_seen_by_moderators_only() {
        let now = Utc::now().naive_utc();
        let thread = db::threads::Thread {
            id: 1,
            board_id: 2,
            author_id: 3,
            title: String::new(),
            status: PostStatus::Published,
            pinned: false,
            locked: false,
            reply_count: 0,
            last_post_id: None,
            last_poster_id: None,
            last_post_at: now,
            created_at: now,
            opens_at: Some(now + chrono::Duration::days(1)),
        };
        let moderator = super::super::auth::Powers {
            every_board: true,
            ..Default::default()
        };
        assert!(!visible(&thread, 2, None, now));
        assert!(!visible(&thread, 2, Some(&(3, Default::default())), now));
        assert!(visible(&thread, 2, Some(&(9, moderator)), now));
        let open = db::threads::Thread {
            opens_at: Some(now),
            ..thread
        };
        assert!(visible(&open, 2, None, now));
    }
}
