//! Forgotten passwords: ask for a link, then set a new password through it.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::auth::{message, refused, FormPage};
use super::csrf::CsrfForm;
use super::forms::{Field, FormView};
use super::render::{redirect, redirect_with_flash};
use super::AppState;
use crate::domain::Locale;
use crate::error::AppError;
use crate::services::recovery;

const FORGOT_FIELDS: [Field; 1] = [Field {
    name: "email",
    kind: "email",
    label: "field-email",
    hint: None,
    autocomplete: "email",
}];

fn show_forgot(
    req: &HttpRequest,
    status: StatusCode,
    form: FormView,
) -> Result<HttpResponse, AppError> {
    FormPage::show(
        req,
        status,
        "forgot-title",
        Some("forgot-intro"),
        form,
        &[("/login", "nav-login")],
    )
}

/// `GET /password/forgot`
pub async fn forgot_page(req: HttpRequest, locale: Locale) -> Result<HttpResponse, AppError> {
    let form = FormView::new(locale, "/password/forgot", "forgot-submit", &FORGOT_FIELDS);
    show_forgot(&req, StatusCode::OK, form)
}

/// The forgot-password form.
#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// `POST /password/forgot`: the same answer whether or not the address has an account.
pub async fn forgot(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    CsrfForm(f): CsrfForm<ForgotForm>,
) -> Result<HttpResponse, AppError> {
    let typed = FormView::new(locale, "/password/forgot", "forgot-submit", &FORGOT_FIELDS)
        .values(&[("email", &f.email)]);
    match recovery::request_reset(&state.pool, f.email).await {
        Ok(()) => {
            state.mail_wakeup.notify_one();
            Ok(redirect("/password/forgot/sent"))
        }
        Err(e) => refused(&req, e, typed, |status, form| {
            show_forgot(&req, status, form)
        }),
    }
}

/// `GET /password/forgot/sent`
pub async fn forgot_sent(req: HttpRequest) -> Result<HttpResponse, AppError> {
    message(
        &req,
        StatusCode::OK,
        "forgot-sent-title",
        "forgot-sent-body",
        &[("/login", "nav-login")],
    )
}

const RESET_FIELDS: [Field; 1] = [Field {
    name: "password",
    kind: "password",
    label: "field-new-password",
    hint: Some("field-password-hint"),
    autocomplete: "new-password",
}];

fn reset_form(locale: Locale, token: &str) -> FormView {
    FormView::new(
        locale,
        format!("/password/reset/{token}"),
        "reset-submit",
        &RESET_FIELDS,
    )
}

fn gone(req: &HttpRequest) -> Result<HttpResponse, AppError> {
    message(
        req,
        StatusCode::GONE,
        "reset-gone-title",
        "reset-gone-body",
        &[("/password/forgot", "reset-gone-next")],
    )
}

/// `GET /password/reset/{token}`
pub async fn reset_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    match recovery::check_reset(&state.pool, token.clone()).await {
        Ok(()) => FormPage::show(
            &req,
            StatusCode::OK,
            "reset-title",
            None,
            reset_form(locale, &token),
            &[],
        ),
        Err(AppError::Gone) => gone(&req),
        Err(e) => Err(e),
    }
}

/// The new-password form.
#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    password: String,
}

/// `POST /password/reset/{token}`: sets the password and ends every session.
pub async fn reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    token: web::Path<String>,
    CsrfForm(f): CsrfForm<ResetForm>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let form = reset_form(locale, &token);
    match recovery::reset_password(&state.pool, token, f.password).await {
        Ok(()) => Ok(redirect_with_flash("/login", "flash-password-reset")),
        Err(AppError::Gone) => gone(&req),
        Err(e) => refused(&req, e, form, |status, form| {
            FormPage::show(&req, status, "reset-title", None, form, &[])
        }),
    }
}
