//! The batched notification email, and turning it off in one click.

use std::collections::BTreeMap;

use chrono::{NaiveDateTime, TimeDelta};

use super::Item;
use crate::db::{self, notifications::Unmailed, DbConn, Pool};
use crate::domain::{token, NotificationKind, NotifyEmail};
use crate::error::AppError;
use crate::services::mail::{self, Email, Message};
use crate::services::replies_by_email::ReplyHeaders;

/// Notifications read per email pass.
const SCAN_LIMIT: i64 = 5000;
/// The most notifications one email lists (the rest are on the page it links to).
const EMAIL_ITEMS: usize = 20;

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
    /// With reply by email on: replying to the email answers its newest post.
    pub replies: Option<ReplyHeaders>,
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
        by_member.retain(|_, rows| rows[0].item.created_at <= ripe_before);
        let mut queued = 0;
        for rows in by_member.values() {
            // Each member in a transaction of its own: one that another instance took first
            // is left to it, and the rest go on.
            let sent = c.in_unseen_transaction(|c| -> anyhow::Result<bool> {
                let ids: Vec<i64> = rows.iter().map(|r| r.item.id).collect();
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
        .filter(|r| r.shown && r.item.read_at.is_none())
        .collect();
    if live.is_empty() {
        return Ok(false);
    }
    let items: Vec<Item> = live
        .iter()
        .take(EMAIL_ITEMS)
        .map(|r| Item::from(r.item.clone()))
        .collect();
    let off_link = format!(
        "/notifications/email-off/{}",
        email_off_token(&ctx.secret, first.user_id)
    );
    let base = ctx.base_url.trim_end_matches('/');
    let last = rows.last().map_or(first.item.id, |r| r.item.id);
    let mut headers = vec![
        ("List-Unsubscribe", format!("<{base}{off_link}>")),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".into()),
    ];
    let answerable = live
        .iter()
        .rev()
        .filter(|r| r.item.kind != NotificationKind::Moderation)
        .find_map(|r| Some((r.item.post_id?, r.thread_id?, r.item.thread_title.clone())));
    let mut replies_to = None;
    if let (Some(replies), Some((post_id, thread_id, title))) = (&ctx.replies, answerable) {
        headers.extend(replies.for_post(first.user_id, thread_id, post_id));
        replies_to = title;
    }
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
                headers,
                replies_to,
            },
        },
    )?;
    Ok(true)
}
