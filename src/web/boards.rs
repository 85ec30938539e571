//! The board index and one board's page of threads.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::render::{self, Meta, Pager};
use super::session::Viewer;
use super::AppState;
use crate::domain::Locale;
use crate::error::AppError;
use crate::services::boards::{self, BoardSummary};
use crate::services::reading;

/// `GET /`: every active board with its counts, then the latest activity across them.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
) -> Result<HttpResponse, AppError> {
    // Read before the content: content kept under it may only be newer than it says.
    let version = state.cache.content_version(&state.pool).await?;
    let tz = state.settings.site.timezone;
    let day = crate::services::consultations::today(tz);
    let home_html = state
        .fragments
        .home(&state.renderer, version, locale, day, || {
            boards::home(&state.pool, locale, tz)
        })
        .await?;
    let title = render::text(&req, "home-title");
    let meta = Meta {
        description: Some(render::text(&req, "home-intro")),
        ..Meta::default()
    };
    render::page_with_pieces(
        &req,
        StatusCode::OK,
        "pages/boards/index",
        &title,
        meta,
        &HomePage {
            pieces: render::PiecesSpot,
        },
        &[home_html],
    )
}

/// The home page: its content, rendered and kept (see `fragments`), goes in after rendering.
#[derive(Serialize)]
struct HomePage {
    pieces: render::PiecesSpot,
}

/// `?page=N` on paginated pages.
#[derive(Deserialize)]
pub struct PageQuery {
    #[serde(default = "super::forms::first_page")]
    pub page: i64,
}

#[derive(Serialize)]
struct BoardPage {
    board: BoardSummary,
    archived: bool,
    /// Whether there are threads: their rows, rendered (see `fragments`), go in after.
    threads: bool,
    pieces: render::PiecesSpot,
    pager: Pager,
    can_post: bool,
}

/// `GET /b/{slug}`: a page of the board's threads, pinned first.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    viewer: Viewer,
    slug: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    // Read before the rows: a row kept under it may only be newer than the version says.
    let version = state.cache.content_version(&state.pool).await?;
    let day = crate::services::consultations::today(state.settings.site.timezone);
    let listing = state
        .fragments
        .board_listing(version, slug.into_inner(), query.page, day, |slug| {
            reading::board_listing(&state.pool, slug, query.page)
        })
        .await?;
    let threads = match &viewer.member {
        Some(m) => reading::with_news_for(&state.pool, m.id, listing.threads.clone()).await?,
        None => listing.threads.clone(),
    };
    let pages = listing.pages.clone();
    let found = boards::BoardPage::new(listing.board.clone(), locale);
    let title = found.board.name.clone();
    let meta = Meta {
        canonical: Some(match pages.page {
            1 => format!("/b/{}", found.board.slug),
            n => format!("/b/{}?page={n}", found.board.slug),
        }),
        description: Some(found.board.description.clone()),
        feed: Some(format!("/b/{}/feed.atom", found.board.slug)),
    };
    let page = BoardPage {
        can_post: !found.archived && viewer.member.is_some(),
        archived: found.archived,
        pager: Pager::new(&format!("/b/{}", found.board.slug), &pages),
        board: found.board,
        threads: !threads.is_empty(),
        pieces: render::PiecesSpot,
    };
    let rows = state
        .fragments
        .board_rows(&state.renderer, version, locale, &threads)?;
    render::page_with_pieces(
        &req,
        StatusCode::OK,
        "pages/boards/show",
        &title,
        meta,
        &page,
        &rows,
    )
}
