//! The public moderation log and the rules it cites.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::forms::Choice;
use super::render::{self, Meta};
use super::AppState;
use crate::domain::Locale;
use crate::domain::ModAction;
use crate::error::AppError;
use crate::services::admin::{self, RuleView};
use crate::services::boards;
use crate::services::moderation::{self, LogView};

/// Filters of the public log.
#[derive(Deserialize)]
pub struct LogQuery {
    #[serde(default)]
    board: String,
    #[serde(default)]
    action: String,
    #[serde(default = "super::forms::first_page")]
    page: i64,
}

#[derive(Serialize)]
struct LogPage {
    entries: Vec<LogView>,
    boards: Vec<Choice>,
    actions: Vec<Choice>,
    prev: Option<String>,
    next: Option<String>,
}

const LOG_PER_PAGE: i64 = 50;

/// `GET /modlog`
pub async fn modlog(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    query: web::Query<LogQuery>,
) -> Result<HttpResponse, AppError> {
    let LogQuery {
        board,
        action,
        page,
    } = query.into_inner();
    if page < 1 {
        return Err(AppError::NotFound);
    }
    let action_filter = action.parse::<ModAction>().ok();
    let board_filter = (!board.is_empty()).then(|| board.clone());
    let mut entries = moderation::public_log(
        &state.pool,
        &state.settings,
        locale,
        board_filter,
        action_filter,
        page,
        LOG_PER_PAGE,
    )
    .await?;
    let more = entries.len() as i64 > LOG_PER_PAGE;
    entries.truncate(LOG_PER_PAGE as usize);
    let href = |p: i64| {
        let q = serde_urlencoded::to_string([
            ("board", board.as_str()),
            ("action", action.as_str()),
            ("page", &p.to_string()),
        ])
        .unwrap_or_default();
        format!("/modlog?{q}")
    };
    let all = boards::list_index(&state.pool, locale).await?;
    let page_data = LogPage {
        boards: Choice::boards(all, &board),
        actions: ModAction::ALL
            .iter()
            .map(|a| Choice {
                value: a.to_string(),
                label: render::text(&req, &format!("action-{a}")),
                selected: a.as_str() == action,
            })
            .collect(),
        prev: (page > 1).then(|| href(page - 1)),
        next: more.then(|| href(page + 1)),
        entries,
    };
    let title = render::text(&req, "modlog-title");
    let meta = Meta {
        feed: Some("/modlog/feed.atom".into()),
        ..Meta::default()
    };
    render::page_with(
        &req,
        StatusCode::OK,
        "pages/mod/log",
        &title,
        meta,
        &page_data,
    )
}

#[derive(Serialize)]
struct RulesPage {
    rules: Vec<RuleView>,
}

/// `GET /rules`
pub async fn rules(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
) -> Result<HttpResponse, AppError> {
    let rules = admin::rules(&state.pool, locale).await?;
    let title = render::text(&req, "rules-title");
    render::page(
        &req,
        StatusCode::OK,
        "pages/rules",
        &title,
        &RulesPage { rules },
    )
}
