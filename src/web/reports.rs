//! What members ask of the moderators: reporting a post, and appealing a decision.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::auth::message;
use super::csrf::CsrfForm;
use super::forms::{Field, FormView};
use super::render::{self, redirect_with_flash};
use super::session::Viewer;
use super::AppState;
use crate::domain::Locale;
use crate::domain::ReportReason;
use crate::error::AppError;
use crate::services::auth::Member;
use crate::services::moderation;
use crate::services::reading;

/// The flag form.
#[derive(Deserialize)]
pub struct FlagForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    note: String,
}

const FLAG_FIELDS: [Field; 2] = [
    Field {
        name: "reason",
        kind: "select",
        label: "flag-reason",
        hint: None,
        autocomplete: "off",
    },
    Field {
        name: "note",
        kind: "text",
        label: "flag-note",
        hint: None,
        autocomplete: "off",
    },
];

/// The flag form for post `id`, with `reason` chosen (none at first).
fn flag_form(locale: Locale, id: i64, reason: &str) -> FormView {
    let choices: Vec<(&str, String)> = ReportReason::ALL
        .iter()
        .map(|r| (r.as_str(), format!("flag-{r}")))
        .collect();
    let choices: Vec<(&str, &str)> = choices.iter().map(|(v, k)| (*v, k.as_str())).collect();
    FormView::new(locale, format!("/p/{id}/flag"), "flag-submit", &FLAG_FIELDS)
        .choices("reason", &choices, reason)
        .placeholder("reason", "flag-reason-placeholder")
        .optional("note")
}

#[derive(Serialize)]
struct FlagPage {
    post: reading::Glimpse,
    form: FormView,
}

async fn show_flag(
    req: &HttpRequest,
    state: &AppState,
    member: &Member,
    status: StatusCode,
    id: i64,
    form: FormView,
) -> Result<HttpResponse, AppError> {
    let post = reading::glimpse(&state.pool, id, Some(member)).await?;
    let title = render::text(req, "flag-title");
    render::page(
        req,
        status,
        "pages/posts/flag",
        &title,
        &FlagPage { post, form },
    )
}

/// `GET /p/{id}/flag`: the post, and why it should be looked at by the moderators.
pub async fn flag_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    viewer: Viewer,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    let id = id.into_inner();
    show_flag(
        &req,
        &state,
        member,
        StatusCode::OK,
        id,
        flag_form(locale, id, ""),
    )
    .await
}

/// `POST /p/{id}/flag`
pub async fn flag(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    viewer: Viewer,
    id: web::Path<i64>,
    CsrfForm(f): CsrfForm<FlagForm>,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    let id = id.into_inner();
    let (reason, note) = (f.reason.clone(), f.note.clone());
    match moderation::flag(&state.pool, &state.settings, member, id, f.reason, f.note).await {
        Ok(_) => Ok(redirect_with_flash(&format!("/p/{id}"), "flash-flagged")),
        Err(AppError::Conflict) => message(
            &req,
            StatusCode::CONFLICT,
            "flag-twice-title",
            "flag-twice-body",
            &[(&format!("/p/{id}"), "edit-back")],
        ),
        Err(AppError::Validation(errors)) => {
            let form = flag_form(locale, id, &reason)
                .values(&[("note", &note)])
                .errors(&errors);
            show_flag(
                &req,
                &state,
                member,
                StatusCode::UNPROCESSABLE_ENTITY,
                id,
                form,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// The appeal form.
#[derive(Deserialize)]
pub struct AppealForm {
    #[serde(default)]
    message: String,
}

async fn file_appeal(
    req: &HttpRequest,
    state: &AppState,
    member: &Member,
    log_id: Option<i64>,
    message_text: String,
    back: &str,
) -> Result<HttpResponse, AppError> {
    let log_id = log_id.ok_or(AppError::Forbidden)?;
    match moderation::appeal(&state.pool, member, log_id, message_text).await {
        Ok(()) => Ok(redirect_with_flash(back, "flash-appealed")),
        Err(AppError::Conflict) => message(
            req,
            StatusCode::CONFLICT,
            "appeal-twice-title",
            "appeal-twice-body",
            &[(back, "edit-back")],
        ),
        Err(AppError::Validation(_)) => message(
            req,
            StatusCode::UNPROCESSABLE_ENTITY,
            "appeal-invalid-title",
            "appeal-empty",
            &[(back, "edit-back")],
        ),
        Err(e) => Err(e),
    }
}

/// `POST /p/{id}/appeal`: the author contests a removal.
pub async fn appeal_post(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    id: web::Path<i64>,
    CsrfForm(f): CsrfForm<AppealForm>,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    let id = id.into_inner();
    let log_id = crate::services::reading::removal_log(&state.pool, id).await?;
    file_appeal(&req, &state, member, log_id, f.message, &format!("/p/{id}")).await
}

/// `POST /appeal`: a suspended member contests the suspension.
pub async fn appeal_suspension(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    CsrfForm(f): CsrfForm<AppealForm>,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    let log_id = crate::services::reading::suspension_log(&state.pool, member.id).await?;
    file_appeal(&req, &state, member, log_id, f.message, "/").await
}
