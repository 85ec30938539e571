//! Appeals: the member concerned contests a decision once; another moderator decides.
use super::*;

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
            let concerns_me = match (entry.target_kind.as_str(), entry.action) {
                ("post", ModAction::Hide | ModAction::Reject | ModAction::AutoHide) => {
                    match entry.target_id {
                        Some(id) => db::posts::find(c, id)?
                            .is_some_and(|p| p.author_id == me && p.status == PostStatus::Hidden),
                        None => false,
                    }
                }
                ("user", ModAction::Suspend) => entry.target_id == Some(me),
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
                None => powers.site_wide(),
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
                        let post = db::posts::find_to_change(c, id)?.ok_or(AppError::NotFound)?;
                        if post.status == PostStatus::Hidden {
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
                ModAction::AppealOverturned
            } else {
                ModAction::AppealUpheld
            };
            let id = log(
                c,
                NewLogEntry {
                    target_id: entry.target_id,
                    board_id: entry.board_id,
                    rule_number: entry.rule_number,
                    reason: &reason,
                    ..NewLogEntry::new(Some(me), action, entry.target_kind.as_str())
                },
            )?;
            let post = entry.target_id.filter(|_| entry.target_kind == "post");
            notifications::on_decision(c, appeal.user_id, post, id, false, now())?;
            Ok(id)
        })
    })
    .await
}
