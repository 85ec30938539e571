//! The public moderation log.
use super::*;

/// What the public log shows of one decision.
#[derive(Debug, serde::Serialize)]
pub struct LogView {
    pub id: i64,
    pub action: ModAction,
    pub target_kind: String,
    /// A link to the target while it is visible; removed content is not republished.
    pub target_href: Option<String>,
    pub board_slug: Option<String>,
    /// The board's name in the reader's language.
    pub board_name: Option<String>,
    pub rule: Option<i32>,
    /// What a person wrote; empty for automatic decisions, which name their trigger instead.
    pub reason: String,
    /// Taken by the system, not a person: `trigger` says what set it off.
    pub automatic: bool,
    /// For automatic decisions: `child_safety` (a report from a member with standing) or
    /// `flags` (enough such reports).
    pub trigger: Option<String>,
    pub moderator: Option<String>,
    pub created_at: NaiveDateTime,
}

/// A page of the public log, newest first (one more entry than asked, to know if more follow).
pub async fn public_log(
    pool: &Pool,
    settings: &Settings,
    locale: Locale,
    board: Option<String>,
    action: Option<ModAction>,
    page: i64,
    per: i64,
) -> Result<Vec<LogView>, AppError> {
    let settings = settings.clone();
    pool.run(move |c| {
        let eff = site::effective(c, &settings)?;
        let board_id = match board.as_deref() {
            Some(slug) => Some(
                db::boards::find_by_slug(c, slug)?
                    .ok_or(AppError::NotFound)?
                    .id,
            ),
            None => None,
        };
        let offset = page
            .checked_sub(1)
            .filter(|p| *p >= 0)
            .and_then(|p| p.checked_mul(per))
            .ok_or(AppError::NotFound)?;
        let rows = db::moderation::list_log(c, board_id, action, per + 1, offset)?;
        if rows.is_empty() && page > 1 {
            return Err(AppError::NotFound);
        }
        let post_ids: Vec<i64> = rows
            .iter()
            .filter(|r| r.entry.target_kind == "post")
            .filter_map(|r| r.entry.target_id)
            .collect();
        let visible = db::posts::published_among(c, &post_ids)?;
        let mut views = Vec::with_capacity(rows.len());
        for r in rows {
            let e = r.entry;
            let automatic = e.moderator_id.is_none();
            let board_name = match locale {
                Locale::Es => r.board_name_es,
                Locale::En => r.board_name_en,
            };
            let target_href = match (e.target_kind.as_str(), e.target_id) {
                ("post", Some(id)) => visible.contains(&id).then(|| format!("/p/{id}")),
                ("thread", Some(id)) => Some(format!("/t/{id}")),
                _ => None,
            };
            views.push(LogView {
                id: e.id,
                action: e.action,
                target_kind: e.target_kind,
                target_href,
                board_slug: r.board_slug,
                board_name,
                rule: e.rule_number,
                trigger: automatic.then(|| e.reason.clone()),
                reason: if automatic || written_by_the_system(e.action) {
                    String::new()
                } else {
                    e.reason
                },
                automatic,
                moderator: if eff.log_names_moderators {
                    r.moderator
                } else {
                    None
                },
                created_at: e.created_at,
            });
        }
        Ok(views)
    })
    .await
}

/// Entries whose reason the code wrote rather than a person: a board's slug, an appointment's
/// number. Newer entries leave it empty; older ones keep it, and the log does not show it.
fn written_by_the_system(action: ModAction) -> bool {
    matches!(
        action,
        ModAction::Board | ModAction::Appoint | ModAction::Revoke
    )
}
