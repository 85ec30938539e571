//! The board index and one board's page.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use super::{render, AppState};
use crate::domain::Locale;
use crate::error::AppError;
use crate::services::boards::{self, BoardPage, BoardSummary};

#[derive(Serialize)]
struct IndexPage {
    boards: Vec<BoardSummary>,
}

/// `GET /`: every active board with its counts.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
) -> Result<HttpResponse, AppError> {
    let boards = boards::list_index(&state.pool, locale).await?;
    let title = render::text(&req, "home-title");
    render::page(
        &req,
        StatusCode::OK,
        "pages/boards/index",
        &title,
        &IndexPage { boards },
    )
}

/// `GET /b/{slug}`: one board.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let page: BoardPage = boards::board_page(&state.pool, slug.into_inner(), locale).await?;
    let title = page.board.name.clone();
    render::page(&req, StatusCode::OK, "pages/boards/show", &title, &page)
}
