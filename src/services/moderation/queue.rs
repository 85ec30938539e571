//! The review queue: pending posts, reported posts and open appeals, most urgent first.
use super::*;

/// One item of the review queue.
#[derive(Debug, serde::Serialize)]
pub struct QueueItem {
    pub post_id: i64,
    pub status: PostStatus,
    pub excerpt: String,
    pub created_at: NaiveDateTime,
    pub thread_id: i64,
    pub thread_title: String,
    /// The board's name in the reader's language.
    pub board_name: String,
    pub author: String,
    pub flags: Vec<FlagView>,
    pub urgent: bool,
    /// Hidden by an automatic decision: moderators keep it hidden (citing a rule) or restore it.
    pub auto_hidden: bool,
    /// The viewer wrote or reported it, and so may not decide on it.
    pub not_yours: bool,
}

/// A flag as moderators see it.
#[derive(Debug, serde::Serialize)]
pub struct FlagView {
    pub reason: ReportReason,
    pub note: String,
    /// None once the report no longer names its reporter.
    pub reporter: Option<String>,
    pub created_at: NaiveDateTime,
}

/// An appeal waiting for a decision.
#[derive(Debug, serde::Serialize)]
pub struct AppealView {
    pub id: i64,
    pub appellant: String,
    pub message: String,
    pub created_at: NaiveDateTime,
    pub log_id: i64,
    pub action: ModAction,
    pub target_kind: String,
    pub target_id: Option<i64>,
    pub rule: Option<i32>,
    pub reason: String,
    /// The member who decided first may not decide the appeal.
    pub mine: bool,
}

/// The queue: child-safety reports first, then the most reported, newest first; with appeals.
pub async fn queue(
    pool: &Pool,
    member: &Member,
    locale: Locale,
) -> Result<(Vec<QueueItem>, Vec<AppealView>), AppError> {
    if !member.powers.any() {
        return Err(AppError::Forbidden);
    }
    let (me, powers) = (member.id, member.powers.clone());
    pool.run(move |c| {
        let filter = (!powers.admin && !powers.every_board).then(|| powers.boards.clone());
        let rows = db::moderation::queue(c, filter.as_deref(), 200)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.post_id).collect();
        let flags = db::moderation::open_flags_for(c, &ids)?;
        let mut items: Vec<QueueItem> = rows
            .into_iter()
            .map(|r| {
                let mine: Vec<FlagView> = flags
                    .iter()
                    .filter(|f| f.post_id == r.post_id)
                    .map(|f| FlagView {
                        reason: f.reason,
                        note: f.note.clone(),
                        reporter: f.reporter.clone(),
                        created_at: f.created_at,
                    })
                    .collect();
                let reported_by_me = flags
                    .iter()
                    .any(|f| f.post_id == r.post_id && f.reporter_id == Some(me));
                QueueItem {
                    urgent: mine.iter().any(|f| f.reason == ReportReason::ChildSafety),
                    auto_hidden: r.status == PostStatus::Hidden
                        && r.log_action == Some(ModAction::AutoHide),
                    not_yours: r.author_id == me || reported_by_me,
                    post_id: r.post_id,
                    status: r.status,
                    excerpt: markdown::excerpt(&r.body_html, 400),
                    created_at: r.created_at,
                    thread_id: r.thread_id,
                    thread_title: r.thread_title,
                    board_name: match locale {
                        Locale::Es => r.board_name_es,
                        Locale::En => r.board_name_en,
                    },
                    author: r.author,
                    flags: mine,
                }
            })
            .collect();
        items.sort_by(|a, b| {
            b.urgent
                .cmp(&a.urgent)
                .then(b.flags.len().cmp(&a.flags.len()))
                .then(b.created_at.cmp(&a.created_at))
        });
        let appeals = db::moderation::open_appeals(c)?
            .into_iter()
            .filter(|a| {
                powers.admin
                    || powers.every_board
                    || a.entry.board_id.is_some_and(|b| powers.boards.contains(&b))
            })
            .map(|a| AppealView {
                mine: a.entry.moderator_id == Some(me)
                    || a.user_id == me
                    || (a.entry.target_kind == "user" && a.entry.target_id == Some(me)),
                id: a.id,
                appellant: a.appellant,
                message: a.message,
                created_at: a.created_at,
                log_id: a.entry.id,
                action: a.entry.action,
                target_kind: a.entry.target_kind,
                target_id: a.entry.target_id,
                rule: a.entry.rule_number,
                reason: a.entry.reason,
            })
            .collect();
        Ok((items, appeals))
    })
    .await
}
