//! Threads and replies: opening, replying, editing with history, deleting to a tombstone.
//! Every write keeps counters and the search index in step, in one transaction.

use chrono::{NaiveDateTime, TimeDelta, Utc};

use super::auth::{Member, Powers};
use super::limits::Limit;
use super::notifications::{self, Published};
use super::publishing::index_post;
use super::site::{self, Effective};
use crate::config::Settings;
use crate::db::{self, boards::Board, posts::NewPost, threads::NewThread, DbConn, Pool};
use crate::domain::{ContributionKind, PostBody, PostStatus, ThreadTitle};
use crate::error::{AppError, FieldErrors};

/// Posts per thread page.
pub const POSTS_PER_PAGE: i64 = 50;

fn require_verified(member: &Member) -> Result<(), AppError> {
    member.require_active()?;
    if member.verified {
        Ok(())
    } else {
        Err(AppError::Unverified)
    }
}

/// Published posts below which a member counts as new (links limited).
const NEW_MEMBER_POSTS: i64 = 5;

/// Checks the spam limits and decides whether a new post is published or held for review.
fn gate(
    c: &mut DbConn,
    eff: &Effective,
    member: &Member,
    board: &Board,
    text: &str,
    html: &str,
    now: NaiveDateTime,
) -> Result<PostStatus, AppError> {
    let subject = member.id.to_string();
    let limits = [
        Limit {
            kind: "post_minute",
            max: eff.posts_per_member_per_minute,
            window: TimeDelta::minutes(1),
        },
        Limit {
            kind: "post_hour",
            max: eff.posts_per_member_per_hour,
            window: TimeDelta::hours(1),
        },
    ];
    for limit in &limits {
        if let Err(e) = limit.check(c, &subject, now)? {
            return Err(AppError::RateLimited {
                retry_after_secs: e.retry_after_secs,
            });
        }
    }
    let published = db::users::find_by_id(c, member.id)?.map_or(0, |u| u.post_count);
    let links = html.matches("<a ").count() as u32;
    if published < NEW_MEMBER_POSTS.max(eff.new_member_review_posts.into())
        && links > eff.new_member_links_per_post
    {
        return Err(AppError::field("body", "too-many-links"));
    }
    for limit in &limits {
        limit.record(c, &subject, now)?;
    }
    let lower = text.to_lowercase();
    let held = eff.held_words.iter().any(|w| lower.contains(w.as_str()));
    if member.powers.moderates(board.id) {
        Ok(PostStatus::Published)
    } else if board.review_all || held || published < i64::from(eff.new_member_review_posts) {
        Ok(PostStatus::Pending)
    } else {
        Ok(PostStatus::Published)
    }
}

/// Opens a thread in the board `slug`; returns the thread id.
#[tracing::instrument(skip_all, fields(user = member.id))]
pub async fn open_thread(
    pool: &Pool,
    settings: &Settings,
    member: &Member,
    slug: String,
    title: String,
    body: String,
) -> Result<Posted, AppError> {
    require_verified(member)?;
    let mut errors = FieldErrors::new();
    let title = ThreadTitle::parse(&title)
        .map_err(|e| errors.insert("title".into(), e.to_string()))
        .ok();
    let body = PostBody::parse(&body)
        .map_err(|e| errors.insert("body".into(), e.to_string()))
        .ok();
    let (Some(title), Some(body)) = (title, body) else {
        return Err(AppError::Validation(errors));
    };
    let html = super::rendering::render(pool, member.id, body.as_str().to_string()).await?;
    let (member, settings) = (member.clone(), settings.clone());
    pool.run(move |c| {
        c.in_transaction(|c| {
            let board = db::boards::find_by_slug(c, &slug)?.ok_or(AppError::NotFound)?;
            start_thread(c, &settings, &member, &board, &title, &body, &html)
        })
    })
    .await
}

/// Writes a new thread in `board` with its opening post, inside the caller's transaction:
/// counted, indexed and announced when published, held when the gate says so.
pub(crate) fn start_thread(
    c: &mut DbConn,
    settings: &Settings,
    member: &Member,
    board: &Board,
    title: &ThreadTitle,
    body: &PostBody,
    html: &str,
) -> Result<Posted, AppError> {
    if board.archived {
        return Err(AppError::Forbidden);
    }
    let author = member.id;
    let now = Utc::now().naive_utc();
    let eff = site::effective(c, settings)?;
    let text = format!("{} {}", title.as_str(), body.as_str());
    let status = gate(c, &eff, member, board, &text, html, now)?;
    let thread_id = db::threads::insert(
        c,
        &NewThread {
            board_id: board.id,
            author_id: author,
            title: title.as_str(),
            status,
            last_post_at: now,
            created_at: now,
        },
    )?;
    let post_id = db::posts::insert(
        c,
        &NewPost {
            thread_id,
            author_id: author,
            parent_id: None,
            body_source: body.as_str(),
            body_html: html,
            status,
            created_at: now,
            kind: None,
        },
    )?;
    db::threads::record_post(c, thread_id, post_id, author, now, false)?;
    // The author has read their own thread.
    db::thread_reads::record_read(c, author, thread_id, post_id, now)?;
    if status == PostStatus::Published {
        db::boards::record_post(c, board.id, true, now)?;
        db::users::add_post_count(c, author, 1)?;
        index_post(c, post_id, title.as_str(), html)?;
        let published = Published {
            id: post_id,
            author,
            parent_id: None,
            source: body.as_str(),
            thread_id,
            thread_author: author,
            opening: true,
        };
        notifications::on_published(c, published, now)?;
    }
    Ok(Posted {
        id: thread_id,
        held: status == PostStatus::Pending,
    })
}

/// What writing a thread or a reply made.
#[derive(Debug, Clone, Copy)]
pub struct Posted {
    /// The new thread (for a thread) or post (for a reply).
    pub id: i64,
    /// Held for review: only its author and the moderators see it until approved.
    pub held: bool,
}

/// Replies in a thread, optionally to one of its posts; the new post is `Posted::id`.
#[tracing::instrument(skip_all, fields(user = member.id))]
pub async fn reply(
    pool: &Pool,
    settings: &Settings,
    member: &Member,
    thread_id: i64,
    parent_id: Option<i64>,
    body: String,
    kind: Option<ContributionKind>,
) -> Result<Posted, AppError> {
    let draft = Draft::new(pool, member, thread_id, parent_id, body, kind).await?;
    let (member, settings) = (member.clone(), settings.clone());
    pool.run(move |c| c.in_transaction(|c| draft.post(c, &settings, &member)))
        .await
}

/// A reply checked and rendered, to be posted inside the caller's transaction (reply by
/// email records the message it came in with in the same one).
#[derive(Debug, Clone)]
pub struct Draft {
    thread_id: i64,
    parent_id: Option<i64>,
    body: PostBody,
    html: String,
    kind: Option<ContributionKind>,
    /// Held for review whatever the rules say (a reply whose sender may be forged).
    pub hold: bool,
}

impl Draft {
    /// Checks the member may write at all and the body, and renders it.
    pub async fn new(
        pool: &Pool,
        member: &Member,
        thread_id: i64,
        parent_id: Option<i64>,
        body: String,
        kind: Option<ContributionKind>,
    ) -> Result<Self, AppError> {
        require_verified(member)?;
        let body = PostBody::parse(&body).map_err(|e| AppError::field("body", &e.to_string()))?;
        let html = super::rendering::render(pool, member.id, body.as_str().to_string()).await?;
        Ok(Self {
            thread_id,
            parent_id,
            body,
            html,
            kind,
            hold: false,
        })
    }

    /// The text as the member wrote it.
    pub fn text(&self) -> String {
        self.body.as_str().to_string()
    }

    /// Posts the reply with the web form's rules (thread open, consultation stage, limits,
    /// review of new members), in the caller's transaction.
    pub fn post(
        &self,
        c: &mut DbConn,
        settings: &Settings,
        member: &Member,
    ) -> Result<Posted, AppError> {
        let (thread_id, parent_id, author) = (self.thread_id, self.parent_id, member.id);
        let (thread, board) =
            db::threads::find_with_board_to_change(c, thread_id)?.ok_or(AppError::NotFound)?;
        if thread.status != PostStatus::Published {
            return Err(AppError::NotFound);
        }
        if thread.locked || board.archived {
            return Err(AppError::field("body", "thread-locked"));
        }
        // A consultation takes contributions of a kind, and only while it is open.
        let consultation = match thread.opens_at {
            Some(_) => db::consultations::find(c, thread_id)?,
            None => None,
        };
        let kind = match consultation {
            Some(k) => Some(super::consultations::contribution_kind(
                &k,
                self.kind,
                settings.site.timezone,
            )?),
            None => None,
        };
        if let Some(parent) = parent_id {
            let ok = db::posts::find(c, parent)?.is_some_and(|p| p.thread_id == thread_id);
            if !ok {
                return Err(AppError::field("body", "reply-parent-unknown"));
            }
        }
        let now = Utc::now().naive_utc();
        let eff = site::effective(c, settings)?;
        let body = self.body.as_str();
        let mut status = gate(c, &eff, member, &board, body, &self.html, now)?;
        if self.hold {
            status = PostStatus::Pending;
        }
        let post_id = db::posts::insert(
            c,
            &NewPost {
                thread_id,
                author_id: author,
                parent_id,
                body_source: body,
                body_html: &self.html,
                status,
                created_at: now,
                kind,
            },
        )?;
        if status == PostStatus::Published {
            db::threads::record_post(c, thread_id, post_id, author, now, true)?;
            db::boards::record_post(c, board.id, false, now)?;
            db::users::add_post_count(c, author, 1)?;
            index_post(c, post_id, &thread.title, &self.html)?;
            let published = Published {
                id: post_id,
                author,
                parent_id,
                source: body,
                thread_id,
                thread_author: thread.author_id,
                opening: false,
            };
            notifications::on_published(c, published, now)?;
        }
        Ok(Posted {
            id: post_id,
            held: status == PostStatus::Pending,
        })
    }
}

/// A post someone may edit, with its thread's title.
#[derive(Debug, Clone)]
pub struct Editable {
    pub post: db::posts::Post,
    pub thread_title: String,
    /// A moderator editing another member's post must give a reason.
    pub needs_reason: bool,
}

/// Whether `me` may edit or delete `post`, and as whom: its author (`false`) while it is not
/// hidden, or a moderator of its board (`true`) when it is someone else's. Nobody changes their
/// own hidden post. Checked inside the writing transaction, so a decision taken meanwhile
/// counts.
fn may_change(
    post: &db::posts::Post,
    board: &Board,
    me: i64,
    powers: &Powers,
) -> Result<bool, AppError> {
    if post.status == PostStatus::Deleted {
        return Err(AppError::Gone);
    }
    if post.author_id == me {
        return match post.status {
            PostStatus::Hidden => Err(AppError::Forbidden),
            _ => Ok(false),
        };
    }
    if powers.moderates(board.id) {
        Ok(true)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The post `id` if `member` may edit it (author, or moderator); Forbidden otherwise.
pub async fn editable(pool: &Pool, member: &Member, id: i64) -> Result<Editable, AppError> {
    member.require_active()?;
    let (powers, me) = (member.powers.clone(), member.id);
    pool.run(move |c| {
        let post = db::posts::find(c, id)?.ok_or(AppError::NotFound)?;
        let (thread, board) =
            db::threads::find_with_board(c, post.thread_id)?.ok_or(AppError::NotFound)?;
        let needs_reason = may_change(&post, &board, me, &powers)?;
        Ok(Editable {
            post,
            thread_title: thread.title,
            needs_reason,
        })
    })
    .await
}

/// Replaces a post's body, keeping the previous one as a revision. An author's edit passes the
/// same gates as a new post (posting limits, links, held words, review): a published post
/// that no longer passes goes back to the review queue.
#[tracing::instrument(skip_all, fields(user = member.id, post = id))]
pub async fn edit(
    pool: &Pool,
    settings: &Settings,
    member: &Member,
    id: i64,
    body: String,
    reason: String,
) -> Result<i64, AppError> {
    require_verified(member)?;
    let reason = reason.trim().to_string();
    if reason.chars().count() > 500 {
        return Err(AppError::field("reason", "reason-too-long"));
    }
    let body = PostBody::parse(&body).map_err(|e| AppError::field("body", &e.to_string()))?;
    let html = super::rendering::render(pool, member.id, body.as_str().to_string()).await?;
    let (member, settings) = (member.clone(), settings.clone());
    pool.run(move |c| {
        c.in_transaction(|c| {
            let post = db::posts::find_to_change(c, id)?.ok_or(AppError::NotFound)?;
            let (thread, board) =
                db::threads::find_with_board(c, post.thread_id)?.ok_or(AppError::NotFound)?;
            let as_moderator = may_change(&post, &board, member.id, &member.powers)?;
            if as_moderator && reason.is_empty() {
                return Err(AppError::field("reason", "edit-reason-required"));
            }
            let now = Utc::now().naive_utc();
            let back_to_review = if as_moderator {
                false
            } else {
                let eff = site::effective(c, &settings)?;
                let text = if super::publishing::is_opening(c, &post)? {
                    format!("{} {}", thread.title, body.as_str())
                } else {
                    body.as_str().to_string()
                };
                let gated = gate(c, &eff, &member, &board, &text, &html, now)?;
                post.status == PostStatus::Published && gated == PostStatus::Pending
            };
            let why = (!reason.is_empty()).then_some(reason.as_str());
            db::posts::insert_revision(c, id, member.id, &post.body_source, why, now)?;
            if !db::posts::update_body(c, id, post.status, body.as_str(), &html, now)? {
                return Err(AppError::Conflict);
            }
            if back_to_review {
                super::publishing::unpublish(c, &post, &thread, &board, PostStatus::Pending, None)?;
            } else if post.status == PostStatus::Published {
                db::search::unindex(c, id)?;
                index_post(c, id, &thread.title, &html)?;
                notifications::on_edited(c, &post, body.as_str(), now)?;
            }
            Ok(post.thread_id)
        })
    })
    .await
}

/// Deletes a post, leaving a tombstone; counters and the index follow.
#[tracing::instrument(skip_all, fields(user = member.id, post = id))]
pub async fn delete(pool: &Pool, member: &Member, id: i64) -> Result<i64, AppError> {
    member.require_active()?;
    let (me, powers) = (member.id, member.powers.clone());
    pool.run(move |c| {
        c.in_transaction(|c| {
            let post = db::posts::find_to_change(c, id)?.ok_or(AppError::NotFound)?;
            let (thread, board) =
                db::threads::find_with_board(c, post.thread_id)?.ok_or(AppError::NotFound)?;
            let by = match may_change(&post, &board, me, &powers) {
                Ok(true) => "moderator",
                Ok(false) => "author",
                Err(AppError::Gone) => return Ok(post.thread_id),
                Err(e) => return Err(e),
            };
            if !db::posts::mark_deleted(c, id, post.status, by)? {
                return Err(AppError::Conflict);
            }
            if by == "author" {
                db::posts::delete_revisions(c, id)?;
            }
            if post.status == PostStatus::Published {
                let opening = super::publishing::is_opening(c, &post)?;
                if !opening {
                    db::threads::remove_reply(c, thread.id)?;
                }
                db::boards::remove_post(c, board.id)?;
                db::users::add_post_count(c, post.author_id, -1)?;
                db::search::unindex(c, id)?;
            }
            Ok(post.thread_id)
        })
    })
    .await
}
