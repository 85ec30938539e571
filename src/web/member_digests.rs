//! A member's digest choices in `/settings` (one select per board) and watched threads.

use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::csrf::CsrfForm;
use super::render::redirect_with_flash;
use super::session::Viewer;
use super::subscriptions::{Choice, Pairs};
use super::AppState;
use crate::domain::Locale;
use crate::error::AppError;
use crate::i18n;
use crate::services::auth::Member;
use crate::services::{ignores, member_digests, watches};

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
    /// The members the viewer ignores (shown beside what they follow).
    ignored: Vec<ignores::Ignored>,
}

/// The member's digest choices as a form; `typed` (posted fields) wins over stored values.
pub async fn digests_form(
    state: &AppState,
    member: &Member,
    locale: Locale,
    typed: Option<&[(String, String)]>,
    error: Option<String>,
) -> Result<DigestsForm, AppError> {
    let choices = member_digests::choices(&state.pool, member, locale).await?;
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
    let ignored = ignores::list(&state.pool, member).await?;
    Ok(DigestsForm {
        boards,
        error,
        watched,
        ignored,
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
    member_digests::save(&state.pool, member, choices).await
}
