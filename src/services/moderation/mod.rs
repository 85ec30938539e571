//! Moderation: decisions on posts and threads, reports, suspensions, appeals, the review queue
//! and the public log, one room each. Every decision and its log entry (and any email) commit
//! in one transaction; the helpers they share are here.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc};

use super::auth::Member;
use super::mail::{self, Decision, Email, Message};
use super::notifications;
use super::publishing::{publish, unpublish};
use super::site;
use crate::config::{ModerationSettings, Settings};
use crate::db::{self, moderation::NewLogEntry, DbConn, Pool};
use crate::domain::{markdown, Locale, ModAction, Origin, PostStatus, ReportReason, Role};
use crate::error::AppError;

mod affiliation;
mod appeals;
mod decisions;
mod log;
mod members;
mod queue;
mod reports;

pub use affiliation::set_affiliation;
pub use appeals::{appeal, decide_appeal};
pub use decisions::{act_on_post, act_on_thread, purge_revision, PostAction, ThreadAction};
pub use log::{public_log, LogView};
pub use members::{exclude, unsuspend, Exclusion};
pub use queue::{queue, AppealView, FlagView, QueueItem};
pub use reports::flag;

fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

/// Writes a log entry for a decision and returns its number.
pub(crate) fn log(c: &mut DbConn, entry: NewLogEntry<'_>) -> Result<i64, AppError> {
    Ok(db::moderation::log(c, &entry)?)
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

/// Tells a member by email why moderation acted, with the way to appeal; `kind` is the
/// message (`Message::Suspended`…) the decision becomes.
fn notify(
    c: &mut DbConn,
    user_id: i64,
    kind: fn(Decision) -> Message,
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
    let message = kind(Decision {
        username: user.username.clone(),
        rule: rule.unwrap_or_default(),
        reason: reason.to_string(),
        log_id,
        link: link.to_string(),
    });
    mail::enqueue(
        c,
        Email {
            key: format!("{}:{log_id}", message.kind()),
            to: email,
            locale: user.locale,
            message,
        },
    )?;
    Ok(())
}
