//! Opening threads, reading them, and replying.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::auth::Refusal;
use super::csrf::CsrfForm;
use super::forms::{Field, FormView};
use super::fragments;
use super::render::{self, redirect_with_flash, Meta, Pager};
use super::session::{self, Viewer};
use super::AppState;
use crate::domain::consultation::Filter;
use crate::domain::{markdown, ContributionKind, Locale, Phase};
use crate::error::AppError;
use crate::services::admin::{self, RuleView};
use crate::services::boards::{self, BoardSummary};
use crate::services::discussions;
use crate::services::reading::{self, ThreadPage};

const THREAD_FIELDS: [Field; 2] = [
    Field {
        name: "title",
        kind: "text",
        label: "field-title",
        hint: Some("field-title-hint"),
        autocomplete: "off",
    },
    Field {
        name: "body",
        kind: "textarea",
        label: "field-body",
        hint: Some("field-body-hint"),
        autocomplete: "off",
    },
];

#[derive(Serialize)]
struct NewThreadPage {
    board: BoardSummary,
    form: Option<FormView>,
    unverified: bool,
}

fn thread_form(locale: Locale, slug: &str) -> FormView {
    FormView::new(
        locale,
        format!("/b/{slug}"),
        "thread-submit",
        &THREAD_FIELDS,
    )
    .keep_draft()
}

async fn show_new(
    req: &HttpRequest,
    state: &AppState,
    locale: Locale,
    viewer: &Viewer,
    slug: String,
    status: StatusCode,
    form: Option<FormView>,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    let found = boards::board_page(&state.pool, slug, locale).await?;
    if found.archived {
        return Err(AppError::Forbidden);
    }
    let unverified = !member.verified;
    let page = NewThreadPage {
        form: if unverified {
            None
        } else {
            Some(form.unwrap_or_else(|| thread_form(locale, &found.board.slug)))
        },
        board: found.board,
        unverified,
    };
    let status = if unverified {
        StatusCode::FORBIDDEN
    } else {
        status
    };
    let title = render::text(req, "thread-new-title");
    render::page(req, status, "pages/threads/new", &title, &page)
}

/// `GET /b/{slug}/new`
pub async fn new_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    viewer: Viewer,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    show_new(
        &req,
        &state,
        locale,
        &viewer,
        slug.into_inner(),
        StatusCode::OK,
        None,
    )
    .await
}

/// The new-thread form.
#[derive(Deserialize)]
pub struct ThreadForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
}

/// `POST /b/{slug}`: opens the thread and shows it.
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    viewer: Viewer,
    slug: web::Path<String>,
    CsrfForm(f): CsrfForm<ThreadForm>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let member = viewer.require()?;
    let typed = thread_form(locale, &slug).values(&[("title", &f.title), ("body", &f.body)]);
    match discussions::open_thread(
        &state.pool,
        &state.settings,
        member,
        slug.clone(),
        f.title,
        f.body,
    )
    .await
    {
        Ok(posted) => Ok(redirect_with_flash(
            &format!("/t/{}", posted.id),
            posted_flash(posted),
        )),
        Err(e @ (AppError::Validation(_) | AppError::RateLimited { .. })) => {
            let refusal = Refusal::of(locale, e, typed)?;
            let res = show_new(
                &req,
                &state,
                locale,
                &viewer,
                slug,
                refusal.status,
                Some(refusal.form),
            )
            .await?;
            Ok(Refusal::finish(refusal.retry_after, res))
        }
        Err(e) => Err(e),
    }
}

/// What the page after posting says: published, or waiting for the moderators.
fn posted_flash(posted: discussions::Posted) -> &'static str {
    if posted.held {
        "flash-held"
    } else {
        "flash-posted"
    }
}

/// `?page=N&reply_to=ID&quote=1` on a thread.
#[derive(Deserialize)]
pub struct ThreadQuery {
    #[serde(default = "super::forms::first_page")]
    page: i64,
    /// A consultation's filters; unknown values show everything.
    #[serde(default)]
    stakeholder: String,
    #[serde(default)]
    kind: String,
    reply_to: Option<i64>,
    /// `1`: start the reply with the post it answers, quoted.
    #[serde(default)]
    quote: String,
}

/// The post a reply form answers, as the notice above the form names it: "#12 by María".
#[derive(Serialize)]
struct ReplyTarget {
    id: i64,
    number: i64,
    author: Option<String>,
    /// The text it said, for a quote.
    #[serde(skip)]
    source: String,
}

/// Post `post` as what a reply in thread `thread` answers, when the viewer may read it and it
/// belongs to this thread.
async fn reply_target(
    state: &AppState,
    viewer: &Viewer,
    thread: i64,
    post: i64,
) -> Result<Option<ReplyTarget>, AppError> {
    let found = reading::quotable(&state.pool, post, viewer.member.as_ref()).await?;
    Ok(found
        .filter(|q| q.thread_id == thread)
        .map(|q| ReplyTarget {
            id: post,
            number: q.number,
            author: q.author,
            source: q.source,
        }))
}

/// The reply form of thread `thread` started with `target` quoted and attributed.
fn quoting_form(locale: Locale, thread: i64, target: &ReplyTarget) -> FormView {
    let attribution = match &target.author {
        Some(name) => {
            let mut args = crate::i18n::Args::new();
            args.insert("name".into(), name.clone().into());
            crate::i18n::text(locale, "quote-attribution", Some(&args))
        }
        None => crate::i18n::text(locale, "quote-attribution-deleted", None),
    };
    let body = markdown::quote(&attribution, &target.source);
    reply_form(locale, thread, Some(target.id)).values(&[("body", &body)])
}

/// Why there is no reply form, if there is none.
#[derive(Serialize)]
struct ThreadView {
    #[serde(flatten)]
    page: ThreadPage,
    /// Where its posts, rendered (see `fragments`), go in after rendering.
    pieces: render::PiecesSpot,
    reply_form: Option<FormView>,
    reply_blocked: Option<String>,
    reply_to: Option<ReplyTarget>,
    /// A consultation's moderators: close it early, write and publish its synthesis.
    close_form: Option<FormView>,
    synthesis_form: Option<FormView>,
    pager: Pager,
    /// For moderators: the rules to cite and the boards to move to.
    rules: Vec<RuleView>,
    boards: Vec<BoardSummary>,
    /// Whether the viewer watches this thread (None when logged out).
    watching: Option<bool>,
}

const REPLY_FIELDS: [Field; 1] = [Field {
    name: "body",
    kind: "textarea",
    label: "field-reply",
    hint: Some("field-body-hint"),
    autocomplete: "off",
}];

/// What a contribution to a consultation adds to a reply.
const KIND_FIELD: Field = Field {
    name: "kind",
    kind: "select",
    label: "field-kind",
    hint: None,
    autocomplete: "off",
};

/// The reply form of a consultation: a kind to choose first (a comment unless changed).
fn contribution_form(form: FormView) -> FormView {
    let chosen = form
        .value_of("kind")
        .filter(|k| !k.is_empty())
        .unwrap_or("comment")
        .to_string();
    let choices: Vec<(&str, String)> = ContributionKind::ALL
        .iter()
        .map(|k| (k.as_str(), format!("kind-{}", k.as_str())))
        .collect();
    let choices: Vec<(&str, &str)> = choices.iter().map(|(v, l)| (*v, l.as_str())).collect();
    form.with_first(&KIND_FIELD)
        .choices("kind", &choices, &chosen)
}

fn reply_form(locale: Locale, thread: i64, reply_to: Option<i64>) -> FormView {
    let form = FormView::new(
        locale,
        format!("/t/{thread}/reply"),
        "reply-submit",
        &REPLY_FIELDS,
    )
    .keep_draft();
    match reply_to {
        Some(id) => form.hidden("parent_id", id.to_string()),
        None => form,
    }
}

#[allow(clippy::too_many_arguments)]
async fn show_thread(
    req: &HttpRequest,
    state: &AppState,
    locale: Locale,
    viewer: &Viewer,
    id: i64,
    page: i64,
    reply_to: Option<ReplyTarget>,
    status: StatusCode,
    form: Option<FormView>,
    filter: Filter,
) -> Result<HttpResponse, AppError> {
    // Read before the posts: a post kept under it may only be newer than the version says.
    let version = state.cache.content_version(&state.pool).await?;
    // A page as every member sees it is kept; a moderator's, or one of a consultation or of
    // a thread awaiting approval, is read for its viewer alone.
    let listing = state
        .fragments
        .thread_listing(version, id, page, || {
            reading::thread_listing(&state.pool, id, page)
        })
        .await?;
    let member = viewer.member.as_ref();
    let data = if listing.serves(member) {
        reading::thread_page_for(&state.pool, listing, member, locale).await?
    } else {
        reading::thread_page(
            &state.pool,
            id,
            page,
            locale,
            member,
            filter,
            state.settings.site.timezone,
        )
        .await?
    };
    session::notifications_read(req, data.notifications_read);
    let closed = data.consultation.as_ref().and_then(|k| match k.phase {
        Phase::Open => None,
        Phase::Draft => Some("consultation-not-open-yet"),
        Phase::Closed | Phase::Synthesis => Some("consultation-closed"),
    });
    let blocked = if data.thread.locked || data.thread.board_archived {
        Some("thread-locked")
    } else if closed.is_some() {
        closed
    } else {
        match &viewer.member {
            None => Some("reply-login"),
            Some(m) if m.suspended_until.is_some() => Some("error-suspended-body"),
            Some(m) if !m.verified => Some("error-unverified-body"),
            Some(_) => None,
        }
    };
    let meta = Meta {
        canonical: Some(match data.pages.page {
            1 => format!("/t/{id}"),
            n => format!("/t/{id}?page={n}"),
        }),
        description: (!data.summary.is_empty()).then(|| data.summary.clone()),
        feed: Some(format!("/t/{id}/feed.atom")),
    };
    let title = data.thread.title.clone();
    let (rules, boards) = if data.thread.moderated {
        (
            admin::rules(&state.pool, locale).await?,
            boards::list_index(&state.pool, locale).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let reply_form = match (blocked, form) {
        (None, form) => {
            Some(form.unwrap_or_else(|| reply_form(locale, id, reply_to.as_ref().map(|t| t.id))))
        }
        // A refused reply is shown back even where replies are closed: nothing typed is lost.
        (Some(_), refused) => refused,
    }
    .map(|f| match data.consultation {
        Some(_) => contribution_form(f),
        None => f,
    });
    let post_html = state.fragments.posts(
        &state.renderer,
        &fragments::Shared {
            version,
            lang: locale,
            can_reply: reply_form.is_some(),
            moderated: data.thread.moderated,
            rules: &rules,
        },
        &data.posts,
        &data.mine,
    )?;
    let view = ThreadView {
        pieces: render::PiecesSpot,
        rules,
        boards,
        reply_form,
        reply_blocked: blocked.map(|k| render::text(req, k)),
        close_form: data
            .consultation
            .as_ref()
            .filter(|k| k.can_close)
            .map(|_| super::consultations::close_form(locale, id)),
        synthesis_form: data
            .consultation
            .as_ref()
            .filter(|k| k.can_write_synthesis && k.phase != Phase::Synthesis)
            .map(|k| {
                super::consultations::synthesis_form(
                    locale,
                    id,
                    k.synthesis_source.as_deref().unwrap_or(""),
                )
            }),
        reply_to,
        watching: data.watching,
        pager: if filter.is_empty() {
            Pager::new(&format!("/t/{id}"), &data.pages)
        } else {
            let query = serde_urlencoded::to_string([
                ("stakeholder", filter.stakeholder.map_or("", |s| s.as_str())),
                ("kind", filter.kind.map_or("", |k| k.as_str())),
            ])
            .unwrap_or_default();
            Pager::with_query(&format!("/t/{id}?{query}"), &data.pages)
        },
        page: data,
    };
    render::page_with_pieces(
        req,
        status,
        "pages/threads/show",
        &title,
        meta,
        &view,
        &post_html,
    )
}

/// `GET /t/{id}`
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    viewer: Viewer,
    id: web::Path<i64>,
    query: web::Query<ThreadQuery>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let target = match query.reply_to {
        Some(post) => reply_target(&state, &viewer, id, post).await?,
        None => None,
    };
    let form = target
        .as_ref()
        .filter(|_| query.quote == "1")
        .map(|t| quoting_form(locale, id, t));
    show_thread(
        &req,
        &state,
        locale,
        &viewer,
        id,
        query.page,
        target,
        StatusCode::OK,
        form,
        Filter {
            stakeholder: query.stakeholder.parse().ok(),
            kind: query.kind.parse().ok(),
        },
    )
    .await
}

/// The reply form.
#[derive(Deserialize)]
pub struct ReplyForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    parent_id: String,
    /// In a consultation: what the reply contributes.
    #[serde(default)]
    kind: String,
}

/// `POST /t/{id}/reply`: adds the reply and shows it in place.
pub async fn reply(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    viewer: Viewer,
    id: web::Path<i64>,
    CsrfForm(f): CsrfForm<ReplyForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let member = viewer.require()?;
    let parent = match f.parent_id.trim() {
        "" => None,
        raw => Some(
            raw.parse::<i64>()
                .map_err(|_| AppError::BadRequest("parent_id".into()))?,
        ),
    };
    let kind = match f.kind.trim() {
        "" => None,
        raw => Some(
            raw.parse::<ContributionKind>()
                .map_err(|_| AppError::BadRequest("kind".into()))?,
        ),
    };
    let typed = reply_form(locale, id, parent).values(&[("body", &f.body)]);
    let typed = match kind {
        Some(_) => contribution_form(
            typed
                .with_first(&KIND_FIELD)
                .values(&[("body", &f.body), ("kind", &f.kind)]),
        ),
        None => typed,
    };
    match discussions::reply(
        &state.pool,
        &state.settings,
        member,
        id,
        parent,
        f.body,
        kind,
    )
    .await
    {
        Ok(posted) => Ok(redirect_with_flash(
            &reading::permalink(&state.pool, posted.id, Some(member)).await?,
            posted_flash(posted),
        )),
        Err(e @ (AppError::Validation(_) | AppError::RateLimited { .. })) => {
            let refusal = Refusal::of(locale, e, typed)?;
            let target = match parent {
                Some(post) => reply_target(&state, &viewer, id, post).await?,
                None => None,
            };
            let res = show_thread(
                &req,
                &state,
                locale,
                &viewer,
                id,
                1,
                target,
                refusal.status,
                Some(refusal.form),
                Filter::default(),
            )
            .await?;
            Ok(Refusal::finish(refusal.retry_after, res))
        }
        Err(e) => Err(e),
    }
}
