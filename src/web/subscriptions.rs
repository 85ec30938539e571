//! Digests without an account (`/subscribe`, its confirmation), unsubscribing by a signed link
//! (also RFC 8058 one-click, without cookie or CSRF token), members' digest choices in
//! `/settings`, and watching threads.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use super::auth::message;
use super::csrf::CsrfForm;
use super::render::{self, redirect, redirect_with_flash};
use super::session::Viewer;
use super::AppState;
use crate::domain::Locale;
use crate::error::{AppError, FieldErrors};
use crate::i18n;
use crate::services::auth::Member;
use crate::services::subscriptions::{self, SubscribeRequest};
use crate::services::watches;

/// A form's fields as posted, repeated names kept (`boards` may come many times).
type Pairs = Vec<(String, String)>;

fn field<'a>(pairs: &'a Pairs, name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    checked: bool,
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

async fn set_watch(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    watch: bool,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    watches::set_watching(&state.pool, member, id, watch).await?;
    let flash = if watch {
        "flash-watching"
    } else {
        "flash-unwatched"
    };
    Ok(redirect_with_flash(&format!("/t/{id}"), flash))
}

/// `POST /t/{id}/watch`
pub async fn watch(
    state: web::Data<AppState>,
    viewer: Viewer,
    id: web::Path<i64>,
    CsrfForm(_): CsrfForm<Pairs>,
) -> Result<HttpResponse, AppError> {
    set_watch(&state, &viewer, id.into_inner(), true).await
}

/// `POST /t/{id}/unwatch`
pub async fn unwatch(
    state: web::Data<AppState>,
    viewer: Viewer,
    id: web::Path<i64>,
    CsrfForm(_): CsrfForm<Pairs>,
) -> Result<HttpResponse, AppError> {
    set_watch(&state, &viewer, id.into_inner(), false).await
}

/// Whether the viewer watches the thread (None when logged out).
pub async fn watching(
    state: &AppState,
    viewer: &Viewer,
    thread_id: i64,
) -> Result<Option<bool>, AppError> {
    match &viewer.member {
        Some(m) => Ok(Some(watches::is_watching(&state.pool, m, thread_id).await?)),
        None => Ok(None),
    }
}

#[derive(Serialize)]
struct BoardSelect {
    name: String,
    label: String,
    options: Vec<Choice>,
}

#[derive(Serialize)]
struct WatchedThread {
    id: i64,
    title: String,
}

/// The digest section of the settings page: one select per board, and the watched threads.
#[derive(Serialize)]
pub struct DigestsForm {
    boards: Vec<BoardSelect>,
    error: Option<String>,
    watched: Vec<WatchedThread>,
}

/// The member's digest choices as a form; `typed` (posted fields) wins over stored values.
pub async fn digests_form(
    state: &AppState,
    member: &Member,
    locale: Locale,
    typed: Option<&[(String, String)]>,
    error: Option<String>,
) -> Result<DigestsForm, AppError> {
    let choices = subscriptions::member_choices(&state.pool, member, locale).await?;
    let boards = choices
        .into_iter()
        .map(|c| {
            let name = format!("digest_{}", c.slug);
            let current = typed
                .and_then(|t| t.iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone()))
                .unwrap_or(c.frequency);
            BoardSelect {
                options: ["off", "daily", "weekly"]
                    .iter()
                    .map(|f| Choice {
                        value: f.to_string(),
                        label: i18n::text(locale, &format!("digest-{f}"), None),
                        checked: *f == current,
                    })
                    .collect(),
                label: c.name,
                name,
            }
        })
        .collect();
    let watched = watches::watched(&state.pool, member)
        .await?
        .into_iter()
        .map(|(id, title)| WatchedThread { id, title })
        .collect();
    Ok(DigestsForm {
        boards,
        error,
        watched,
    })
}

/// Saves the digest section of `/settings` (fields `digest_<slug>`).
pub async fn save_digests(
    state: &AppState,
    member: &Member,
    typed: &[(String, String)],
) -> Result<(), AppError> {
    let choices = typed
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("digest_")?.to_string(), v.clone())))
        .collect();
    subscriptions::save_member_choices(&state.pool, member, choices).await
}
