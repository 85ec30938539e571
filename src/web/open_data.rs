//! A thread as open data (`/t/{id}/export.csv`, `/t/{id}/export.json`, streamed) and as a
//! printable report (`/t/{id}/report`).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

use super::render::{self, Meta};
use super::session::Viewer;
use super::AppState;
use crate::domain::Locale;
use crate::error::AppError;
use crate::services::exports::{self, Format};

fn base(state: &AppState) -> String {
    state
        .settings
        .site
        .base_url
        .as_str()
        .trim_end_matches('/')
        .to_string()
}

async fn export(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    format: Format,
) -> Result<HttpResponse, AppError> {
    let base = base(state);
    let thread = exports::thread(&state.pool, id, viewer.member.as_ref(), &base).await?;
    let (content_type, extension) = match format {
        Format::Csv => ("text/csv; charset=utf-8; header=present", "csv"),
        Format::Json => ("application/json; charset=utf-8", "json"),
    };
    let disposition = render::attachment(format!("hilo-{}.{extension}", thread.id));
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(disposition)
        .streaming(exports::stream(state.pool.clone(), thread, base, format)))
}

/// `GET /t/{id}/export.csv`
pub async fn csv(
    state: web::Data<AppState>,
    viewer: Viewer,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    export(&state, &viewer, id.into_inner(), Format::Csv).await
}

/// `GET /t/{id}/export.json`
pub async fn json(
    state: web::Data<AppState>,
    viewer: Viewer,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    export(&state, &viewer, id.into_inner(), Format::Json).await
}

/// `GET /t/{id}/report`
pub async fn report(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    viewer: Viewer,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let report = exports::report(
        &state.pool,
        id,
        viewer.member.as_ref(),
        locale,
        state.settings.site.timezone,
    )
    .await?;
    let mut args = crate::i18n::Args::new();
    args.insert("title".into(), report.title.clone().into());
    let title = crate::i18n::text(locale, "report-title", Some(&args));
    let meta = Meta {
        canonical: Some(format!("/t/{id}/report")),
        ..Meta::default()
    };
    render::page_with(
        &req,
        StatusCode::OK,
        "pages/threads/report",
        &title,
        meta,
        &report,
    )
}
