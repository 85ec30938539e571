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
use crate::services::reading::{self, SearchResult};

/// The search form's fields.
#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    board: String,
    #[serde(default = "super::forms::first_page")]
    page: i64,
}

#[derive(Serialize)]
struct SearchPage {
    q: String,
    board: String,
    boards: Vec<Choice>,
    searched: bool,
    results: Vec<SearchResult>,
    page: i64,
    prev: Option<String>,
    next: Option<String>,
}

fn page_href(q: &str, board: &str, page: i64) -> String {
    let query =
        serde_urlencoded::to_string([("q", q), ("board", board), ("page", &page.to_string())])
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
    let SearchQuery { q, board, page } = query.into_inner();
    let q: String = q.chars().take(200).collect();
    let all: Vec<BoardSummary> = boards::list_index(&state.pool, locale).await?;
    let board = if all.iter().any(|b| b.slug == board) {
        board
    } else {
        String::new()
    };
    let searched = !q.trim().is_empty();
    let (results, more) = if searched {
        reading::search(&state.pool, q.clone(), board.clone(), page).await?
    } else {
        (Vec::new(), false)
    };
    let data = SearchPage {
        boards: Choice::boards(all, &board),
        prev: (page > 1).then(|| page_href(&q, &board, page - 1)),
        next: more.then(|| page_href(&q, &board, page + 1)),
        q,
        board,
        searched,
        results,
        page,
    };
    let title = render::text(&req, "search-title");
    render::page(&req, StatusCode::OK, "pages/search", &title, &data)
}
