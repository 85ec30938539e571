//! Moderation: the review queue, flags, decisions on posts and threads, suspensions and
//! appeals. Every decision and its log entry (and any email) commit in one transaction.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc};
use serde_json::json;

use super::auth::Member;
use super::mail::{self, Email};
use super::publishing::{publish, unpublish};
use super::site;
use crate::config::{ModerationSettings, Settings};
use crate::db::{self, moderation::NewLogEntry, DbConn, Pool};
use crate::domain::{markdown, Locale};
use crate::error::AppError;

/// The reasons a member may give when flagging a post, most severe first.
pub const FLAG_REASONS: [&str; 6] = [
    "child_safety",
    "abuse",
    "misinformation",
    "spam",
    "off_topic",
    "other",
];

/// A decision on one post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostAction {
    Approve,
    Reject,
    Hide,
    Restore,
}

impl PostAction {
    /// Parses the action named in a URL.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "approve" => Some(Self::Approve),
            "reject" => Some(Self::Reject),
            "hide" => Some(Self::Hide),
            "restore" => Some(Self::Restore),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Reject => "reject",
            Self::Hide => "hide",
            Self::Restore => "restore",
        }
    }
}

/// A decision on one thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThreadAction {
    Lock,
    Unlock,
    Pin,
    Unpin,
    Move(String),
}

fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

/// Writes a log entry for a decision by `moderator` (`None`: the system).
#[allow(clippy::too_many_arguments)]
pub(crate) fn log(
    c: &mut DbConn,
    moderator: Option<i64>,
    action: &str,
    target_kind: &str,
    target_id: Option<i64>,
    board_id: Option<i64>,
    rule: Option<i32>,
    reason: &str,
) -> Result<i64, AppError> {
    Ok(db::moderation::log(
        c,
        &NewLogEntry {
            moderator_id: moderator,
            action,
            target_kind,
            target_id,
            board_id,
            rule_number: rule,
            reason,
            created_at: now(),
        },
    )?)
}

fn check_rule(c: &mut DbConn, rule: Option<i32>, required: bool) -> Result<Option<i32>, AppError> {
    match rule {
        None if required => Err(AppError::field("rule", "rule-required")),
        None => Ok(None),
        Some(n) => {
            if db::moderation::list_rules(c)?.iter().any(|r| r.number == n) {
                Ok(Some(n))
            } else {
                Err(AppError::field("rule", "rule-unknown"))
            }
        }
    }
}

fn check_reason(reason: &str) -> Result<(), AppError> {
    if reason.chars().count() > 1000 {
        return Err(AppError::field("reason", "reason-too-long"));
    }
    Ok(())
}

/// Tells a member by email why moderation acted, with the way to appeal.
fn notify(
    c: &mut DbConn,
    user_id: i64,
    kind: &'static str,
    log_id: i64,
    rule: Option<i32>,
    reason: &str,
    link: &str,
) -> Result<(), AppError> {
    let Some(user) = db::users::find_by_id(c, user_id)? else {
        return Ok(());
    };
    let Some(email) = user.email.as_deref() else {
        return Ok(());
    };
    mail::enqueue(
        c,
        Email {
            key: format!("{kind}:{log_id}"),
            kind,
            to: email,
            locale: user.locale.parse().unwrap_or(Locale::Es),
            payload: json!({
                "username": user.username,
                "rule": rule.unwrap_or_default(),
                "reason": reason,
                "log_id": log_id,
                "link": link,
            }),
        },
    )?;
    Ok(())
}

/// Whether `post` is hidden by an automatic decision that no moderator has confirmed yet.
fn auto_hidden(c: &mut DbConn, post: &db::posts::Post) -> Result<bool, AppError> {
    if post.status != "hidden" {
        return Ok(false);
    }
    Ok(match post.moderation_log_id {
        Some(id) => db::moderation::find_log(c, id)?.is_some_and(|e| e.action == "auto_hide"),
        None => false,
    })
}

/// Approves, rejects, hides or restores a post. `hide` on a post hidden automatically keeps it
/// hidden, now citing a rule. Nobody decides on their own post or on a post they reported.
#[tracing::instrument(skip(pool, member, reason), fields(user = member.id))]
pub async fn act_on_post(
    pool: &Pool,
    member: &Member,
    post_id: i64,
    action: PostAction,
    rule: Option<i32>,
    reason: String,
) -> Result<i64, AppError> {
    check_reason(&reason)?;
    let (me, powers) = (member.id, member.powers.clone());
    pool.run(move |c| {
        c.in_transaction(|c| {
            let post = db::posts::find(c, post_id)?.ok_or(AppError::NotFound)?;
            let (thread, board) =
                db::threads::find_with_board(c, post.thread_id)?.ok_or(AppError::NotFound)?;
            if !powers.moderates(board.id)
                || post.author_id == me
                || db::moderation::has_open_flag_by(c, post.id, me)?
            {
                return Err(AppError::Forbidden);
            }
            let needs_rule = matches!(action, PostAction::Reject | PostAction::Hide);
            let rule = check_rule(c, rule, needs_rule)?;
            let allowed = match action {
                PostAction::Approve | PostAction::Reject => post.status == "pending",
                PostAction::Hide => {
                    post.status == "published" || post.status == "pending" || auto_hidden(c, &post)?
                }
                PostAction::Restore => post.status == "hidden",
            };
            if !allowed {
                return Err(AppError::Conflict);
            }
            let id = log(
                c,
                Some(me),
                action.name(),
                "post",
                Some(post.id),
                Some(board.id),
                rule,
                &reason,
            )?;
            match action {
                PostAction::Approve | PostAction::Restore => {
                    publish(c, &post, &thread, &board, now())?
                }
                PostAction::Reject | PostAction::Hide => {
                    unpublish(c, &post, &thread, &board, "hidden", Some(id))?;
                    let kind = if action == PostAction::Reject {
                        "post_rejected"
                    } else {
                        "post_hidden"
                    };
                    notify(
                        c,
                        post.author_id,
                        kind,
                        id,
                        rule,
                        &reason,
                        &format!("/p/{}", post.id),
                    )?;
                }
            }
            db::moderation::resolve_flags(c, post.id, now())?;
            Ok(id)
        })
    })
    .await
}

/// Removes an earlier version of a post that exposes personal data. The log says it happened,
/// and why, never what it said.
#[tracing::instrument(skip(pool, member, reason), fields(user = member.id))]
pub async fn purge_revision(
    pool: &Pool,
    member: &Member,
    revision_id: i64,
    reason: String,
) -> Result<i64, AppError> {
    check_reason(&reason)?;
    if reason.trim().is_empty() {
        return Err(AppError::field("reason", "purge-reason-required"));
    }
    let (me, powers) = (member.id, member.powers.clone());
    pool.run(move |c| {
        c.in_transaction(|c| {
            let post_id = db::posts::revision_post(c, revision_id)?.ok_or(AppError::NotFound)?;
            let post = db::posts::find(c, post_id)?.ok_or(AppError::NotFound)?;
            let (_, board) =
                db::threads::find_with_board(c, post.thread_id)?.ok_or(AppError::NotFound)?;
            if !powers.moderates(board.id) {
                return Err(AppError::Forbidden);
            }
            db::personal::purge_revision(c, revision_id)?;
            log(
                c,
                Some(me),
                "purge_revision",
                "post",
                Some(post_id),
                Some(board.id),
                None,
                &reason,
            )?;
            Ok(post_id)
        })
    })
    .await
}

/// Locks, unlocks, pins, unpins or moves a thread.
#[tracing::instrument(skip(pool, member, reason), fields(user = member.id))]
pub async fn act_on_thread(
    pool: &Pool,
    member: &Member,
    thread_id: i64,
    action: ThreadAction,
    reason: String,
) -> Result<i64, AppError> {
    check_reason(&reason)?;
    let (me, powers) = (member.id, member.powers.clone());
    pool.run(move |c| {
        c.in_transaction(|c| {
            let (thread, board) =
                db::threads::find_with_board(c, thread_id)?.ok_or(AppError::NotFound)?;
            if !powers.moderates(board.id) {
                return Err(AppError::Forbidden);
            }
            let name = match &action {
                ThreadAction::Lock => {
                    db::threads::set_locked(c, thread.id, true)?;
                    "lock"
                }
                ThreadAction::Unlock => {
                    db::threads::set_locked(c, thread.id, false)?;
                    "unlock"
                }
                ThreadAction::Pin => {
                    db::threads::set_pinned(c, thread.id, true)?;
                    "pin"
                }
                ThreadAction::Unpin => {
                    db::threads::set_pinned(c, thread.id, false)?;
                    "unpin"
                }
                ThreadAction::Move(slug) => {
                    let to = db::boards::find_by_slug(c, slug)?
                        .ok_or(AppError::field("board", "board-unknown"))?;
                    if !powers.moderates(to.id) {
                        return Err(AppError::Forbidden);
                    }
                    if to.id != board.id {
                        db::threads::set_board(c, thread.id, to.id)?;
                        if thread.status == "published" {
                            let opening = db::posts::first_id(c, thread.id)?;
                            let opening_published = match opening {
                                Some(id) => {
                                    db::posts::find(c, id)?.is_some_and(|p| p.status == "published")
                                }
                                None => false,
                            };
                            let posts = thread.reply_count + i64::from(opening_published);
                            db::boards::transfer_counts(c, board.id, to.id, 1, posts)?;
                        }
                    }
                    "move"
                }
            };
            log(
                c,
                Some(me),
                name,
                "thread",
                Some(thread.id),
                Some(board.id),
                None,
                &reason,
            )
        })
    })
    .await
}

/// Whether a member has standing for their reports to hide a post before a moderator looks:
/// enough published posts and enough days since sign-up.
fn has_standing(user: &db::users::User, rules: &ModerationSettings, at: NaiveDateTime) -> bool {
    user.post_count >= i64::from(rules.trusted_reporter_posts)
        && at - user.created_at >= TimeDelta::days(rules.trusted_reporter_days.into())
}

/// Emails everyone who moderates the post's board about a child-safety report, at once.
fn alert_moderators(
    c: &mut DbConn,
    post: &db::posts::Post,
    board_id: i64,
    reporter: i64,
) -> Result<(), AppError> {
    for m in db::moderation::list_board_moderators(c, board_id, now())? {
        let Some(email) = m.email.as_deref() else {
            continue;
        };
        if m.id == reporter || m.id == post.author_id {
            continue;
        }
        mail::enqueue(
            c,
            Email {
                key: format!("report_urgent:{}:{reporter}:{}", post.id, m.id),
                kind: "report_urgent",
                to: email,
                locale: m.locale.parse().unwrap_or(Locale::Es),
                payload: json!({
                    "username": m.username,
                    "link": format!("/mod#q{}", post.id),
                }),
            },
        )?;
    }
    Ok(())
}

/// Reports a post. Reports from members with standing (or moderators) count towards hiding
/// it; one such report for child safety hides it at once. Other reports only queue, and every
/// child-safety report emails the board's moderators.
#[tracing::instrument(skip(pool, settings, member, note), fields(user = member.id))]
pub async fn flag(
    pool: &Pool,
    settings: &Settings,
    member: &Member,
    post_id: i64,
    reason: String,
    note: String,
) -> Result<bool, AppError> {
    member.require_active()?;
    if !member.verified {
        return Err(AppError::Unverified);
    }
    if reason.is_empty() {
        return Err(AppError::field("reason", "flag-reason-required"));
    }
    if !FLAG_REASONS.contains(&reason.as_str()) {
        return Err(AppError::field("reason", "flag-reason-unknown"));
    }
    if note.chars().count() > 1000 {
        return Err(AppError::field("note", "reason-too-long"));
    }
    let (me, powers, settings) = (member.id, member.powers.clone(), settings.clone());
    pool.run(move |c| {
        c.in_transaction(|c| {
            let post = db::posts::find(c, post_id)?.ok_or(AppError::NotFound)?;
            if post.status != "published" && post.status != "hidden" {
                return Err(AppError::NotFound);
            }
            if post.author_id == me {
                return Err(AppError::Forbidden);
            }
            let (thread, board) =
                db::threads::find_with_board(c, post.thread_id)?.ok_or(AppError::NotFound)?;
            let at = now();
            let reporter = db::users::find_by_id(c, me)?.ok_or(AppError::NotFound)?;
            let trusted =
                powers.moderates(board.id) || has_standing(&reporter, &settings.moderation, at);
            let flag = db::moderation::NewFlag {
                post_id,
                reporter: me,
                reason: &reason,
                note: note.trim(),
                trusted,
                at,
            };
            if !db::moderation::insert_flag(c, &flag)? {
                return Err(AppError::Conflict);
            }
            let urgent = reason == "child_safety";
            if urgent {
                alert_moderators(c, &post, board.id, me)?;
            }
            let eff = site::effective(c, &settings)?;
            let enough = db::moderation::count_open_trusted_flags(c, post_id)?
                >= i64::from(eff.auto_hide_flags);
            let hidden = post.status == "published" && ((urgent && trusted) || enough);
            if hidden {
                let why = if urgent && trusted {
                    "child_safety"
                } else {
                    "flags"
                };
                let id = log(
                    c,
                    None,
                    "auto_hide",
                    "post",
                    Some(post.id),
                    Some(board.id),
                    None,
                    why,
                )?;
                unpublish(c, &post, &thread, &board, "hidden", Some(id))?;
            }
            Ok(hidden)
        })
    })
    .await
}

/// One item of the review queue.
#[derive(Debug, serde::Serialize)]
pub struct QueueItem {
    pub post_id: i64,
    pub status: String,
    pub excerpt: String,
    pub created_at: NaiveDateTime,
    pub thread_id: i64,
    pub thread_title: String,
    pub board_slug: String,
    pub author: String,
    pub flags: Vec<FlagView>,
    pub urgent: bool,
    /// Hidden by an automatic decision: moderators keep it hidden (citing a rule) or restore it.
    pub auto_hidden: bool,
    /// The viewer wrote or reported it, and so may not decide on it.
    pub not_yours: bool,
}

/// A flag as moderators see it.
#[derive(Debug, serde::Serialize)]
pub struct FlagView {
    pub reason: String,
    pub note: String,
    pub reporter: String,
    pub created_at: NaiveDateTime,
}

/// An appeal waiting for a decision.
#[derive(Debug, serde::Serialize)]
pub struct AppealView {
    pub id: i64,
    pub appellant: String,
    pub message: String,
    pub created_at: NaiveDateTime,
    pub log_id: i64,
    pub action: String,
    pub target_kind: String,
    pub target_id: Option<i64>,
    pub rule: Option<i32>,
    pub reason: String,
    /// The member who decided first may not decide the appeal.
    pub mine: bool,
}

/// The queue: child-safety reports first, then the most reported, newest first; with appeals.
pub async fn queue(
    pool: &Pool,
    member: &Member,
) -> Result<(Vec<QueueItem>, Vec<AppealView>), AppError> {
    if !member.powers.any() {
        return Err(AppError::Forbidden);
    }
    let (me, powers) = (member.id, member.powers.clone());
    pool.run(move |c| {
        let filter = (!powers.admin && !powers.every_board).then(|| powers.boards.clone());
        let rows = db::moderation::queue(c, filter.as_deref(), 200)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.post_id).collect();
        let flags = db::moderation::open_flags_for(c, &ids)?;
        let mut items: Vec<QueueItem> = rows
            .into_iter()
            .map(|r| {
                let mine: Vec<FlagView> = flags
                    .iter()
                    .filter(|f| f.post_id == r.post_id)
                    .map(|f| FlagView {
                        reason: f.reason.clone(),
                        note: f.note.clone(),
                        reporter: f.reporter.clone(),
                        created_at: f.created_at,
                    })
                    .collect();
                let reported_by_me = flags
                    .iter()
                    .any(|f| f.post_id == r.post_id && f.reporter_id == me);
                QueueItem {
                    urgent: mine.iter().any(|f| f.reason == "child_safety"),
                    auto_hidden: r.status == "hidden"
                        && r.log_action.as_deref() == Some("auto_hide"),
                    not_yours: r.author_id == me || reported_by_me,
                    post_id: r.post_id,
                    status: r.status,
                    excerpt: markdown::excerpt(&r.body_html, 400),
                    created_at: r.created_at,
                    thread_id: r.thread_id,
                    thread_title: r.thread_title,
                    board_slug: r.board_slug,
                    author: r.author,
                    flags: mine,
                }
            })
            .collect();
        items.sort_by(|a, b| {
            b.urgent
                .cmp(&a.urgent)
                .then(b.flags.len().cmp(&a.flags.len()))
                .then(b.created_at.cmp(&a.created_at))
        });
        let appeals = db::moderation::open_appeals(c)?
            .into_iter()
            .filter(|a| {
                powers.admin
                    || powers.every_board
                    || a.entry.board_id.is_some_and(|b| powers.boards.contains(&b))
            })
            .map(|a| AppealView {
                mine: a.entry.moderator_id == Some(me)
                    || a.user_id == me
                    || (a.entry.target_kind == "user" && a.entry.target_id == Some(me)),
                id: a.id,
                appellant: a.appellant,
                message: a.message,
                created_at: a.created_at,
                log_id: a.entry.id,
                action: a.entry.action,
                target_kind: a.entry.target_kind,
                target_id: a.entry.target_id,
                rule: a.entry.rule_number,
                reason: a.entry.reason,
            })
            .collect();
        Ok((items, appeals))
    })
    .await
}

/// The end of a suspension: the end of `until` in the site's time zone, or no end.
fn suspension_end(until: Option<NaiveDate>, tz: chrono_tz::Tz) -> NaiveDateTime {
    match until {
        Some(day) => {
            let end = day.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default());
            tz.from_local_datetime(&end)
                .earliest()
                .map_or(end, |t| t.naive_utc())
        }
        None => NaiveDate::from_ymd_opt(9999, 12, 31)
            .unwrap_or_default()
            .and_time(NaiveTime::MIN),
    }
}

/// Suspends a member (site-wide moderators and admins); their sessions end at once.
#[tracing::instrument(skip(pool, settings, member, reason), fields(user = member.id))]
pub async fn suspend(
    pool: &Pool,
    settings: &Settings,
    member: &Member,
    user_id: i64,
    rule: Option<i32>,
    reason: String,
    until: Option<NaiveDate>,
) -> Result<i64, AppError> {
    if !(member.powers.admin || member.powers.every_board) {
        return Err(AppError::Forbidden);
    }
    check_reason(&reason)?;
    if until.is_some_and(|d| d < Utc::now().date_naive()) {
        return Err(AppError::field("until", "until-past"));
    }
    let (me, tz) = (member.id, settings.site.timezone);
    pool.run(move |c| {
        c.in_transaction(|c| {
            let user = db::users::find_by_id(c, user_id)?.ok_or(AppError::NotFound)?;
            if user.id == me || user.role == "admin" {
                return Err(AppError::Forbidden);
            }
            let rule = check_rule(c, rule, true)?;
            let id = log(
                c,
                Some(me),
                "suspend",
                "user",
                Some(user.id),
                None,
                rule,
                &reason,
            )?;
            db::users::suspend(c, user.id, suspension_end(until, tz), &reason, id)?;
            db::sessions::delete_for_user(c, user.id, None)?;
            notify(c, user.id, "suspended", id, rule, &reason, "/appeal")?;
            Ok(id)
        })
    })
    .await
}

/// Lifts a suspension early.
pub async fn unsuspend(
    pool: &Pool,
    member: &Member,
    user_id: i64,
    reason: String,
) -> Result<i64, AppError> {
    if !(member.powers.admin || member.powers.every_board) {
        return Err(AppError::Forbidden);
    }
    check_reason(&reason)?;
    let me = member.id;
    pool.run(move |c| {
        c.in_transaction(|c| {
            let user = db::users::find_by_id(c, user_id)?.ok_or(AppError::NotFound)?;
            if user.id == me {
                return Err(AppError::Forbidden);
            }
            db::users::unsuspend(c, user.id)?;
            log(
                c,
                Some(me),
                "unsuspend",
                "user",
                Some(user.id),
                None,
                None,
                &reason,
            )
        })
    })
    .await
}

/// Bans a member for good (admins only): no more logins, every session ended.
pub async fn ban(
    pool: &Pool,
    member: &Member,
    user_id: i64,
    rule: Option<i32>,
    reason: String,
) -> Result<i64, AppError> {
    if !member.powers.admin {
        return Err(AppError::Forbidden);
    }
    check_reason(&reason)?;
    let me = member.id;
    pool.run(move |c| {
        c.in_transaction(|c| {
            let user = db::users::find_by_id(c, user_id)?.ok_or(AppError::NotFound)?;
            if user.id == me {
                return Err(AppError::Forbidden);
            }
            let rule = check_rule(c, rule, true)?;
            let id = log(
                c,
                Some(me),
                "ban",
                "user",
                Some(user.id),
                None,
                rule,
                &reason,
            )?;
            db::users::ban(c, user.id)?;
            db::sessions::delete_for_user(c, user.id, None)?;
            Ok(id)
        })
    })
    .await
}

/// The author of a removed post, or a suspended member, contests the decision once.
#[tracing::instrument(skip(pool, member, message), fields(user = member.id))]
pub async fn appeal(
    pool: &Pool,
    member: &Member,
    log_id: i64,
    message: String,
) -> Result<(), AppError> {
    let message = message.trim().to_string();
    if message.is_empty() {
        return Err(AppError::field("message", "appeal-empty"));
    }
    if message.chars().count() > 2000 {
        return Err(AppError::field("message", "reason-too-long"));
    }
    let me = member.id;
    pool.run(move |c| {
        c.in_transaction(|c| {
            let entry = db::moderation::find_log(c, log_id)?.ok_or(AppError::NotFound)?;
            let concerns_me = match (entry.target_kind.as_str(), entry.action.as_str()) {
                ("post", "hide" | "reject" | "auto_hide") => match entry.target_id {
                    Some(id) => db::posts::find(c, id)?
                        .is_some_and(|p| p.author_id == me && p.status == "hidden"),
                    None => false,
                },
                ("user", "suspend") => entry.target_id == Some(me),
                _ => false,
            };
            if !concerns_me {
                return Err(AppError::Forbidden);
            }
            if !db::moderation::insert_appeal(c, me, log_id, &message, now())? {
                return Err(AppError::Conflict);
            }
            Ok(())
        })
    })
    .await
}

/// Decides an appeal; the moderator who made the decision may not.
#[tracing::instrument(skip(pool, member, reason), fields(user = member.id))]
pub async fn decide_appeal(
    pool: &Pool,
    member: &Member,
    appeal_id: i64,
    overturn: bool,
    reason: String,
) -> Result<i64, AppError> {
    check_reason(&reason)?;
    let (me, powers) = (member.id, member.powers.clone());
    pool.run(move |c| {
        c.in_transaction(|c| {
            let appeal = db::moderation::find_appeal(c, appeal_id)?.ok_or(AppError::NotFound)?;
            let entry = appeal.entry;
            let allowed = match entry.board_id {
                Some(b) => powers.moderates(b),
                None => powers.admin || powers.every_board,
            };
            let concerns_me = appeal.user_id == me
                || match (entry.target_kind.as_str(), entry.target_id) {
                    ("post", Some(id)) => {
                        db::posts::find(c, id)?.is_some_and(|p| p.author_id == me)
                    }
                    ("user", Some(id)) => id == me,
                    _ => false,
                };
            if !allowed || entry.moderator_id == Some(me) || concerns_me {
                return Err(AppError::Forbidden);
            }
            let outcome = if overturn { "overturned" } else { "upheld" };
            if !db::moderation::decide_appeal(c, appeal_id, me, outcome, &reason, now())? {
                return Err(AppError::Conflict);
            }
            if overturn {
                match (entry.target_kind.as_str(), entry.target_id) {
                    ("post", Some(id)) => {
                        let post = db::posts::find(c, id)?.ok_or(AppError::NotFound)?;
                        if post.status == "hidden" {
                            let (thread, board) = db::threads::find_with_board(c, post.thread_id)?
                                .ok_or(AppError::NotFound)?;
                            publish(c, &post, &thread, &board, now())?;
                        }
                    }
                    ("user", Some(id)) => db::users::unsuspend(c, id)?,
                    _ => {}
                }
            }
            let action = if overturn {
                "appeal_overturned"
            } else {
                "appeal_upheld"
            };
            log(
                c,
                Some(me),
                action,
                entry.target_kind.as_str(),
                entry.target_id,
                entry.board_id,
                entry.rule_number,
                &reason,
            )
        })
    })
    .await
}

/// What the public log shows of one decision.
#[derive(Debug, serde::Serialize)]
pub struct LogView {
    pub id: i64,
    pub action: String,
    pub target_kind: String,
    /// A link to the target while it is visible; removed content is not republished.
    pub target_href: Option<String>,
    pub board_slug: Option<String>,
    /// The board's name in the reader's language.
    pub board_name: Option<String>,
    pub rule: Option<i32>,
    /// What a person wrote; empty for automatic decisions, which name their trigger instead.
    pub reason: String,
    /// Taken by the system, not a person: `trigger` says what set it off.
    pub automatic: bool,
    /// For automatic decisions: `child_safety` (a report from a member with standing) or
    /// `flags` (enough such reports).
    pub trigger: Option<String>,
    pub moderator: Option<String>,
    pub created_at: NaiveDateTime,
}

/// Actions the log can be filtered by.
pub const LOG_ACTIONS: [&str; 21] = [
    "approve",
    "reject",
    "hide",
    "restore",
    "auto_hide",
    "lock",
    "unlock",
    "pin",
    "unpin",
    "move",
    "suspend",
    "unsuspend",
    "ban",
    "appeal_upheld",
    "appeal_overturned",
    "purge_revision",
    "appoint",
    "revoke",
    "board",
    "rules",
    "settings",
];

/// A page of the public log, newest first (one more entry than asked, to know if more follow).
pub async fn public_log(
    pool: &Pool,
    settings: &Settings,
    locale: Locale,
    board: Option<String>,
    action: Option<String>,
    page: i64,
    per: i64,
) -> Result<Vec<LogView>, AppError> {
    let settings = settings.clone();
    pool.run(move |c| {
        let eff = site::effective(c, &settings)?;
        let board_id = match board.as_deref() {
            Some(slug) => Some(
                db::boards::find_by_slug(c, slug)?
                    .ok_or(AppError::NotFound)?
                    .id,
            ),
            None => None,
        };
        let offset = page
            .checked_sub(1)
            .filter(|p| *p >= 0)
            .and_then(|p| p.checked_mul(per))
            .ok_or(AppError::NotFound)?;
        let rows = db::moderation::list_log(c, board_id, action.as_deref(), per + 1, offset)?;
        if rows.is_empty() && page > 1 {
            return Err(AppError::NotFound);
        }
        let post_ids: Vec<i64> = rows
            .iter()
            .filter(|r| r.entry.target_kind == "post")
            .filter_map(|r| r.entry.target_id)
            .collect();
        let visible = db::posts::published_among(c, &post_ids)?;
        let mut views = Vec::with_capacity(rows.len());
        for r in rows {
            let e = r.entry;
            let automatic = e.moderator_id.is_none();
            let board_name = match locale {
                Locale::Es => r.board_name_es,
                Locale::En => r.board_name_en,
            };
            let target_href = match (e.target_kind.as_str(), e.target_id) {
                ("post", Some(id)) => visible.contains(&id).then(|| format!("/p/{id}")),
                ("thread", Some(id)) => Some(format!("/t/{id}")),
                _ => None,
            };
            views.push(LogView {
                id: e.id,
                action: e.action,
                target_kind: e.target_kind,
                target_href,
                board_slug: r.board_slug,
                board_name,
                rule: e.rule_number,
                trigger: automatic.then(|| e.reason.clone()),
                reason: if automatic { String::new() } else { e.reason },
                automatic,
                moderator: if eff.log_names_moderators {
                    r.moderator
                } else {
                    None
                },
                created_at: e.created_at,
            });
        }
        Ok(views)
    })
    .await
}
