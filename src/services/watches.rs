//! Watched threads: members follow a thread and get one email per batch of new replies by
//! others (replies within `mail.watch_batch_seconds` of the first go together).

use std::collections::BTreeMap;

use chrono::{NaiveDateTime, TimeDelta};

use super::auth::Member;
use super::mail::{self, Email, Message};
use super::replies_by_email::ReplyHeaders;
use crate::db::{self, watches::Unseen, Pool};
use crate::domain::{Locale, PostStatus};
use crate::error::AppError;

/// Unseen replies read per pass.
const SCAN_LIMIT: i64 = 5000;

/// The threads a member watches: (id, title).
pub async fn watched(pool: &Pool, member: &Member) -> Result<Vec<(i64, String)>, AppError> {
    let user_id = member.id;
    pool.run(move |c| Ok(db::watches::list_for_user(c, user_id)?))
        .await
}

/// Starts or stops watching a published thread.
#[tracing::instrument(skip(pool, member), fields(user = member.id))]
pub async fn set_watching(
    pool: &Pool,
    member: &Member,
    thread_id: i64,
    watch: bool,
) -> Result<(), AppError> {
    let user_id = member.id;
    pool.run(move |c| {
        c.in_unseen_transaction(|c| {
            let (thread, _) =
                db::threads::find_with_board(c, thread_id)?.ok_or(AppError::NotFound)?;
            if thread.status != PostStatus::Published {
                return Err(AppError::NotFound);
            }
            if watch {
                let through = db::watches::last_post_id(c, thread_id)?;
                let now = chrono::Utc::now().naive_utc();
                db::watches::insert(c, user_id, thread_id, through, now)?;
            } else {
                db::watches::delete(c, user_id, thread_id)?;
            }
            Ok(())
        })
    })
    .await
}

/// Emails every watcher whose oldest unseen reply is at least `batch_seconds` old, one
/// message per batch; returns how many were queued. Safe to run on several instances. With
/// `replies`, replying to the email answers the batch's newest reply.
pub async fn flush(
    pool: &Pool,
    batch_seconds: u32,
    replies: Option<&ReplyHeaders>,
    now: NaiveDateTime,
) -> anyhow::Result<usize> {
    let ripe_before = now - TimeDelta::seconds(i64::from(batch_seconds));
    let replies = replies.cloned();
    pool.run(move |c| -> anyhow::Result<usize> {
        let rows = db::watches::list_unseen(c, SCAN_LIMIT)?;
        let mut by_watch: BTreeMap<i64, Vec<Unseen>> = BTreeMap::new();
        for row in rows {
            by_watch.entry(row.watch_id).or_default().push(row);
        }
        by_watch.retain(|_, rows| rows[0].created_at <= ripe_before);
        if by_watch.is_empty() {
            return Ok(0);
        }
        c.in_unseen_transaction(|c| -> anyhow::Result<usize> {
            let mut queued = 0;
            for (watch_id, rows) in &by_watch {
                let first = &rows[0];
                let last = rows.last().map_or(first.post_id, |r| r.post_id);
                if !db::watches::advance(c, *watch_id, first.notified_through, last)? {
                    continue;
                }
                let locale: Locale = first.locale;
                // A member who deleted their account is `null`; the template names them.
                let mut authors: Vec<Option<String>> = Vec::new();
                for r in rows {
                    let name = r.author_deleted.is_none().then(|| r.author.clone());
                    if !authors.contains(&name) {
                        authors.push(name);
                    }
                }
                mail::enqueue(
                    c,
                    Email {
                        key: format!("watch:{watch_id}:{last}"),
                        to: &first.email,
                        locale,
                        message: Message::Watch {
                            title: first.title.clone(),
                            count: rows.len(),
                            authors,
                            link: format!("/p/{}", first.post_id),
                            thread_link: format!("/t/{}", first.thread_id),
                            footer: "watch-why",
                            headers: replies.as_ref().map_or_else(Vec::new, |r| {
                                r.for_post(first.user_id, first.thread_id, last)
                            }),
                            replies_to: replies.as_ref().map(|_| first.title.clone()),
                        },
                    },
                )?;
                queued += 1;
            }
            Ok(queued)
        })
    })
    .await
}
