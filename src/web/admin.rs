//! `/admin`: boards, moderators, rules, site settings and failed mail, for admins only.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::csrf::CsrfForm;
use super::render::{self, redirect_with_flash};
use super::session::Viewer;
use super::AppState;
use crate::error::AppError;
use crate::services::admin::{self, AdminPage, BoardInput};
use crate::services::auth::Member;
use crate::services::site::SETTING_KEYS;

fn admin(viewer: &Viewer) -> Result<&Member, AppError> {
    viewer
        .member
        .as_ref()
        .filter(|m| m.powers.admin)
        .ok_or(AppError::Forbidden)
}

#[derive(Serialize)]
struct Page {
    #[serde(flatten)]
    data: AdminPage,
    error: Option<String>,
}

async fn show(
    req: &HttpRequest,
    state: &AppState,
    member: &Member,
    status: StatusCode,
    error: Option<String>,
) -> Result<HttpResponse, AppError> {
    let data = admin::page(&state.pool, &state.settings, member).await?;
    let title = render::text(req, "admin-title");
    render::page(
        req,
        status,
        "pages/admin/index",
        &title,
        &Page { data, error },
    )
}

/// Shows what went wrong above the admin page (422), or passes other errors on.
async fn done(
    req: &HttpRequest,
    state: &AppState,
    member: &Member,
    result: Result<(), AppError>,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(()) => Ok(redirect_with_flash("/admin", "flash-admin-saved")),
        Err(AppError::Validation(errors)) => {
            let text = errors
                .values()
                .map(|k| render::text(req, k))
                .collect::<Vec<_>>()
                .join(" ");
            show(
                req,
                state,
                member,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(text),
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// `GET /admin`
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let member = admin(&viewer)?;
    show(&req, &state, member, StatusCode::OK, None).await
}

/// A board's form.
#[derive(Deserialize)]
pub struct BoardForm {
    #[serde(default)]
    slug: String,
    #[serde(default)]
    name_es: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    description_es: String,
    #[serde(default)]
    description_en: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    archived: Option<String>,
    #[serde(default)]
    review_all: Option<String>,
}

/// `POST /admin/boards`: creates a board or saves one.
pub async fn save_board(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    CsrfForm(f): CsrfForm<BoardForm>,
) -> Result<HttpResponse, AppError> {
    let member = admin(&viewer)?;
    let input = BoardInput {
        slug: f.slug.trim().to_string(),
        name_es: f.name_es,
        name_en: f.name_en,
        description_es: f.description_es,
        description_en: f.description_en,
        position: f.position.trim().parse().unwrap_or(0),
        archived: f.archived.is_some(),
        review_all: f.review_all.is_some(),
    };
    let result = admin::save_board(&state.pool, member, input).await;
    done(&req, &state, member, result).await
}

/// The appointment form.
#[derive(Deserialize)]
pub struct AppointForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    board: String,
}

/// `POST /admin/moderators`
pub async fn appoint(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    CsrfForm(f): CsrfForm<AppointForm>,
) -> Result<HttpResponse, AppError> {
    let member = admin(&viewer)?;
    let result = admin::appoint(&state.pool, member, f.username, f.board).await;
    done(&req, &state, member, result).await
}

/// `POST /admin/moderators/{id}/revoke`
pub async fn revoke(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    id: web::Path<i64>,
    CsrfForm(_): CsrfForm<super::auth::Empty>,
) -> Result<HttpResponse, AppError> {
    let member = admin(&viewer)?;
    let result = admin::revoke(&state.pool, member, id.into_inner()).await;
    done(&req, &state, member, result).await
}

/// A rule's form.
#[derive(Deserialize)]
pub struct RuleForm {
    #[serde(default)]
    number: String,
    #[serde(default)]
    title_es: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    body_es: String,
    #[serde(default)]
    body_en: String,
}

/// `POST /admin/rules`
pub async fn save_rule(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    CsrfForm(f): CsrfForm<RuleForm>,
) -> Result<HttpResponse, AppError> {
    let member = admin(&viewer)?;
    let result = match f.number.trim().parse::<i32>() {
        Ok(n) => {
            admin::save_rule(
                &state.pool,
                member,
                n,
                [f.title_es, f.title_en, f.body_es, f.body_en],
            )
            .await
        }
        Err(_) => Err(AppError::field("number", "rule-number-invalid")),
    };
    done(&req, &state, member, result).await
}

/// `POST /admin/settings`: every admin-settable key, by its name.
pub async fn save_settings(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    CsrfForm(f): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let member = admin(&viewer)?;
    let mut values: Vec<(String, String)> = f
        .into_iter()
        .filter(|(k, _)| SETTING_KEYS.contains(&k.as_str()))
        .collect();
    let named = values.iter().any(|(k, _)| k == "modlog.name_moderators");
    values.retain(|(k, _)| k != "modlog.name_moderators");
    values.push(("modlog.name_moderators".into(), named.to_string()));
    let result = admin::save_settings(&state.pool, member, values).await;
    done(&req, &state, member, result).await
}

/// `POST /admin/outbox/{id}/{retry|discard}`
pub async fn outbox(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    path: web::Path<(i64, String)>,
    CsrfForm(_): CsrfForm<super::auth::Empty>,
) -> Result<HttpResponse, AppError> {
    let member = admin(&viewer)?;
    let (id, action) = path.into_inner();
    let retry = match action.as_str() {
        "retry" => true,
        "discard" => false,
        _ => return Err(AppError::NotFound),
    };
    let result = admin::outbox(&state.pool, member, id, retry).await;
    if retry && result.is_ok() {
        state.mail_wakeup.notify_one();
    }
    done(&req, &state, member, result).await
}
