//! Members report posts; reports from members with standing can hide a post until a moderator
//! decides.
use super::*;

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
                to: email,
                locale: m.locale,
                message: Message::ReportUrgent {
                    username: m.username.clone(),
                    link: format!("/mod#q{}", post.id),
                },
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
    let reason: ReportReason = reason
        .parse()
        .map_err(|_| AppError::field("reason", "flag-reason-unknown"))?;
    if note.chars().count() > 1000 {
        return Err(AppError::field("note", "reason-too-long"));
    }
    let (me, powers, settings) = (member.id, member.powers.clone(), settings.clone());
    pool.run(move |c| {
        c.in_transaction(|c| {
            let post = db::posts::find_to_change(c, post_id)?.ok_or(AppError::NotFound)?;
            if post.status != PostStatus::Published && post.status != PostStatus::Hidden {
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
                reason,
                note: note.trim(),
                trusted,
                at,
            };
            if !db::moderation::insert_flag(c, &flag)? {
                return Err(AppError::Conflict);
            }
            let urgent = reason == ReportReason::ChildSafety;
            if urgent {
                alert_moderators(c, &post, board.id, me)?;
            }
            let eff = site::effective(c, &settings)?;
            let enough = db::moderation::count_open_trusted_flags(c, post_id)?
                >= i64::from(eff.auto_hide_flags);
            let hidden = post.status == PostStatus::Published && ((urgent && trusted) || enough);
            if hidden {
                let why = if urgent && trusted {
                    "child_safety"
                } else {
                    "flags"
                };
                let since = db::moderation::earliest_open_flag(c, post.id)?;
                let id = log(
                    c,
                    NewLogEntry {
                        target_id: Some(post.id),
                        board_id: Some(board.id),
                        reason: why,
                        ..NewLogEntry::new(None, ModAction::AutoHide, "post")
                    }
                    .answering(Origin::Automatic, since),
                )?;
                unpublish(c, &post, &thread, &board, PostStatus::Hidden, Some(id))?;
            }
            Ok(hidden)
        })
    })
    .await
}
