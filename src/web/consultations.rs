//! Consultations: the list, opening one, closing it early and its synthesis.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::auth::{FormPage, Refusal};
use super::csrf::CsrfForm;
use super::forms::{Field, FormView};
use super::render::{self, redirect_with_flash};
use super::session::Viewer;
use super::AppState;
use crate::domain::Locale;
use crate::error::AppError;
use crate::services::auth::Member;
use crate::services::boards;
use crate::services::consultations::{self, NewInput, SynthesisOutcome};

/// `GET /consultations`
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let listing =
        consultations::list(&state.pool, &state.settings, locale, viewer.member.as_ref()).await?;
    let title = render::text(&req, "consultations-title");
    render::page(
        &req,
        StatusCode::OK,
        "pages/consultations/index",
        &title,
        &listing,
    )
}

const NEW_FIELDS: [Field; 5] = [
    Field {
        name: "board",
        kind: "select",
        label: "field-board",
        hint: None,
        autocomplete: "off",
    },
    Field {
        name: "title",
        kind: "text",
        label: "field-title",
        hint: None,
        autocomplete: "off",
    },
    Field {
        name: "question",
        kind: "textarea",
        label: "field-question",
        hint: Some("field-question-hint"),
        autocomplete: "off",
    },
    Field {
        name: "opens_at",
        kind: "text",
        label: "field-opens-at",
        hint: Some("field-date-hint"),
        autocomplete: "off",
    },
    Field {
        name: "closes_at",
        kind: "text",
        label: "field-closes-at",
        hint: Some("field-date-hint"),
        autocomplete: "off",
    },
];

/// The boards `member` may open a consultation in.
async fn board_choices(
    state: &AppState,
    locale: Locale,
    member: &Member,
) -> Result<Vec<(String, String)>, AppError> {
    Ok(boards::list_index(&state.pool, locale)
        .await?
        .into_iter()
        .filter(|b| member.powers.moderates(b.id))
        .map(|b| (b.slug, b.name))
        .collect())
}

async fn new_form(
    state: &AppState,
    locale: Locale,
    member: &Member,
    board: &str,
) -> Result<FormView, AppError> {
    let choices = board_choices(state, locale, member).await?;
    if choices.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(FormView::new(
        locale,
        "/consultations/new",
        "consultation-submit",
        &NEW_FIELDS,
    )
    .literal_choices("board", &choices, board))
}

/// `GET /consultations/new`: moderators (of a board, or everywhere) only.
pub async fn new_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    let today = consultations::today(state.settings.site.timezone).to_string();
    let form = new_form(&state, locale, member, "")
        .await?
        .values(&[("opens_at", &today)]);
    FormPage::show(
        &req,
        StatusCode::OK,
        "consultation-new-title",
        Some("consultation-new-intro"),
        form,
        &[],
    )
}

/// The form that opens a consultation.
#[derive(Deserialize)]
pub struct NewForm {
    #[serde(default)]
    board: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    question: String,
    #[serde(default)]
    opens_at: String,
    #[serde(default)]
    closes_at: String,
}

/// `POST /consultations/new`
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    viewer: Viewer,
    CsrfForm(f): CsrfForm<NewForm>,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    let typed = new_form(&state, locale, member, &f.board).await?.values(&[
        ("title", &f.title),
        ("question", &f.question),
        ("opens_at", &f.opens_at),
        ("closes_at", &f.closes_at),
    ]);
    let input = NewInput {
        board: f.board,
        title: f.title,
        question: f.question,
        opens_at: f.opens_at,
        closes_at: f.closes_at,
    };
    match consultations::create(&state.pool, &state.settings, member, input).await {
        Ok(id) => Ok(redirect_with_flash(
            &format!("/t/{id}"),
            "flash-consultation-created",
        )),
        Err(e @ (AppError::Validation(_) | AppError::RateLimited { .. })) => {
            let refusal = Refusal::of(locale, e, typed)?;
            let res = FormPage::show(
                &req,
                refusal.status,
                "consultation-new-title",
                Some("consultation-new-intro"),
                refusal.form,
                &[],
            )?;
            Ok(Refusal::finish(refusal.retry_after, res))
        }
        Err(e) => Err(e),
    }
}

const CLOSE_FIELDS: [Field; 1] = [Field {
    name: "reason",
    kind: "text",
    label: "field-reason",
    hint: None,
    autocomplete: "off",
}];

/// The form that closes consultation `id` early.
pub fn close_form(locale: Locale, id: i64) -> FormView {
    FormView::new(
        locale,
        format!("/mod/consultations/{id}/close"),
        "consultation-close",
        &CLOSE_FIELDS,
    )
}

/// The close form.
#[derive(Deserialize)]
pub struct CloseForm {
    #[serde(default)]
    reason: String,
}

/// `POST /mod/consultations/{id}/close`
pub async fn close(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    viewer: Viewer,
    id: web::Path<i64>,
    CsrfForm(f): CsrfForm<CloseForm>,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    let id = id.into_inner();
    let typed = close_form(locale, id).values(&[("reason", &f.reason)]);
    match consultations::close(&state.pool, member, id, f.reason).await {
        Ok(()) => Ok(redirect_with_flash(
            &format!("/t/{id}"),
            "flash-consultation-closed",
        )),
        Err(e @ AppError::Validation(_)) => {
            let refusal = Refusal::of(locale, e, typed)?;
            FormPage::show(
                &req,
                refusal.status,
                "consultation-close-title",
                None,
                refusal.form,
                &[],
            )
        }
        Err(e) => Err(e),
    }
}

const SYNTHESIS_FIELDS: [Field; 2] = [
    Field {
        name: "synthesis",
        kind: "textarea",
        label: "field-synthesis",
        hint: Some("field-synthesis-hint"),
        autocomplete: "off",
    },
    Field {
        name: "publish",
        kind: "checkbox",
        label: "field-publish",
        hint: None,
        autocomplete: "off",
    },
];

/// The synthesis form of consultation `id`, filled with `text`.
pub fn synthesis_form(locale: Locale, id: i64, text: &str) -> FormView {
    FormView::new(
        locale,
        format!("/mod/consultations/{id}/synthesis"),
        "synthesis-submit",
        &SYNTHESIS_FIELDS,
    )
    .values(&[("synthesis", text)])
}

/// The synthesis form.
#[derive(Deserialize)]
pub struct SynthesisForm {
    #[serde(default)]
    synthesis: String,
    #[serde(default)]
    publish: String,
}

/// `POST /mod/consultations/{id}/synthesis`
pub async fn synthesis(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    viewer: Viewer,
    id: web::Path<i64>,
    CsrfForm(f): CsrfForm<SynthesisForm>,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    let id = id.into_inner();
    let publish = f.publish == "1";
    let typed = synthesis_form(locale, id, &f.synthesis).values(&[("publish", &f.publish)]);
    let result = consultations::write_synthesis(
        &state.pool,
        &state.settings,
        member,
        id,
        f.synthesis,
        publish,
    )
    .await;
    match result {
        Ok(SynthesisOutcome::Published) => {
            state.mail_wakeup.notify_one();
            Ok(redirect_with_flash(
                &format!("/t/{id}"),
                "flash-synthesis-published",
            ))
        }
        Ok(SynthesisOutcome::Saved) => Ok(redirect_with_flash(
            &format!("/t/{id}#synthesis"),
            "flash-synthesis-saved",
        )),
        Err(e @ AppError::Validation(_)) => {
            let refusal = Refusal::of(locale, e, typed)?;
            FormPage::show(
                &req,
                refusal.status,
                "synthesis-title",
                None,
                refusal.form,
                &[],
            )
        }
        Err(e) => Err(e),
    }
}
