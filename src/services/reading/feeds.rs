//! The newest posts of a board or thread (for Atom feeds) or of a member (their profile).
use super::*;

/// A published post in a feed or on a profile.
#[derive(Debug, Serialize)]
pub struct Entry {
    pub id: i64,
    pub thread_id: i64,
    pub thread_title: String,
    pub board_slug: String,
    pub author: Option<String>,
    /// The author's stakeholder label.
    pub author_label: Option<Label>,
    pub body_html: String,
    pub excerpt: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The newest published posts in `scope`.
pub async fn recent(pool: &Pool, scope: Scope, limit: i64) -> Result<Vec<Entry>, AppError> {
    let rows = pool
        .run(move |c| Ok::<_, AppError>(db::posts::list_recent(c, scope, limit)?))
        .await?;
    Ok(entries(rows))
}

/// Posts on a profile page.
pub const PROFILE_POSTS: i64 = 20;

/// Page `page` of member `author_id`'s published posts, newest first (`published` of them).
pub async fn by_author(
    pool: &Pool,
    author_id: i64,
    published: i64,
    page: i64,
) -> Result<(Vec<Entry>, Pages), AppError> {
    let pages = Pages::new(page, published, PROFILE_POSTS)?;
    let offset = pages.offset(PROFILE_POSTS);
    let rows = pool
        .run(move |c| {
            Ok::<_, AppError>(db::posts::list_recent_from(
                c,
                Scope::Author(author_id),
                PROFILE_POSTS,
                offset,
            )?)
        })
        .await?;
    Ok((entries(rows), pages))
}

fn entries(rows: Vec<db::posts::PostEntry>) -> Vec<Entry> {
    rows.into_iter()
        .map(|r| Entry {
            excerpt: markdown::excerpt(&r.body_html, 200),
            id: r.id,
            thread_id: r.thread_id,
            thread_title: r.thread_title,
            board_slug: r.board_slug,
            author_label: Label::of(r.author_label, r.author_deleted),
            author: display_name(r.author, r.author_deleted),
            body_html: r.body_html,
            created_at: r.created_at,
            updated_at: r.edited_at.unwrap_or(r.created_at),
        })
        .collect()
}

/// The title of a published thread (for its feed), or NotFound.
pub async fn thread_title(pool: &Pool, id: i64) -> Result<String, AppError> {
    pool.run(move |c| {
        db::threads::find_with_board(c, id)?
            .filter(|(t, _)| t.status == PostStatus::Published)
            .map(|(t, _)| t.title)
            .ok_or(AppError::NotFound)
    })
    .await
}
