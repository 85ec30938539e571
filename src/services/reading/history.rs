//! A post's earlier versions.
use super::*;

/// A post's versions, oldest first, each rendered.
#[derive(Debug, Serialize)]
pub struct HistoryEntry {
    /// The stored revision (none for the current version).
    pub revision_id: Option<i64>,
    pub number: usize,
    pub html: String,
    pub editor: Option<String>,
    pub reason: Option<String>,
    pub replaced_at: Option<NaiveDateTime>,
}

/// The post's earlier versions and the current one.
#[derive(Debug, Serialize)]
pub struct History {
    /// The viewer moderates the post's board, and may purge an earlier version.
    pub moderated: bool,
    pub post_id: i64,
    pub thread_id: i64,
    pub thread_title: String,
    pub versions: Vec<HistoryEntry>,
}

/// The history of post `id`.
pub async fn history(pool: &Pool, id: i64, viewer: Option<&Member>) -> Result<History, AppError> {
    let powers = viewer.map(|m| m.powers.clone()).unwrap_or_default();
    let reader = viewer.map(|m| m.id);
    let (post, thread, revisions, moderated) = pool
        .run(move |c| {
            let post = db::posts::find(c, id)?.ok_or(AppError::NotFound)?;
            let (thread, board) =
                db::threads::find_with_board(c, post.thread_id)?.ok_or(AppError::NotFound)?;
            // A held post's history is its author's and the moderators', like the post.
            let shown = match post.status {
                PostStatus::Published => true,
                PostStatus::Pending => reader == Some(post.author_id) || powers.moderates(board.id),
                _ => false,
            };
            if !shown {
                return Err(AppError::NotFound);
            }
            let revisions = db::posts::list_revisions(c, id)?;
            Ok((post, thread, revisions, powers.moderates(board.id)))
        })
        .await?;
    let current = revisions.len() + 1;
    let mut versions: Vec<HistoryEntry> = tokio::task::spawn_blocking(move || {
        revisions
            .into_iter()
            .enumerate()
            .map(|(i, r)| HistoryEntry {
                revision_id: Some(r.id),
                number: i + 1,
                html: markdown::render(&r.body_source),
                editor: Some(r.editor),
                reason: r.reason,
                replaced_at: Some(r.created_at),
            })
            .collect()
    })
    .await
    .map_err(|e| AppError::Unexpected(e.into()))?;
    versions.push(HistoryEntry {
        revision_id: None,
        number: current,
        html: post.body_html,
        editor: None,
        reason: None,
        replaced_at: None,
    });
    Ok(History {
        post_id: id,
        thread_id: thread.id,
        thread_title: thread.title,
        versions,
        moderated,
    })
}
