//! Consultations: a moderator opens one on a question with dates; members contribute replies
//! of a kind while it is open; moderators close it and publish a synthesis. The phase comes
//! from the dates in the site's time zone, so nothing has to run for one to open or close.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::auth::Member;
use super::discussions::{start_thread, Posted};
use crate::config::Settings;
use crate::db::{
    self, consultations::Consultation, consultations::NewConsultation, moderation::NewLogEntry,
    notifications::NewNotification, DbConn, Pool,
};
pub use crate::domain::consultation::Filter;
use crate::domain::{
    ContributionKind, Locale, ModAction, NotificationKind, Phase, PostBody, Stakeholder,
    ThreadTitle,
};
use crate::error::{AppError, FieldErrors};

/// Today in the site's time zone.
pub fn today(tz: Tz) -> NaiveDate {
    Utc::now().with_timezone(&tz).date_naive()
}

/// The UTC moment day `day` begins in time zone `tz`.
fn start_of(day: NaiveDate, tz: Tz) -> NaiveDateTime {
    tz.from_local_datetime(&day.and_time(NaiveTime::MIN))
        .earliest()
        .map(|t| t.naive_utc())
        .unwrap_or_else(|| day.and_time(NaiveTime::MIN))
}

/// What a moderator typed to open a consultation.
#[derive(Debug, Clone, Default)]
pub struct NewInput {
    pub board: String,
    pub title: String,
    pub question: String,
    pub opens_at: String,
    pub closes_at: String,
}

fn parse_day(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

/// Checks the dates: both real days, closing today or later and not before opening.
fn check_dates(
    input: &NewInput,
    today: NaiveDate,
    errors: &mut FieldErrors,
) -> Option<(NaiveDate, NaiveDate)> {
    let opens = parse_day(&input.opens_at);
    let closes = parse_day(&input.closes_at);
    if opens.is_none() {
        errors.insert("opens_at".into(), "consultation-date-invalid".into());
    }
    match (opens, closes) {
        (_, None) => {
            errors.insert("closes_at".into(), "consultation-date-invalid".into());
            None
        }
        (_, Some(c)) if c < today => {
            errors.insert("closes_at".into(), "consultation-closes-past".into());
            None
        }
        (Some(o), Some(c)) if c < o => {
            errors.insert("closes_at".into(), "consultation-closes-before".into());
            None
        }
        (Some(o), Some(c)) => Some((o, c)),
        (None, Some(_)) => None,
    }
}

/// Opens a consultation in a board the member moderates; the new thread's id.
pub async fn create(
    pool: &Pool,
    settings: &Settings,
    member: &Member,
    input: NewInput,
) -> Result<i64, AppError> {
    let tz = settings.site.timezone;
    let mut errors = FieldErrors::new();
    let title = ThreadTitle::parse(&input.title)
        .map_err(|e| errors.insert("title".into(), e.to_string()))
        .ok();
    let question = PostBody::parse(&input.question)
        .map_err(|e| errors.insert("question".into(), e.to_string()))
        .ok();
    let dates = check_dates(&input, today(tz), &mut errors);
    let (Some(title), Some(question), Some((opens_on, closes_on))) = (title, question, dates)
    else {
        return Err(AppError::Validation(errors));
    };
    let html = super::rendering::render(pool, member.id, question.as_str().to_string()).await?;
    let (member, settings, slug) = (member.clone(), settings.clone(), input.board);
    pool.run(move |c| {
        c.in_transaction(|c| {
            let board = db::boards::find_by_slug(c, &slug)?
                .ok_or_else(|| AppError::field("board", "consultation-board-unknown"))?;
            if !member.powers.moderates(board.id) {
                return Err(AppError::Forbidden);
            }
            let Posted { id, .. } =
                start_thread(c, &settings, &member, &board, &title, &question, &html)?;
            db::consultations::insert(
                c,
                &NewConsultation {
                    thread_id: id,
                    opens_on,
                    closes_on,
                    created_by: Some(member.id),
                    created_at: Utc::now().naive_utc(),
                },
                start_of(opens_on, tz),
            )?;
            Ok(id)
        })
    })
    .await
}

/// Refuses a contribution to `consultation` unless it is open today; the kind a reply in it
/// carries (a comment when none was chosen).
pub fn contribution_kind(
    consultation: &Consultation,
    kind: Option<ContributionKind>,
    tz: Tz,
) -> Result<ContributionKind, AppError> {
    match consultation.schedule().phase(today(tz)) {
        Phase::Open => Ok(kind.unwrap_or(ContributionKind::Comment)),
        Phase::Draft => Err(AppError::field("body", "consultation-not-open-yet")),
        Phase::Closed | Phase::Synthesis => Err(AppError::field("body", "consultation-closed")),
    }
}

/// One count of contributions.
#[derive(Debug, Clone, Serialize)]
pub struct Count {
    /// The stakeholder group or kind; empty for members who declared no group.
    pub value: String,
    pub n: i64,
}

/// What the thread page shows of a consultation.
#[derive(Debug, Clone, Serialize)]
pub struct ConsultationView {
    pub phase: Phase,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    /// While open: days left, today included.
    pub days_left: Option<i64>,
    pub close_reason: Option<String>,
    /// The synthesis when published (or, for moderators, the draft).
    pub synthesis_html: Option<String>,
    pub synthesis_published_at: Option<NaiveDateTime>,
    /// Moderators only: the synthesis's Markdown and how many revisions it has.
    pub synthesis_source: Option<String>,
    pub revisions: i64,
    pub total: i64,
    pub by_stakeholder: Vec<Count>,
    pub by_kind: Vec<Count>,
    /// The filters in force.
    pub stakeholder: Option<Stakeholder>,
    pub kind: Option<ContributionKind>,
    pub moderated: bool,
    /// A moderator may close it early (open) or write the synthesis (closed).
    pub can_close: bool,
    pub can_write_synthesis: bool,
}

/// The view of `consultation` for a reader (`moderated`: a moderator of its board), in the
/// caller's connection: two queries.
pub fn view(
    c: &mut DbConn,
    consultation: Consultation,
    filter: Filter,
    moderated: bool,
    tz: Tz,
) -> Result<ConsultationView, AppError> {
    let thread_id = consultation.thread_id;
    let (schedule, day) = (consultation.schedule(), today(tz));
    let phase = schedule.phase(day);
    let rows = db::consultations::counts(c, thread_id)?;
    let revisions = if moderated {
        db::consultations::revision_count(c, thread_id)?
    } else {
        0
    };
    let mut by_stakeholder: Vec<Count> = Stakeholder::ALL
        .iter()
        .map(|s| Count {
            value: s.as_str().into(),
            n: 0,
        })
        .chain(std::iter::once(Count {
            value: String::new(),
            n: 0,
        }))
        .collect();
    let mut by_kind: Vec<Count> = ContributionKind::ALL
        .iter()
        .map(|k| Count {
            value: k.as_str().into(),
            n: 0,
        })
        .collect();
    let mut total = 0;
    for r in rows {
        total += r.n;
        let group = r.stakeholder.unwrap_or_default();
        if let Some(slot) = by_stakeholder.iter_mut().find(|s| s.value == group) {
            slot.n += r.n;
        }
        let kind = r.kind.unwrap_or_else(|| "comment".into());
        if let Some(slot) = by_kind.iter_mut().find(|k| k.value == kind) {
            slot.n += r.n;
        }
    }
    let published = consultation.synthesis_published_at.is_some();
    Ok(ConsultationView {
        days_left: (phase == Phase::Open).then(|| schedule.days_left(day)),
        phase,
        opens_on: consultation.opens_on,
        closes_on: consultation.closes_on,
        close_reason: consultation.close_reason,
        synthesis_html: consultation
            .synthesis_html
            .filter(|_| published || moderated),
        synthesis_published_at: consultation.synthesis_published_at,
        synthesis_source: consultation.synthesis_source.filter(|_| moderated),
        revisions,
        total,
        by_stakeholder,
        by_kind,
        stakeholder: filter.stakeholder,
        kind: filter.kind,
        moderated,
        can_close: moderated && matches!(phase, Phase::Draft | Phase::Open),
        can_write_synthesis: moderated && phase != Phase::Draft,
    })
}

/// The consultation of `thread_id` and its board, for a moderator of that board.
fn moderated_consultation(
    c: &mut DbConn,
    member: &Member,
    thread_id: i64,
) -> Result<(Consultation, i64), AppError> {
    let (thread, board) = db::threads::find_with_board(c, thread_id)?.ok_or(AppError::NotFound)?;
    let consultation = db::consultations::find(c, thread.id)?.ok_or(AppError::NotFound)?;
    if !member.powers.moderates(board.id) {
        return Err(AppError::Forbidden);
    }
    Ok((consultation, board.id))
}

/// Closes a consultation now, with a reason, in the public log.
pub async fn close(
    pool: &Pool,
    member: &Member,
    thread_id: i64,
    reason: String,
) -> Result<(), AppError> {
    let reason = reason.trim().to_string();
    if reason.is_empty() {
        return Err(AppError::field("reason", "reason-required"));
    }
    if reason.chars().count() > 1000 {
        return Err(AppError::field("reason", "reason-too-long"));
    }
    let member = member.clone();
    pool.run(move |c| {
        c.in_transaction(|c| {
            let (_, board_id) = moderated_consultation(c, &member, thread_id)?;
            let now = Utc::now().naive_utc();
            if !db::consultations::close(c, thread_id, &reason, now)? {
                return Err(AppError::Conflict);
            }
            let mut entry =
                NewLogEntry::new(Some(member.id), ModAction::ConsultationClose, "thread");
            entry.target_id = Some(thread_id);
            entry.board_id = Some(board_id);
            entry.reason = &reason;
            db::moderation::log(c, &entry)?;
            Ok(())
        })
    })
    .await
}

/// What publishing a synthesis did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SynthesisOutcome {
    Saved,
    Published,
}

/// Saves a revision of the synthesis and, with `publish`, publishes it: only once the
/// consultation is closed (a field error before), only once; participants and watchers are
/// notified (and so emailed once, with their other news).
pub async fn write_synthesis(
    pool: &Pool,
    settings: &Settings,
    member: &Member,
    thread_id: i64,
    text: String,
    publish: bool,
) -> Result<SynthesisOutcome, AppError> {
    let body = PostBody::parse(&text).map_err(|e| AppError::field("synthesis", &e.to_string()))?;
    let html = super::rendering::render(pool, member.id, body.as_str().to_string()).await?;
    let (member, tz) = (member.clone(), settings.site.timezone);
    pool.run(move |c| {
        c.in_transaction(|c| {
            let (consultation, board_id) = moderated_consultation(c, &member, thread_id)?;
            let phase = consultation.schedule().phase(today(tz));
            if phase == Phase::Draft {
                return Err(AppError::field("synthesis", "synthesis-not-closed"));
            }
            if publish && phase == Phase::Open {
                return Err(AppError::field("synthesis", "synthesis-not-closed"));
            }
            if phase == Phase::Synthesis {
                return Err(AppError::field("synthesis", "synthesis-already-published"));
            }
            let now = Utc::now().naive_utc();
            db::consultations::save_synthesis(c, thread_id, body.as_str(), &html, member.id, now)?;
            if !publish {
                return Ok(SynthesisOutcome::Saved);
            }
            if !db::consultations::publish_synthesis(c, thread_id, now)? {
                return Err(AppError::Conflict);
            }
            let mut entry =
                NewLogEntry::new(Some(member.id), ModAction::SynthesisPublish, "thread");
            entry.target_id = Some(thread_id);
            entry.board_id = Some(board_id);
            db::moderation::log(c, &entry)?;
            let question = db::posts::first_id(c, thread_id)?.ok_or(AppError::NotFound)?;
            let rows: Vec<NewNotification> = db::consultations::audience(c, thread_id, member.id)?
                .into_iter()
                .map(|user_id| NewNotification {
                    user_id,
                    kind: NotificationKind::Consultation,
                    post_id: Some(question),
                    actor_id: Some(member.id),
                    modlog_id: None,
                    created_at: now,
                    mailed_at: None,
                })
                .collect();
            db::notifications::insert(c, &rows)?;
            Ok(SynthesisOutcome::Published)
        })
    })
    .await
}

/// One consultation in the list.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub thread_id: i64,
    pub title: String,
    pub board_slug: String,
    pub board_name: String,
    pub phase: Phase,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub days_left: Option<i64>,
    pub contributions: i64,
}

/// The consultations page: open ones (soonest to close first), drafts for moderators, then
/// closed ones (most recent first).
#[derive(Debug, Clone, Serialize)]
pub struct Listing {
    pub open: Vec<Listed>,
    pub drafts: Vec<Listed>,
    pub closed: Vec<Listed>,
    /// The viewer moderates somewhere, so may open one.
    pub can_open: bool,
}

/// Consultations to list, at most this many of each part.
pub const LISTED: i64 = 50;

/// The consultations page for `viewer`.
pub async fn list(
    pool: &Pool,
    settings: &Settings,
    locale: Locale,
    viewer: Option<&Member>,
) -> Result<Listing, AppError> {
    let tz = settings.site.timezone;
    let day = today(tz);
    let powers = viewer.map(|m| m.powers.clone());
    pool.run(move |c| {
        let current = db::consultations::list(c, day, false, LISTED)?;
        let closed = db::consultations::list(c, day, true, LISTED)?;
        let (mut open, mut drafts) = (Vec::new(), Vec::new());
        for row in current {
            let item = listed(row, day, locale);
            if item.phase == Phase::Open {
                open.push(item);
            } else if powers.as_ref().is_some_and(|p| p.any()) {
                drafts.push(item);
            }
        }
        Ok(Listing {
            can_open: powers.as_ref().is_some_and(|p| p.any()),
            open,
            drafts,
            closed: closed.into_iter().map(|r| listed(r, day, locale)).collect(),
        })
    })
    .await
}

/// Open consultations, for the home page.
pub fn open_now(c: &mut DbConn, tz: Tz, locale: Locale) -> Result<Vec<Listed>, AppError> {
    let day = today(tz);
    Ok(db::consultations::list(c, day, false, LISTED)?
        .into_iter()
        .map(|r| listed(r, day, locale))
        .filter(|l| l.phase == Phase::Open)
        .collect())
}

fn listed(row: db::consultations::ListRow, day: NaiveDate, locale: Locale) -> Listed {
    let schedule = row.consultation.schedule();
    let phase = schedule.phase(day);
    Listed {
        thread_id: row.consultation.thread_id,
        title: row.title,
        board_slug: row.board_slug,
        board_name: match locale {
            Locale::Es => row.board_name_es,
            Locale::En => row.board_name_en,
        },
        phase,
        opens_on: row.consultation.opens_on,
        closes_on: row.consultation.closes_on,
        days_left: (phase == Phase::Open).then(|| schedule.days_left(day)),
        contributions: row.reply_count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(opens: &str, closes: &str) -> NewInput {
        NewInput {
            opens_at: opens.into(),
            closes_at: closes.into(),
            ..NewInput::default()
        }
    }

    #[test]
    fn dates_must_be_days_closing_today_or_later_and_not_before_opening() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let check = |opens: &str, closes: &str| {
            let mut errors = FieldErrors::new();
            let ok = check_dates(&input(opens, closes), today, &mut errors);
            (ok.is_some(), errors)
        };
        assert!(check("2026-12-01", "2026-12-01").0);
        assert!(check("2026-11-20", "2026-12-10").0, "may open in the past");
        let (ok, errors) = check("2026-12-01", "2026-11-30");
        assert!(!ok);
        assert_eq!(errors["closes_at"], "consultation-closes-past");
        let (_, errors) = check("2026-12-10", "2026-12-05");
        assert_eq!(errors["closes_at"], "consultation-closes-before");
        let (_, errors) = check("mañana", "2026-12-05");
        assert_eq!(errors["opens_at"], "consultation-date-invalid");
    }

    #[test]
    fn a_day_starts_at_local_midnight() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(
            start_of(day, chrono_tz::America::Guatemala).to_string(),
            "2026-12-01 06:00:00"
        );
    }
}
