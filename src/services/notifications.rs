//! Telling members what concerns them: notifications written in the transaction of their
//! cause, the list and its unread count, marking read, and the batched email.

use std::collections::{BTreeMap, HashSet};

use chrono::{NaiveDateTime, TimeDelta, Utc};
use serde::Serialize;

use super::auth::Member;
use super::mail::{self, Email, Message};
use super::reading::Pages;
use crate::db::{
    self,
    notifications::{NewNotification, Unmailed},
    posts::Post,
    threads::Thread,
    DbConn, DbError, Pool,
};
use crate::domain::notification::{recipients, Cause};
use crate::domain::{markdown, token, ModAction, NotificationKind, NotifyEmail, PostStatus};
use crate::error::AppError;

/// Notifications per page of `/notifications`.
pub const PER_PAGE: i64 = 30;
/// Notifications read per email pass.
const SCAN_LIMIT: i64 = 5000;
/// The most notifications one email lists (the rest are on the page it links to).
const EMAIL_ITEMS: usize = 20;

/// A post that just became visible, as its notifications need it.
#[derive(Debug, Clone, Copy)]
pub struct Published<'a> {
    pub id: i64,
    pub author: i64,
    pub parent_id: Option<i64>,
    pub source: &'a str,
    pub thread_id: i64,
    /// Who opened the thread: a reply naming no post answers them.
    pub thread_author: i64,
    /// The post opened its thread.
    pub opening: bool,
}

impl<'a> Published<'a> {
    /// `post` of `thread`.
    pub fn of(post: &'a Post, thread: &Thread, opening: bool) -> Self {
        Self {
            id: post.id,
            author: post.author_id,
            parent_id: post.parent_id,
            source: &post.body_source,
            thread_id: thread.id,
            thread_author: thread.author_id,
            opening,
        }
    }
}

/// Writes the notifications of `post`, which just became visible (published on creation,
/// approved, restored): mentions, the reply or quote to the post it answers, and watchers of
/// its thread, by the rules of [`recipients`].
pub fn on_published(
    c: &mut DbConn,
    post: Published<'_>,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    let answered = if post.opening {
        None
    } else {
        match post.parent_id {
            Some(parent) => db::posts::find(c, parent)?
                .filter(|p| p.status == PostStatus::Published)
                .map(|p| p.author_id),
            None => Some(post.thread_author),
        }
    };
    let mentioned = db::users::ids_by_keys(c, &markdown::mentions_to_notify(post.source))?;
    let watchers = if post.opening {
        Vec::new()
    } else {
        db::watches::watchers(c, post.thread_id)?
    };
    let cause = Cause {
        author: post.author,
        answered,
        quoting: answered.is_some() && markdown::quotes(post.source),
        mentioned: &mentioned,
        watchers: &watchers,
    };
    notify_of_post(c, post.id, &cause, now)
}

/// Writes the notifications of an edit to published `post` (as it was before): members the
/// new text mentions that the old one did not.
pub fn on_edited(
    c: &mut DbConn,
    post: &Post,
    new_source: &str,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    let before = markdown::mentions_to_notify(&post.body_source);
    let added: Vec<String> = markdown::mentions_to_notify(new_source)
        .into_iter()
        .filter(|k| !before.contains(k))
        .collect();
    if added.is_empty() {
        return Ok(());
    }
    // The ten-mention limit counts the post's mentions, not only the new ones.
    let counted = before
        .len()
        .min(crate::domain::notification::MENTIONS_NOTIFIED);
    let mentioned = db::users::ids_by_keys(c, &added)?;
    let allowed: Vec<i64> = mentioned
        .into_iter()
        .take(crate::domain::notification::MENTIONS_NOTIFIED - counted)
        .collect();
    let cause = Cause {
        author: post.author_id,
        mentioned: &allowed,
        ..Cause::default()
    };
    notify_of_post(c, post.id, &cause, now)
}

fn notify_of_post(
    c: &mut DbConn,
    post_id: i64,
    cause: &Cause<'_>,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    let mut candidates: Vec<i64> = cause.mentioned.to_vec();
    candidates.extend(cause.answered);
    candidates.extend(cause.watchers);
    let silenced: HashSet<i64> = db::notifications::silenced(c, cause.author, &candidates)?
        .into_iter()
        .collect();
    let told: HashSet<i64> = db::notifications::told_of_post(c, post_id)?
        .into_iter()
        .collect();
    let rows: Vec<NewNotification> = recipients(cause, &silenced, &told)
        .into_iter()
        .map(|(user_id, kind)| NewNotification {
            user_id,
            kind,
            post_id: Some(post_id),
            actor_id: Some(cause.author),
            modlog_id: None,
            created_at: now,
            // Watchers hear of new posts by the watch email.
            mailed_at: (kind == NotificationKind::Watch).then_some(now),
        })
        .collect();
    db::notifications::insert(c, &rows)
}

/// Tells member `user_id` of moderation's decision `modlog_id` (on their post `post_id`, or
/// their account); `emailed`: the decision sent its own email, so the batch leaves it out.
pub fn on_decision(
    c: &mut DbConn,
    user_id: i64,
    post_id: Option<i64>,
    modlog_id: i64,
    emailed: bool,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    db::notifications::insert(
        c,
        &[NewNotification {
            user_id,
            kind: NotificationKind::Moderation,
            post_id,
            actor_id: None,
            modlog_id: Some(modlog_id),
            created_at: now,
            mailed_at: emailed.then_some(now),
        }],
    )
}

/// One notification as the page and the email show it.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub id: i64,
    pub kind: NotificationKind,
    /// Who caused it; `None` for a decision, or a member who deleted their account.
    pub actor: Option<String>,
    pub thread_title: Option<String>,
    /// The decision's action (`approve`, `hide`…).
    pub action: Option<ModAction>,
    pub created_at: NaiveDateTime,
    pub unread: bool,
    /// `/p/{id}` of the post, or the log entry of a decision on an account.
    pub link: String,
}

fn link(post_id: Option<i64>, modlog_id: Option<i64>) -> String {
    match (post_id, modlog_id) {
        (Some(p), _) => format!("/p/{p}"),
        (None, Some(m)) => format!("/modlog#m{m}"),
        (None, None) => "/notifications".into(),
    }
}

/// A page of a member's notifications.
#[derive(Debug, Serialize)]
pub struct Listing {
    pub items: Vec<Item>,
    pub pages: Pages,
    pub unread: i64,
}

/// Page `page` of `member`'s notifications, newest first (viewing marks nothing read).
pub async fn list(pool: &Pool, member: &Member, page: i64) -> Result<Listing, AppError> {
    let user_id = member.id;
    pool.run(move |c| {
        let total = db::notifications::count(c, user_id)?;
        let pages = Pages::new(page, total, PER_PAGE)?;
        let rows = db::notifications::list(c, user_id, PER_PAGE, (pages.page - 1) * PER_PAGE)?;
        let unread = db::notifications::unread_count(c, user_id)?;
        let items = rows
            .into_iter()
            .map(|r| Item {
                id: r.id,
                kind: r.kind,
                actor: r.actor.filter(|_| r.actor_deleted.is_none()),
                thread_title: r.thread_title,
                action: r.action,
                created_at: r.created_at,
                unread: r.read_at.is_none(),
                link: link(r.post_id, r.modlog_id),
            })
            .collect();
        Ok(Listing {
            items,
            pages,
            unread,
        })
    })
    .await
}

/// Marks all of `member`'s notifications read.
pub async fn mark_all_read(pool: &Pool, member: &Member) -> Result<(), AppError> {
    let user_id = member.id;
    pool.run(move |c| {
        c.in_unseen_transaction(|c| {
            db::notifications::mark_all_read(c, user_id, Utc::now().naive_utc())?;
            Ok(())
        })
    })
    .await
}

/// The signed part of the link that turns a member's notification emails off.
pub fn email_off_token(secret: &str, user_id: i64) -> String {
    let tag = token::sign(secret, &format!("notify-off|{user_id}"));
    format!("{user_id}.{tag}")
}

fn member_of_token(secret: &str, token: &str) -> Option<i64> {
    let (id, tag) = token.split_once('.')?;
    let id: i64 = id.parse().ok()?;
    token::verify(secret, &format!("notify-off|{id}"), tag).then_some(id)
}

/// Whether the member named by an email's one-click token still gets notification emails;
/// NotFound for a token that is not genuine.
pub async fn email_status(pool: &Pool, secret: &str, token: &str) -> Result<bool, AppError> {
    let id = member_of_token(secret, token).ok_or(AppError::NotFound)?;
    pool.run(move |c| {
        let user = db::users::find_by_id(c, id)?.ok_or(AppError::NotFound)?;
        Ok(user.notify_email == NotifyEmail::Batched)
    })
    .await
}

/// Sets whether the member gets notification emails (`/settings`, or `off` from an email's
/// one-click token through [`email_off`]).
pub async fn set_email(pool: &Pool, user_id: i64, value: NotifyEmail) -> Result<(), AppError> {
    pool.run(move |c| {
        c.in_unseen_transaction(|c| Ok(db::users::set_notify_email(c, user_id, value)?))
    })
    .await
}

/// Turns off the notification emails of the member an email's token names.
pub async fn email_off(pool: &Pool, secret: &str, token: &str) -> Result<(), AppError> {
    let id = member_of_token(secret, token).ok_or(AppError::NotFound)?;
    set_email(pool, id, NotifyEmail::Off).await
}

/// What the batched email needs beside the database.
#[derive(Debug, Clone)]
pub struct MailContext {
    pub batch_seconds: u32,
    /// Signs the one-click "no more of these emails" link.
    pub secret: String,
    pub base_url: String,
}

/// Emails each member whose oldest notification not yet emailed is at least a batch window
/// old: one message listing the unread ones still in view, with a link to each post and to
/// `/notifications`. Every notification is taken by one email at most, atomically, so two
/// instances never send the same; those with nothing to say (read meanwhile, withdrawn,
/// emails off) are taken silently. Returns how many emails were queued.
pub async fn flush(pool: &Pool, ctx: &MailContext, now: NaiveDateTime) -> anyhow::Result<usize> {
    let ripe_before = now - TimeDelta::seconds(i64::from(ctx.batch_seconds));
    let ctx = ctx.clone();
    pool.run(move |c| -> anyhow::Result<usize> {
        let mut by_member: BTreeMap<i64, Vec<Unmailed>> = BTreeMap::new();
        for row in db::notifications::list_unmailed(c, SCAN_LIMIT)? {
            by_member.entry(row.user_id).or_default().push(row);
        }
        by_member.retain(|_, rows| rows[0].created_at <= ripe_before);
        let mut queued = 0;
        for rows in by_member.values() {
            // Each member in a transaction of its own: one that another instance took first
            // is left to it, and the rest go on.
            let sent = c.in_unseen_transaction(|c| -> anyhow::Result<bool> {
                let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
                if !db::notifications::claim(c, &ids, now)? {
                    // Undo the part this pass took; the other instance has the rest.
                    return Err(TakenElsewhere.into());
                }
                queue_email(c, &ctx, rows)
            });
            match sent {
                Ok(true) => queued += 1,
                Ok(false) => {}
                Err(e) if e.is::<TakenElsewhere>() => {}
                Err(e) => return Err(e),
            }
        }
        Ok(queued)
    })
    .await
}

/// Another instance took some of a member's notifications first.
#[derive(Debug, thiserror::Error)]
#[error("taken by another instance")]
struct TakenElsewhere;

fn queue_email(c: &mut DbConn, ctx: &MailContext, rows: &[Unmailed]) -> anyhow::Result<bool> {
    let first = &rows[0];
    let Some(to) = first.email.as_deref() else {
        return Ok(false);
    };
    if first.notify_email == NotifyEmail::Off {
        return Ok(false);
    }
    let live: Vec<&Unmailed> = rows
        .iter()
        .filter(|r| r.shown && r.read_at.is_none())
        .collect();
    if live.is_empty() {
        return Ok(false);
    }
    let items: Vec<Item> = live
        .iter()
        .take(EMAIL_ITEMS)
        .map(|r| Item {
            id: r.id,
            kind: r.kind,
            actor: r.actor.clone().filter(|_| r.actor_deleted.is_none()),
            thread_title: r.thread_title.clone(),
            action: r.action,
            created_at: r.created_at,
            unread: true,
            link: link(r.post_id, None),
        })
        .collect();
    let off_link = format!(
        "/notifications/email-off/{}",
        email_off_token(&ctx.secret, first.user_id)
    );
    let base = ctx.base_url.trim_end_matches('/');
    let last = rows.last().map_or(first.id, |r| r.id);
    mail::enqueue(
        c,
        Email {
            key: format!("notifications:{}:{last}", first.user_id),
            to,
            locale: first.locale,
            message: Message::Notifications {
                count: live.len(),
                more: live.len().saturating_sub(items.len()),
                items,
                link: "/notifications".into(),
                off_link: off_link.clone(),
                footer: "notifications-why",
                headers: vec![
                    ("List-Unsubscribe", format!("<{base}{off_link}>")),
                    ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".into()),
                ],
            },
        },
    )?;
    Ok(true)
}
