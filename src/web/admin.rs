//! `/admin`: boards, moderators, rules, site settings and failed mail, for admins only.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::auth::FormPage;
use super::csrf::CsrfForm;
use super::forms::{Field, FormView};
use super::render::{self, redirect_with_flash};
use super::session::Viewer;
use super::AppState;
use crate::domain::Locale;
use crate::error::AppError;
use crate::services::admin::{self, BoardInput};
use crate::services::auth::Member;
use crate::services::site::SETTING_KEYS;

fn admin(viewer: &Viewer) -> Result<&Member, AppError> {
    viewer
        .member
        .as_ref()
        .filter(|m| m.powers.admin)
        .ok_or(AppError::Forbidden)
}

async fn show(
    req: &HttpRequest,
    state: &AppState,
    member: &Member,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let data = admin::page(&state.pool, &state.settings, member).await?;
    let title = render::text(req, "admin-title");
    render::page(req, status, "pages/admin/index", &title, &data)
}

/// Back to `/admin` when saved; a refused form comes back on its own (422), with what was
/// typed and each message by its field; other errors pass on.
fn done(
    req: &HttpRequest,
    result: Result<(), AppError>,
    typed: impl FnOnce() -> FormView,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(()) => Ok(redirect_with_flash("/admin", "flash-admin-saved")),
        Err(AppError::Validation(errors)) => FormPage::show(
            req,
            StatusCode::UNPROCESSABLE_ENTITY,
            "admin-fix-title",
            Some("admin-fix-intro"),
            typed().errors(&errors),
            &[("/admin", "admin-back")],
        ),
        Err(e) => Err(e),
    }
}

const fn field(name: &'static str, kind: &'static str, label: &'static str) -> Field {
    Field {
        name,
        kind,
        label,
        hint: None,
        autocomplete: "off",
    }
}

const BOARD_FIELDS: [Field; 8] = [
    field("slug", "text", "admin-slug"),
    field("name_es", "text", "admin-name-es"),
    field("name_en", "text", "admin-name-en"),
    field("description_es", "text", "admin-description-es"),
    field("description_en", "text", "admin-description-en"),
    field("position", "number", "admin-position"),
    field("archived", "checkbox", "admin-archived"),
    field("review_all", "checkbox", "admin-review-all"),
];

const APPOINT_FIELDS: [Field; 2] = [
    field("username", "text", "field-username"),
    field("board", "select", "search-board"),
];

const RULE_FIELDS: [Field; 5] = [
    field("number", "number", "admin-rule-number"),
    field("title_es", "text", "admin-title-es"),
    field("title_en", "text", "admin-title-en"),
    field("body_es", "textarea", "admin-body-es"),
    field("body_en", "textarea", "admin-body-en"),
];

const SETTING_FIELDS: [Field; 7] = [
    field(
        "moderation.new_member_review_posts",
        "number",
        "admin-review-posts",
    ),
    field("moderation.auto_hide_flags", "number", "admin-auto-hide"),
    field(
        "limits.posts_per_member_per_minute",
        "number",
        "admin-per-minute",
    ),
    field(
        "limits.posts_per_member_per_hour",
        "number",
        "admin-per-hour",
    ),
    field("limits.new_member_links_per_post", "number", "admin-links"),
    field("moderation.held_words", "text", "admin-held-words"),
    field(
        "modlog.name_moderators",
        "checkbox",
        "admin-name-moderators",
    ),
];

fn ticked(on: bool) -> &'static str {
    if on {
        "1"
    } else {
        ""
    }
}

/// `GET /admin`
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let member = admin(&viewer)?;
    show(&req, &state, member, StatusCode::OK).await
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
    locale: Locale,
    CsrfForm(f): CsrfForm<BoardForm>,
) -> Result<HttpResponse, AppError> {
    let member = admin(&viewer)?;
    let position = match f.position.trim() {
        "" => Ok(0),
        p => p
            .parse()
            .map_err(|_| AppError::field("position", "board-position-invalid")),
    };
    let result = match position {
        Ok(position) => {
            let input = BoardInput {
                slug: f.slug.trim().to_string(),
                name_es: f.name_es.clone(),
                name_en: f.name_en.clone(),
                description_es: f.description_es.clone(),
                description_en: f.description_en.clone(),
                position,
                archived: f.archived.is_some(),
                review_all: f.review_all.is_some(),
            };
            admin::save_board(&state.pool, member, input).await
        }
        Err(e) => Err(e),
    };
    done(&req, result, || {
        FormView::new(locale, "/admin/boards", "settings-save", &BOARD_FIELDS)
            .values(&[
                ("slug", &f.slug),
                ("name_es", &f.name_es),
                ("name_en", &f.name_en),
                ("description_es", &f.description_es),
                ("description_en", &f.description_en),
                ("position", &f.position),
                ("archived", ticked(f.archived.is_some())),
                ("review_all", ticked(f.review_all.is_some())),
            ])
            .optional("description_es")
            .optional("description_en")
            .optional("position")
    })
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
    locale: Locale,
    CsrfForm(f): CsrfForm<AppointForm>,
) -> Result<HttpResponse, AppError> {
    let member = admin(&viewer)?;
    let result = admin::appoint(&state.pool, member, f.username.clone(), f.board.clone()).await;
    let mut boards = vec![(String::new(), render::text(&req, "admin-every-board"))];
    if result.is_err() {
        boards.extend(
            crate::services::boards::list_index(&state.pool, locale)
                .await?
                .into_iter()
                .map(|b| (b.slug, b.name)),
        );
    }
    done(&req, result, || {
        FormView::new(
            locale,
            "/admin/moderators",
            "admin-appoint",
            &APPOINT_FIELDS,
        )
        .values(&[("username", &f.username)])
        .literal_choices("board", &boards, &f.board)
    })
}

/// `POST /admin/moderators/{id}/revoke`
pub async fn revoke(
    state: web::Data<AppState>,
    viewer: Viewer,
    id: web::Path<i64>,
    CsrfForm(_): CsrfForm<super::auth::Empty>,
) -> Result<HttpResponse, AppError> {
    let member = admin(&viewer)?;
    admin::revoke(&state.pool, member, id.into_inner()).await?;
    Ok(redirect_with_flash("/admin", "flash-admin-saved"))
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
    locale: Locale,
    CsrfForm(f): CsrfForm<RuleForm>,
) -> Result<HttpResponse, AppError> {
    let member = admin(&viewer)?;
    let result = match f.number.trim().parse::<i32>() {
        Ok(n) => {
            admin::save_rule(
                &state.pool,
                member,
                n,
                [
                    f.title_es.clone(),
                    f.title_en.clone(),
                    f.body_es.clone(),
                    f.body_en.clone(),
                ],
            )
            .await
        }
        Err(_) => Err(AppError::field("number", "rule-number-invalid")),
    };
    done(&req, result, || {
        FormView::new(locale, "/admin/rules", "settings-save", &RULE_FIELDS).values(&[
            ("number", &f.number),
            ("title_es", &f.title_es),
            ("title_en", &f.title_en),
            ("body_es", &f.body_es),
            ("body_en", &f.body_en),
        ])
    })
}

/// `POST /admin/settings`: every admin-settable key, by its name.
pub async fn save_settings(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    locale: Locale,
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
    let result = admin::save_settings(&state.pool, member, values.clone()).await;
    done(&req, result, || {
        let mut typed: Vec<(&str, &str)> = values
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .filter(|(k, _)| *k != "modlog.name_moderators")
            .collect();
        typed.push(("modlog.name_moderators", ticked(named)));
        FormView::new(locale, "/admin/settings", "settings-save", &SETTING_FIELDS)
            .values(&typed)
            .optional("moderation.held_words")
    })
}

/// `POST /admin/outbox/{id}/{retry|discard}`
pub async fn outbox(
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
    admin::outbox(&state.pool, member, id, retry).await?;
    if retry {
        state.mail_wakeup.notify_one();
    }
    Ok(redirect_with_flash("/admin", "flash-admin-saved"))
}
