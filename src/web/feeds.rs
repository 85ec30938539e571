//! Atom 1.0 feeds of a board's and a thread's newest published posts, and of the public
//! moderation log.

use actix_web::{web, HttpRequest, HttpResponse};
use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use chrono::{NaiveDateTime, Utc};

use super::AppState;
use crate::domain::Locale;
use crate::error::AppError;
use crate::i18n;
use crate::services::boards;
use crate::services::reading::{self, Scope, FEED_ENTRIES};

fn stamp(t: NaiveDateTime) -> FixedDateTime {
    t.and_utc().fixed_offset()
}

fn link(href: String, rel: &str) -> Link {
    let mut l = Link::default();
    l.set_href(href);
    l.set_rel(rel);
    if rel == "self" {
        l.set_mime_type(Some("application/atom+xml".to_string()));
    }
    l
}

fn build(
    base: &str,
    title: String,
    page: &str,
    entries: Vec<reading::Entry>,
    locale: Locale,
) -> Feed {
    let mut feed = Feed::default();
    feed.set_title(Text::plain(title));
    feed.set_id(format!("{base}{page}"));
    feed.set_lang(Some(locale.as_str().to_string()));
    feed.set_links(vec![
        link(format!("{base}{page}"), "alternate"),
        link(format!("{base}{page}/feed.atom"), "self"),
    ]);
    let updated = entries
        .iter()
        .map(|e| e.updated_at)
        .max()
        .unwrap_or_else(|| Utc::now().naive_utc());
    feed.set_updated(stamp(updated));
    let anonymous = i18n::text(locale, "deleted-member", None);
    feed.set_entries(
        entries
            .into_iter()
            .map(|e| {
                let mut entry = Entry::default();
                entry.set_id(format!("{base}/p/{}", e.id));
                entry.set_title(Text::plain(e.thread_title));
                entry.set_updated(stamp(e.updated_at));
                entry.set_published(Some(stamp(e.created_at)));
                let mut author = Person::default();
                let name = e.author.clone().unwrap_or_else(|| anonymous.clone());
                author.set_name(match &e.author_label {
                    Some(label) => format!("{name} ({})", label_text(label, locale)),
                    None => name,
                });
                if let Some(name) = &e.author {
                    author.set_uri(Some(format!("{base}/u/{name}")));
                }
                entry.set_authors(vec![author]);
                entry.set_links(vec![link(format!("{base}/p/{}", e.id), "alternate")]);
                entry.set_summary(Some(Text::plain(e.excerpt)));
                let mut content = Content::default();
                content.set_content_type(Some("html".to_string()));
                content.set_value(Some(e.body_html));
                entry.set_content(Some(content));
                entry
            })
            .collect::<Vec<_>>(),
    );
    feed
}

/// A label as plain text: "Sociedad civil · Fundación X · verificado".
fn label_text(label: &crate::services::labels::Label, locale: Locale) -> String {
    let mut parts = vec![i18n::text(locale, &label.group, None)];
    parts.extend(label.organization.clone());
    parts.push(i18n::text(locale, label.state_key(), None));
    parts.join(" · ")
}

fn respond(feed: Feed) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/atom+xml; charset=utf-8")
        .body(feed.to_string())
}

fn base(state: &AppState) -> String {
    state
        .settings
        .site
        .base_url
        .as_str()
        .trim_end_matches('/')
        .to_string()
}

/// `GET /b/{slug}/feed.atom`
pub async fn board(
    state: web::Data<AppState>,
    locale: Locale,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let found = boards::board_page(&state.pool, slug.into_inner(), locale).await?;
    let entries = reading::recent(&state.pool, Scope::Board(found.board.id), FEED_ENTRIES).await?;
    let page = format!("/b/{}", found.board.slug);
    Ok(respond(build(
        &base(&state),
        found.board.name,
        &page,
        entries,
        locale,
    )))
}

/// `GET /t/{id}/feed.atom`
pub async fn thread(
    state: web::Data<AppState>,
    locale: Locale,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let title = reading::thread_title(&state.pool, id).await?;
    let entries = reading::recent(&state.pool, Scope::Thread(id), FEED_ENTRIES).await?;
    Ok(respond(build(
        &base(&state),
        title,
        &format!("/t/{id}"),
        entries,
        locale,
    )))
}

/// `GET /modlog/feed.atom`: the newest moderation decisions.
pub async fn modlog(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
) -> Result<HttpResponse, AppError> {
    let entries = crate::services::moderation::public_log(
        &state.pool,
        &state.settings,
        locale,
        None,
        None,
        1,
        FEED_ENTRIES,
    )
    .await?;
    let base = base(&state);
    let mut feed = Feed::default();
    feed.set_title(Text::plain(super::render::text(&req, "modlog-title")));
    feed.set_id(format!("{base}/modlog"));
    feed.set_lang(Some(locale.as_str().to_string()));
    feed.set_authors(vec![Person {
        name: i18n::text(locale, "nav-mod", None),
        uri: Some(format!("{base}/modlog")),
        ..Person::default()
    }]);
    feed.set_links(vec![
        link(format!("{base}/modlog"), "alternate"),
        link(format!("{base}/modlog/feed.atom"), "self"),
    ]);
    feed.set_updated(stamp(
        entries
            .first()
            .map_or_else(|| Utc::now().naive_utc(), |e| e.created_at),
    ));
    feed.set_entries(
        entries
            .into_iter()
            .map(|e| {
                let mut entry = Entry::default();
                entry.set_id(format!("{base}/modlog#e{}", e.id));
                let action = i18n::text(locale, &format!("action-{}", e.action), None);
                entry.set_title(Text::plain(format!("#{} {action}", e.id)));
                entry.set_updated(stamp(e.created_at));
                entry.set_links(vec![link(format!("{base}/modlog#e{}", e.id), "alternate")]);
                let name = decided_by(&e, locale);
                let summary = log_summary(&e, &name, locale);
                entry.set_authors(vec![Person {
                    name,
                    ..Person::default()
                }]);
                entry.set_summary(Some(Text::plain(summary)));
                entry
            })
            .collect::<Vec<_>>(),
    );
    Ok(respond(feed))
}

/// Who decided, as the public log page says it: "automatic" when no person did.
fn decided_by(e: &crate::services::moderation::LogView, locale: Locale) -> String {
    match (&e.moderator, e.automatic) {
        (_, true) => i18n::text(locale, "modlog-automatic", None),
        (Some(name), false) => name.clone(),
        (None, false) => i18n::text(locale, "modlog-a-moderator", None),
    }
}

/// One log entry in words, the way the public log page reads: who decided what, where, which
/// rule, why.
fn log_summary(e: &crate::services::moderation::LogView, who: &str, locale: Locale) -> String {
    let action = i18n::text(locale, &format!("action-{}", e.action), None);
    let mut parts = vec![format!("{who}: {action}")];
    if let Some(board) = &e.board_name {
        parts.push(board.clone());
    }
    if let Some(rule) = e.rule {
        parts.push(format!(
            "{} {rule}",
            i18n::text(locale, "modlog-rule", None)
        ));
    }
    if let Some(trigger) = &e.trigger {
        parts.push(i18n::text(locale, &format!("trigger-{trigger}"), None));
    }
    if !e.reason.is_empty() {
        parts.push(e.reason.clone());
    }
    parts.join(" · ")
}
