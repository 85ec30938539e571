//! Digests without an account (`/subscribe`, its confirmation), and unsubscribing by a signed
//! link (also RFC 8058 one-click, without cookie or CSRF token).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use super::auth::message;
use super::csrf::CsrfForm;
use super::render::{self, redirect};
use super::AppState;
use crate::domain::Locale;
use crate::error::{AppError, FieldErrors};
use crate::i18n;
use crate::services::subscriptions::{self, SubscribeRequest};

/// A form's fields as posted, repeated names kept (`boards` may come many times).
pub type Pairs = Vec<(String, String)>;

fn field<'a>(pairs: &'a Pairs, name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// One option of a select, checkbox group or radio group.
#[derive(Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Serialize)]
struct SubscribePage {
    email: String,
    email_error: Option<String>,
    boards: Vec<Choice>,
    boards_error: Option<String>,
    frequencies: Vec<Choice>,
    frequency_error: Option<String>,
}

async fn show_subscribe(
    req: &HttpRequest,
    state: &AppState,
    locale: Locale,
    status: StatusCode,
    typed: &Pairs,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let boards = subscriptions::board_options(&state.pool, locale).await?;
    let chosen = |name: &str, value: &str| typed.iter().any(|(k, v)| k == name && v == value);
    let frequency = match field(typed, "frequency") {
        "" => "daily",
        f => f,
    };
    let error = |name: &str| errors.get(name).map(|k| i18n::text(locale, k, None));
    let page = SubscribePage {
        email: field(typed, "email").to_string(),
        email_error: error("email"),
        boards: boards
            .into_iter()
            .map(|(slug, name)| Choice {
                checked: chosen("boards", &slug),
                value: slug,
                label: name,
            })
            .collect(),
        boards_error: error("boards"),
        frequencies: ["daily", "weekly"]
            .iter()
            .map(|f| Choice {
                value: f.to_string(),
                label: i18n::text(locale, &format!("digest-{f}"), None),
                checked: *f == frequency,
            })
            .collect(),
        frequency_error: error("frequency"),
    };
    let title = render::text(req, "subscribe-title");
    render::page(req, status, "pages/subscriptions/subscribe", &title, &page)
}

/// `GET /subscribe`
pub async fn subscribe_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
) -> Result<HttpResponse, AppError> {
    show_subscribe(
        &req,
        &state,
        locale,
        StatusCode::OK,
        &Vec::new(),
        &FieldErrors::new(),
    )
    .await
}

/// `POST /subscribe`: the same answer whether or not the address was known.
pub async fn subscribe(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    CsrfForm(typed): CsrfForm<Pairs>,
) -> Result<HttpResponse, AppError> {
    let request = SubscribeRequest {
        email: field(&typed, "email").to_string(),
        boards: typed
            .iter()
            .filter(|(k, _)| k == "boards")
            .map(|(_, v)| v.clone())
            .collect(),
        frequency: field(&typed, "frequency").to_string(),
        locale,
    };
    match subscriptions::request(&state.pool, state.secret.clone(), request).await {
        Ok(()) => {
            state.mail_wakeup.notify_one();
            Ok(redirect("/subscribe/sent"))
        }
        Err(AppError::Validation(errors)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            show_subscribe(&req, &state, locale, status, &typed, &errors).await
        }
        Err(e) => Err(e),
    }
}

/// `GET /subscribe/sent`
pub async fn subscribe_sent(req: HttpRequest) -> Result<HttpResponse, AppError> {
    message(
        &req,
        StatusCode::OK,
        "subscribe-sent-title",
        "subscribe-sent-body",
        &[("/", "nav-boards")],
    )
}

#[derive(Serialize)]
struct ConfirmedPage {
    #[serde(flatten)]
    view: subscriptions::ConfirmedView,
    frequency_label: String,
}

/// `GET /subscribe/confirm/{token}`
pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let view =
        subscriptions::confirm(&state.pool, state.secret.clone(), token.into_inner()).await?;
    let page = ConfirmedPage {
        frequency_label: i18n::text(locale, &format!("digest-{}", view.frequency), None),
        view,
    };
    let title = render::text(&req, "subscribe-confirmed-title");
    render::page(
        &req,
        StatusCode::OK,
        "pages/subscriptions/confirmed",
        &title,
        &page,
    )
}

#[derive(Serialize)]
struct UnsubscribePage {
    action: String,
    active: bool,
    done: bool,
}

/// `GET /unsubscribe/{token}`: one button; nothing changes until it is pressed.
pub async fn unsubscribe_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let active =
        subscriptions::unsubscribe_status(&state.pool, &state.secret, token.clone()).await?;
    let page = UnsubscribePage {
        action: format!("/unsubscribe/{token}"),
        active,
        done: false,
    };
    let title = render::text(&req, "unsubscribe-title");
    render::page(
        &req,
        StatusCode::OK,
        "pages/subscriptions/unsubscribe",
        &title,
        &page,
    )
}

/// `POST /unsubscribe/{token}`: from the page's button or a mail client's one-click request
/// (RFC 8058). The signed token is the authority, so there is no CSRF token or cookie.
pub async fn unsubscribe(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    subscriptions::unsubscribe(&state.pool, &state.secret, token.clone()).await?;
    let page = UnsubscribePage {
        action: format!("/unsubscribe/{token}"),
        active: false,
        done: true,
    };
    let title = render::text(&req, "unsubscribe-title");
    render::page(
        &req,
        StatusCode::OK,
        "pages/subscriptions/unsubscribe",
        &title,
        &page,
    )
}
