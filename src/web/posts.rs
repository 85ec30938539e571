//! One post: its permalink, editing, history and deletion.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::auth::Refusal;
use super::csrf::CsrfForm;
use super::forms::{Field, FormView};
use super::render::{self, redirect};
use super::session::Viewer;
use super::subscriptions::Pairs;
use super::AppState;
use crate::domain::Locale;
use crate::error::AppError;
use crate::services::discussions::{self, Editable};
use crate::services::{reading, supports};

/// `GET /p/{id}`: to the thread page and anchor where the post is.
pub async fn permalink(
    state: web::Data<AppState>,
    viewer: Viewer,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    Ok(redirect(
        &reading::permalink(&state.pool, id.into_inner(), viewer.member.as_ref()).await?,
    ))
}

const EDIT_FIELDS: [Field; 2] = [
    Field {
        name: "body",
        kind: "textarea",
        label: "field-body",
        hint: Some("field-body-hint"),
        autocomplete: "off",
    },
    Field {
        name: "reason",
        kind: "text",
        label: "field-edit-reason",
        hint: Some("field-edit-reason-hint"),
        autocomplete: "off",
    },
];

#[derive(Serialize)]
struct EditPage {
    post_id: i64,
    thread_title: String,
    form: FormView,
}

fn edit_form(locale: Locale, target: &Editable) -> FormView {
    let form = FormView::new(
        locale,
        format!("/p/{}/edit", target.post.id),
        "edit-submit",
        &EDIT_FIELDS,
    );
    if target.needs_reason {
        form
    } else {
        form.optional("reason")
    }
}

fn show_edit(
    req: &HttpRequest,
    status: StatusCode,
    target: &Editable,
    form: FormView,
) -> Result<HttpResponse, AppError> {
    let page = EditPage {
        post_id: target.post.id,
        thread_title: target.thread_title.clone(),
        form,
    };
    let title = render::text(req, "edit-title");
    render::page(req, status, "pages/posts/edit", &title, &page)
}

/// `GET /p/{id}/edit`
pub async fn edit_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    viewer: Viewer,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    let target = discussions::editable(&state.pool, member, id.into_inner()).await?;
    let form = edit_form(locale, &target).values(&[("body", &target.post.body_source)]);
    show_edit(&req, StatusCode::OK, &target, form)
}

/// The edit form.
#[derive(Deserialize)]
pub struct EditForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    reason: String,
}

/// `POST /p/{id}/edit`: keeps the old version and shows the post.
pub async fn edit(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    viewer: Viewer,
    id: web::Path<i64>,
    CsrfForm(f): CsrfForm<EditForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let member = viewer.require()?;
    let target = discussions::editable(&state.pool, member, id).await?;
    let typed = edit_form(locale, &target).values(&[("body", &f.body), ("reason", &f.reason)]);
    match discussions::edit(&state.pool, &state.settings, member, id, f.body, f.reason).await {
        Ok(_) => Ok(redirect(
            &reading::permalink(&state.pool, id, Some(member)).await?,
        )),
        Err(e @ AppError::Validation(_)) => {
            let refusal = Refusal::of(locale, e, typed)?;
            show_edit(&req, refusal.status, &target, refusal.form)
        }
        Err(e) => Err(e),
    }
}

/// `GET /p/{id}/history`
pub async fn history(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let history = reading::history(&state.pool, id.into_inner(), viewer.member.as_ref()).await?;
    let title = render::text(&req, "history-title");
    render::page(
        &req,
        StatusCode::OK,
        "pages/posts/history",
        &title,
        &history,
    )
}

#[derive(Serialize)]
struct DeletePage {
    post: reading::Glimpse,
    by_moderator: bool,
}

/// `GET /p/{id}/delete`: asks before a post is deleted for good.
pub async fn delete_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    member.require_active()?;
    let id = id.into_inner();
    let target = discussions::editable(&state.pool, member, id).await?;
    let page = DeletePage {
        post: reading::glimpse(&state.pool, id, Some(member)).await?,
        by_moderator: target.needs_reason,
    };
    let title = render::text(&req, "delete-title");
    render::page(&req, StatusCode::OK, "pages/posts/delete", &title, &page)
}

/// The delete form: `confirm=1` comes from the confirmation page.
#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    confirm: String,
}

/// `POST /p/{id}/delete`: leaves a tombstone in the thread. Without the confirmation page's
/// `confirm=1`, it asks first.
pub async fn delete(
    state: web::Data<AppState>,
    viewer: Viewer,
    id: web::Path<i64>,
    CsrfForm(f): CsrfForm<DeleteForm>,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    let id = id.into_inner();
    if f.confirm != "1" {
        return Ok(redirect(&format!("/p/{id}/delete")));
    }
    discussions::delete(&state.pool, member, id).await?;
    Ok(redirect(
        &reading::permalink(&state.pool, id, Some(member)).await?,
    ))
}

/// `POST /p/{id}/support`: the member supports the post, then sees it again.
pub async fn support(
    state: web::Data<AppState>,
    viewer: Viewer,
    id: web::Path<i64>,
    CsrfForm(_): CsrfForm<Pairs>,
) -> Result<HttpResponse, AppError> {
    set_support(&state, &viewer, id.into_inner(), true).await
}

/// `POST /p/{id}/unsupport`: the member takes their support back.
pub async fn unsupport(
    state: web::Data<AppState>,
    viewer: Viewer,
    id: web::Path<i64>,
    CsrfForm(_): CsrfForm<Pairs>,
) -> Result<HttpResponse, AppError> {
    set_support(&state, &viewer, id.into_inner(), false).await
}

async fn set_support(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    on: bool,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    supports::set(&state.pool, member, id, on).await?;
    Ok(redirect(
        &reading::permalink(&state.pool, id, Some(member)).await?,
    ))
}
