//! Publishing and unpublishing a post: the counters, the thread's last post and the search
//! index follow, inside the caller's transaction.

use chrono::NaiveDateTime;

use super::notifications;
use crate::db::{self, boards::Board, posts::Post, threads::Thread, DbConn, DbError};
use crate::domain::{markdown, search, PostStatus};
use crate::error::AppError;

/// Adds a published post to the search index.
pub fn index_post(c: &mut DbConn, post_id: i64, title: &str, html: &str) -> Result<(), DbError> {
    let text = markdown::plain_text(html);
    let stems = search::stems(&format!("{title} {text}"));
    db::search::index(c, post_id, title, &text, &stems)
}

/// Whether `post` opened its thread.
pub fn is_opening(c: &mut DbConn, post: &Post) -> Result<bool, DbError> {
    Ok(db::posts::first_id(c, post.thread_id)? == Some(post.id))
}

/// Makes a pending or hidden post public: counted, indexed, and its thread visible. Conflict
/// when the post's status changed since it was read.
pub fn publish(
    c: &mut DbConn,
    post: &Post,
    thread: &Thread,
    board: &Board,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    if !db::posts::transition(c, post.id, post.status, PostStatus::Published, None)? {
        return Err(AppError::Conflict);
    }
    let opening = is_opening(c, post)?;
    let new_thread = opening && thread.status == PostStatus::Pending;
    if new_thread {
        db::threads::set_status(c, thread.id, PostStatus::Published)?;
    }
    let at = post.created_at.max(thread.last_post_at).min(now);
    if post.created_at >= thread.last_post_at || new_thread {
        db::threads::record_post(c, thread.id, post.id, post.author_id, at, !opening)?;
    } else if !opening {
        db::threads::add_reply(c, thread.id)?;
    }
    db::boards::record_post(c, board.id, new_thread, at)?;
    db::users::add_post_count(c, post.author_id, 1)?;
    index_post(c, post.id, &thread.title, &post.body_html)?;
    let published = notifications::Published::of(post, thread, opening);
    Ok(notifications::on_published(c, published, now)?)
}

/// Takes a post out of view as `to` (`hidden`, citing a log entry, or `pending` again after
/// an edit): uncounted, unindexed. Conflict when the post's status changed since it was read.
pub fn unpublish(
    c: &mut DbConn,
    post: &Post,
    thread: &Thread,
    board: &Board,
    to: PostStatus,
    log_id: Option<i64>,
) -> Result<(), AppError> {
    if !db::posts::transition(c, post.id, post.status, to, log_id)? {
        return Err(AppError::Conflict);
    }
    if post.status != PostStatus::Published {
        return Ok(());
    }
    if !is_opening(c, post)? {
        db::threads::remove_reply(c, thread.id)?;
    }
    db::boards::remove_post(c, board.id)?;
    db::users::add_post_count(c, post.author_id, -1)?;
    Ok(db::search::unindex(c, post.id)?)
}
