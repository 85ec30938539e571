//! A member's notifications: the list, marking them read, and turning their email off from
//! the email itself.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::csrf::CsrfForm;
use super::render::{self, redirect, redirect_with_flash, Pager};
use super::session::Viewer;
use super::subscriptions::Pairs;
use super::AppState;
use crate::error::AppError;
use crate::services::notifications::{self, Listing};
use crate::services::reading;

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
}

#[derive(Serialize)]
struct NotificationsPage {
    listing: Listing,
    pager: Pager,
}

/// `GET /notifications`: newest first, the unread marked; viewing marks nothing read.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    let listing = notifications::list(&state.pool, member, query.page.unwrap_or(1)).await?;
    let page = NotificationsPage {
        pager: Pager::new("/notifications", &listing.pages),
        listing,
    };
    let title = render::text(&req, "notifications-title");
    render::page(
        &req,
        StatusCode::OK,
        "pages/notifications/index",
        &title,
        &page,
    )
}

/// `POST /notifications/read`: marks them all read.
pub async fn read_all(
    state: web::Data<AppState>,
    viewer: Viewer,
    CsrfForm(_): CsrfForm<Pairs>,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    notifications::mark_all_read(&state.pool, member).await?;
    Ok(redirect_with_flash(
        "/notifications",
        "flash-notifications-read",
    ))
}

/// `GET /t/{id}/unread`: to the member's first unread post of the thread (or its last).
pub async fn first_unread(
    state: web::Data<AppState>,
    viewer: Viewer,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let Some(member) = viewer.member.as_ref() else {
        return Ok(redirect(&format!("/t/{id}")));
    };
    let post = reading::first_unread(&state.pool, member, id).await?;
    Ok(redirect(
        &reading::permalink(&state.pool, post, Some(member)).await?,
    ))
}

#[derive(Serialize)]
struct EmailOffPage {
    action: String,
    active: bool,
    done: bool,
}

fn email_off_page(
    req: &HttpRequest,
    token: &str,
    active: bool,
    done: bool,
) -> Result<HttpResponse, AppError> {
    let page = EmailOffPage {
        action: format!("/notifications/email-off/{token}"),
        active,
        done,
    };
    let title = render::text(req, "notify-off-title");
    render::page(
        req,
        StatusCode::OK,
        "pages/notifications/email_off",
        &title,
        &page,
    )
}

/// `GET /notifications/email-off/{token}`: one button; nothing changes until it is pressed.
pub async fn email_off_confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let active = notifications::email_status(&state.pool, &state.secret, &token).await?;
    email_off_page(&req, &token, active, false)
}

/// `POST /notifications/email-off/{token}`: from the page's button or a mail client's
/// one-click request (RFC 8058). The signed token is the authority, so there is no CSRF
/// token or cookie.
pub async fn email_off(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    notifications::email_off(&state.pool, &state.secret, &token).await?;
    email_off_page(&req, &token, false, true)
}
