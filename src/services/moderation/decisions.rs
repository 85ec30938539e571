//! Decisions on one post or one thread: approve, reject, hide, keep hidden, restore, lock, pin,
//! move, and erasing an earlier version.
use super::*;

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

    fn logged_as(self) -> ModAction {
        match self {
            Self::Approve => ModAction::Approve,
            Self::Reject => ModAction::Reject,
            Self::Hide => ModAction::Hide,
            Self::Restore => ModAction::Restore,
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

/// Whether `post` is hidden by an automatic decision that no moderator has confirmed yet.
fn auto_hidden(c: &mut DbConn, post: &db::posts::Post) -> Result<bool, AppError> {
    if post.status != PostStatus::Hidden {
        return Ok(false);
    }
    Ok(match post.moderation_log_id {
        Some(id) => {
            db::moderation::find_log(c, id)?.is_some_and(|e| e.action == ModAction::AutoHide)
        }
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
            let post = db::posts::find_to_change(c, post_id)?.ok_or(AppError::NotFound)?;
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
                PostAction::Approve | PostAction::Reject => post.status == PostStatus::Pending,
                PostAction::Hide => {
                    post.status == PostStatus::Published
                        || post.status == PostStatus::Pending
                        || auto_hidden(c, &post)?
                }
                PostAction::Restore => post.status == PostStatus::Hidden,
            };
            if !allowed {
                return Err(AppError::Conflict);
            }
            // A held post waited since it was written; a reported one since its first open
            // report; otherwise the moderator acted on their own.
            let (origin, since) = if post.status == PostStatus::Pending {
                (Origin::Automatic, Some(post.created_at))
            } else {
                match db::moderation::earliest_open_flag(c, post.id)? {
                    Some(at) => (Origin::Flag, Some(at)),
                    None => (Origin::Moderator, None),
                }
            };
            let id = log(
                c,
                NewLogEntry {
                    target_id: Some(post.id),
                    board_id: Some(board.id),
                    rule_number: rule,
                    reason: &reason,
                    ..NewLogEntry::new(Some(me), action.logged_as(), "post")
                }
                .answering(origin, since),
            )?;
            match action {
                PostAction::Approve | PostAction::Restore => {
                    publish(c, &post, &thread, &board, now())?;
                    notifications::on_decision(c, post.author_id, Some(post.id), id, false, now())?;
                }
                PostAction::Reject | PostAction::Hide => {
                    unpublish(c, &post, &thread, &board, PostStatus::Hidden, Some(id))?;
                    let kind = if action == PostAction::Reject {
                        Message::PostRejected
                    } else {
                        Message::PostHidden
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
                    notifications::on_decision(c, post.author_id, Some(post.id), id, true, now())?;
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
            let post = db::posts::find_to_change(c, post_id)?.ok_or(AppError::NotFound)?;
            let (_, board) =
                db::threads::find_with_board(c, post.thread_id)?.ok_or(AppError::NotFound)?;
            if !powers.moderates(board.id) {
                return Err(AppError::Forbidden);
            }
            db::posts::delete_revision(c, revision_id)?;
            log(
                c,
                NewLogEntry {
                    target_id: Some(post_id),
                    board_id: Some(board.id),
                    reason: &reason,
                    ..NewLogEntry::new(Some(me), ModAction::PurgeRevision, "post")
                },
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
                db::threads::find_with_board_to_change(c, thread_id)?.ok_or(AppError::NotFound)?;
            if !powers.moderates(board.id) {
                return Err(AppError::Forbidden);
            }
            let name = match &action {
                ThreadAction::Lock => {
                    db::threads::set_locked(c, thread.id, true)?;
                    ModAction::Lock
                }
                ThreadAction::Unlock => {
                    db::threads::set_locked(c, thread.id, false)?;
                    ModAction::Unlock
                }
                ThreadAction::Pin => {
                    db::threads::set_pinned(c, thread.id, true)?;
                    ModAction::Pin
                }
                ThreadAction::Unpin => {
                    db::threads::set_pinned(c, thread.id, false)?;
                    ModAction::Unpin
                }
                ThreadAction::Move(slug) => {
                    let to = db::boards::find_by_slug(c, slug)?
                        .ok_or(AppError::field("board", "board-unknown"))?;
                    if !powers.moderates(to.id) {
                        return Err(AppError::Forbidden);
                    }
                    if to.id != board.id {
                        db::threads::set_board(c, thread.id, to.id)?;
                        if thread.status == PostStatus::Published {
                            let opening = db::posts::first_id(c, thread.id)?;
                            let opening_published = match opening {
                                Some(id) => db::posts::find(c, id)?
                                    .is_some_and(|p| p.status == PostStatus::Published),
                                None => false,
                            };
                            let posts = thread.reply_count + i64::from(opening_published);
                            db::boards::transfer_counts(c, board.id, to.id, 1, posts)?;
                        }
                    }
                    ModAction::Move
                }
            };
            log(
                c,
                NewLogEntry {
                    target_id: Some(thread.id),
                    board_id: Some(board.id),
                    reason: &reason,
                    ..NewLogEntry::new(Some(me), name, "thread")
                },
            )
        })
    })
    .await
}
