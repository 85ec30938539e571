//! `GET /search?q=&board=`: full-text search of published posts.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::forms::Choice;
use super::render;
use super::AppState;
use crate::domain::Locale;
use crate::error::AppError;
use crate::services::boards::{self, BoardSummary};
use crate::services::reading::SearchResults;

/// The search form's fields.
#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    board: String,
    /// `date` for newest first; anything else ranks by relevance.
    #[serde(default)]
    sort: String,
    #[serde(default = "super::forms::first_page")]
    page: i64,
}

#[derive(Serialize)]
struct SearchPage {
    q: String,
    board: String,
    boards: Vec<Choice>,
    by_date: bool,
    searched: bool,
    found: Option<std::sync::Arc<SearchResults>>,
    pager: Option<render::Pager>,
}

/// The search's address without its page, for the pager.
fn base_href(q: &str, board: &str, by_date: bool) -> String {
    let sort = if by_date { "date" } else { "relevance" };
    let query = serde_urlencoded::to_string([("q", q), ("board", board), ("sort", sort)])
        .unwrap_or_default();
    format!("/search?{query}")
}

/// `GET /search`
pub async fn search(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, AppError> {
    let SearchQuery {
        q,
        board,
        sort,
        page,
    } = query.into_inner();
    let q: String = q.chars().take(200).collect();
    let by_date = sort == "date";
    let all: Vec<BoardSummary> = boards::list_index(&state.pool, locale).await?;
    let board = if all.iter().any(|b| b.slug == board) {
        board
    } else {
        String::new()
    };
    let searched = !q.trim().is_empty();
    let found = if searched {
        let version = state.cache.content_version(&state.pool).await?;
        state
            .searches
            .search(
                &state.pool,
                version,
                q.clone(),
                board.clone(),
                by_date,
                page,
                locale,
            )
            .await?
    } else {
        None
    };
    let data = SearchPage {
        boards: Choice::boards(all, &board),
        pager: found
            .as_ref()
            .map(|f| render::Pager::with_query(&base_href(&q, &board, by_date), &f.pages)),
        q,
        board,
        by_date,
        searched,
        found,
    };
    let title = render::text(&req, "search-title");
    render::page(&req, StatusCode::OK, "pages/search", &title, &data)
}
