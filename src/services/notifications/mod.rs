//! Telling members what concerns them: notifications written in the transaction of their
//! cause, the list and its unread count, marking read; the batched email is in `email`.

use std::collections::HashSet;

use chrono::{NaiveDateTime, Utc};
use serde::Serialize;

use super::auth::Member;
use super::reading::Pages;
use crate::db::{self, notifications::NewNotification, posts::Post, threads::Thread, DbConn};
use crate::db::{DbError, Pool};
use crate::domain::notification::{recipients, Cause};
use crate::domain::{markdown, ModAction, NotificationKind, PostStatus};
use crate::error::AppError;

mod email;

pub use email::{email_off, email_off_token, email_status, flush, set_email, MailContext};

/// Notifications per page of `/notifications`.
pub const PER_PAGE: i64 = 30;

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

impl From<db::notifications::Listed> for Item {
    fn from(r: db::notifications::Listed) -> Self {
        Item {
            id: r.id,
            kind: r.kind,
            actor: r.actor.filter(|_| r.actor_deleted.is_none()),
            thread_title: r.thread_title,
            action: r.action,
            created_at: r.created_at,
            unread: r.read_at.is_none(),
            link: match (r.post_id, r.modlog_id) {
                (Some(p), _) => format!("/p/{p}"),
                (None, Some(m)) => format!("/modlog#e{m}"),
                (None, None) => "/notifications".into(),
            },
        }
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
        let items = rows.into_iter().map(Item::from).collect();
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
