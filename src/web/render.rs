//! Pages from templates: the shared layout context and the handlebars registry.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use chrono_tz::Tz;
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderErrorReason,
};
use serde::Serialize;
use std::sync::{Arc, LazyLock};

use super::{csrf, locale, session, AppState, AssetManifest};
use crate::domain::Locale;
use crate::error::AppError;
use crate::i18n;
use crate::templates::{self, Escape};

/// The compiled templates with their helpers.
pub struct Renderer {
    registry: Handlebars<'static>,
}

struct AssetHelper(Arc<AssetManifest>);

impl HelperDef for AssetHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let path = h
            .param(0)
            .and_then(|p| p.value().as_str())
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("asset", 0))?;
        let url = self
            .0
            .url(path)
            .ok_or_else(|| RenderErrorReason::Other(format!("no asset {path}")))?;
        out.write(&url)?;
        Ok(())
    }
}

impl Renderer {
    /// Registers every embedded template (strict mode) and the helpers.
    pub fn new(timezone: Tz, assets: Arc<AssetManifest>) -> anyhow::Result<Self> {
        let mut registry = templates::registry(timezone, Escape::Html)?;
        registry.register_helper("asset", Box::new(AssetHelper(assets)));
        super::palette::register(&mut registry);
        Ok(Self { registry })
    }

    /// Renders one template with `data`.
    pub fn render<T: Serialize>(&self, name: &str, data: &T) -> Result<String, AppError> {
        self.registry
            .render(name, data)
            .map_err(|e| AppError::Unexpected(anyhow::anyhow!("rendering {name}: {e}")))
    }
}

#[derive(Serialize)]
struct LanguageLink {
    code: &'static str,
    name: String,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct MemberView<'a> {
    username: &'a str,
    verified: bool,
    moderator: bool,
    admin: bool,
    suspended_until: Option<chrono::NaiveDateTime>,
    suspension_permanent: bool,
    suspension_reason: Option<&'a str>,
    /// Unread notifications.
    notifications: i64,
}

/// What a page says about itself to search engines, feed readers and link previews.
#[derive(Debug, Default, Serialize)]
pub struct Meta {
    /// The page's own address (defaults to the path without its query).
    pub canonical: Option<String>,
    /// A plain-text summary for previews.
    pub description: Option<String>,
    /// The path of its Atom feed.
    pub feed: Option<String>,
}

/// What the layout needs on every page, around the page's own data.
#[derive(Serialize)]
struct Layout<'a, T: Serialize> {
    lang: Locale,
    title: &'a str,
    meta: Meta,
    languages: Vec<LanguageLink>,
    member: Option<MemberView<'a>>,
    csrf_token: String,
    flash: Option<String>,
    /// The catalogue key of the flash, for scripts (`flash-posted` clears a draft).
    flash_key: Option<String>,
    /// The page's own data, for its template.
    page: Option<&'a T>,
    /// Where the layout puts the page (`BODY_SPOT`): the page goes in after rendering.
    body: String,
    /// A page of lists, laid out on more of a wide screen (see `WIDE_PAGES`).
    wide: bool,
}

/// The pages of lists (boards, threads, results, administration) that may use more of a
/// desktop screen than a thread, whose text stays at a readable measure.
const WIDE_PAGES: [&str; 4] = [
    "pages/boards/index",
    "pages/boards/show",
    "pages/search",
    "pages/admin/index",
];

/// The cookie that carries a one-time message to the next page.
pub const FLASH_COOKIE: &str = "tertulia_flash";

/// A 303 redirect to `location` that shows the message `flash_key` on the next page.
pub fn redirect_with_flash(location: &str, flash_key: &'static str) -> HttpResponse {
    let cookie = session::private_cookie(
        FLASH_COOKIE,
        flash_key.to_string(),
        actix_web::cookie::time::Duration::minutes(5),
        false,
    );
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .cookie(cookie)
        .finish()
}

/// A plain 303 redirect.
pub fn redirect(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// The current URL with `lang` set to `code`, other parameters kept.
fn language_href(req: &HttpRequest, code: &str) -> String {
    let mut pairs: Vec<(String, String)> =
        web::Query::<Vec<(String, String)>>::from_query(req.query_string())
            .map(|q| q.into_inner())
            .unwrap_or_default();
    pairs.retain(|(k, _)| k != "lang");
    pairs.push(("lang".into(), code.into()));
    let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    format!("{}?{query}", req.path())
}

/// Renders `template` inside the site layout for this request's reader.
pub fn page<T: Serialize>(
    req: &HttpRequest,
    status: StatusCode,
    template: &str,
    title: &str,
    data: &T,
) -> Result<HttpResponse, AppError> {
    page_with(req, status, template, title, Meta::default(), data)
}

/// Like `page`, with a description and feed for previews and readers.
pub fn page_with<T: Serialize>(
    req: &HttpRequest,
    status: StatusCode,
    template: &str,
    title: &str,
    meta: Meta,
    data: &T,
) -> Result<HttpResponse, AppError> {
    page_with_pieces(req, status, template, title, meta, data, &[])
}

/// Where kept HTML goes in a page: a field of the page's data, written by its template as
/// `{{{page.pieces}}}`. It is a random string of this process with NUL bytes around it, which
/// no request can carry and no member can guess (like the token's placeholder).
#[derive(Clone, Copy)]
pub struct PiecesSpot;

static PIECES_SPOT: LazyLock<String> =
    LazyLock::new(|| format!("\0{}\0", crate::domain::token::random()));

/// Where the page goes in the layout.
static BODY_SPOT: LazyLock<String> =
    LazyLock::new(|| format!("\0{}\0", crate::domain::token::random()));

impl Serialize for PiecesSpot {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&PIECES_SPOT)
    }
}

/// Like `page_with`, with `pieces` (kept HTML: fifty posts, a board's rows) put where the
/// page's template wrote its `PiecesSpot`. They are put in after rendering, as the page's
/// body is put into the layout: neither is copied through the templates' data, and the page
/// is written once, with the viewer's token, into one string.
pub fn page_with_pieces<T: Serialize>(
    req: &HttpRequest,
    status: StatusCode,
    template: &str,
    title: &str,
    mut meta: Meta,
    data: &T,
    pieces: &[Arc<str>],
) -> Result<HttpResponse, AppError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| AppError::Unexpected(anyhow::anyhow!("no application state")))?;
    let lang = locale::current(req);
    let viewer = session::current(req);
    let flash = req
        .cookie(FLASH_COOKIE)
        .map(|c| c.value().to_string())
        .filter(|k| k.starts_with("flash-") && i18n::has_message(lang, k));
    let base = state.settings.site.base_url.as_str().trim_end_matches('/');
    meta.canonical = Some(format!(
        "{base}{}",
        meta.canonical.as_deref().unwrap_or(req.path())
    ));
    let mut layout = Layout {
        lang,
        title,
        meta,
        member: viewer.member.as_ref().map(|m| MemberView {
            username: &m.username,
            verified: m.verified,
            moderator: m.powers.any(),
            admin: m.powers.admin,
            suspended_until: m.suspended_until,
            suspension_permanent: m
                .suspended_until
                .is_some_and(|u| u.and_utc().timestamp() > 200_000_000_000),
            suspension_reason: m.suspension_reason.as_deref(),
            notifications: m.unread_notifications,
        }),
        csrf_token: csrf::token_for(&viewer, &state.secret),
        flash: flash.as_ref().map(|k| i18n::text(lang, k, None)),
        flash_key: flash,
        languages: Locale::ALL
            .iter()
            .map(|l| LanguageLink {
                code: l.as_str(),
                name: i18n::text(*l, "language-name", None),
                href: language_href(req, l.as_str()),
                current: *l == lang,
            })
            .collect(),
        page: Some(data),
        body: String::new(),
        wide: WIDE_PAGES.contains(&template),
    };
    // The page first, then the layout around it with everything but the page's data: a
    // partial block would copy the whole page (fifty posts) for the layout and each partial.
    let body = state.renderer.render(template, &layout)?;
    layout.page = None;
    layout.body = BODY_SPOT.clone();
    let shell = state.renderer.render("layouts/base", &layout)?;
    let html = assemble(&shell, &body, pieces, &layout.csrf_token);
    // A form's token belongs to one visitor: such a page is never shared from a cache.
    let has_token = html.contains("name=\"csrf_token\"");
    let mut res = HttpResponse::build(status);
    res.content_type("text/html; charset=utf-8")
        .insert_header(("Vary", "Cookie, Accept-Language"))
        .insert_header((
            header::CACHE_CONTROL,
            if has_token {
                "private, no-cache"
            } else {
                "no-cache"
            },
        ));
    let secure = state.settings.site.base_url.scheme() == "https";
    if let Some(seed) = viewer.fresh_seed.filter(|_| has_token) {
        res.cookie(session::private_cookie(
            session::SEED_COOKIE,
            seed,
            actix_web::cookie::time::Duration::days(365),
            secure,
        ));
    }
    if layout.flash.is_some() {
        let mut gone = actix_web::cookie::Cookie::new(FLASH_COOKIE, "");
        gone.set_path("/");
        gone.make_removal();
        res.cookie(gone);
    }
    Ok(res.body(html))
}

/// The page: `body` put into the layout's `shell` and `pieces` into `body`, each with its
/// token placeholders filled with `token`.
fn assemble(shell: &str, body: &str, pieces: &[Arc<str>], token: &str) -> String {
    let size = shell.len() + body.len() + pieces.iter().map(|p| p.len()).sum::<usize>();
    let mut html = String::with_capacity(size + 1024);
    let fill = |html: &mut String, part: &str| super::fragments::push_filled(html, part, token);
    let (before, after) = shell.split_once(BODY_SPOT.as_str()).unwrap_or((shell, ""));
    fill(&mut html, before);
    match body.split_once(PIECES_SPOT.as_str()) {
        Some((head, tail)) => {
            fill(&mut html, head);
            for piece in pieces {
                fill(&mut html, piece);
            }
            fill(&mut html, tail);
        }
        None => fill(&mut html, body),
    }
    fill(&mut html, after);
    html
}

/// A message in the request's language.
pub fn text(req: &HttpRequest, key: &str) -> String {
    i18n::text(locale::current(req), key, None)
}

/// Links to the pages of a paginated list: first, previous, the numbers around this one,
/// next and last.
#[derive(Debug, Serialize)]
pub struct Pager {
    page: i64,
    pages: i64,
    first_href: Option<String>,
    prev_href: Option<String>,
    next_href: Option<String>,
    last_href: Option<String>,
    numbers: Vec<PageLink>,
}

/// One place in the pager's row of numbers.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct PageLink {
    /// The page number; 0 for a gap ("…").
    n: i64,
    href: String,
    current: bool,
}

/// The page numbers a pager shows for page `page` of `pages`: the first and the last, and two
/// on each side of the current one; 0 marks a gap of more than one page.
fn page_numbers(page: i64, pages: i64) -> Vec<i64> {
    let near = |n: i64| n == 1 || n == pages || (n - page).abs() <= 2;
    let mut out = Vec::new();
    for n in 1..=pages {
        if near(n) {
            out.push(n);
        } else if out.last() != Some(&0) {
            // A gap of exactly one page shows that page instead of "…".
            if near(n + 1) && near(n - 1) {
                out.push(n);
            } else {
                out.push(0);
            }
        }
    }
    out
}

impl Pager {
    /// Links under `base` (a path without query) for `pages`.
    pub fn new(base: &str, pages: &crate::services::reading::Pages) -> Self {
        Self::linked(pages, |n| match n {
            1 => base.to_string(),
            n => format!("{base}?page={n}"),
        })
    }

    /// Links under `base`, an address with a query, for `pages`.
    pub fn with_query(base: &str, pages: &crate::services::reading::Pages) -> Self {
        Self::linked(pages, |n| match n {
            1 => base.to_string(),
            n => format!("{base}&page={n}"),
        })
    }

    fn linked(pages: &crate::services::reading::Pages, href: impl Fn(i64) -> String) -> Self {
        let numbers = if pages.pages > 1 {
            page_numbers(pages.page, pages.pages)
                .into_iter()
                .map(|n| PageLink {
                    n,
                    href: if n == 0 { String::new() } else { href(n) },
                    current: n == pages.page,
                })
                .collect()
        } else {
            Vec::new()
        };
        Self {
            page: pages.page,
            pages: pages.pages,
            first_href: (pages.page > 2).then(|| href(1)),
            prev_href: pages.prev.map(&href),
            next_href: pages.next.map(&href),
            last_href: (pages.page < pages.pages - 1).then(|| href(pages.pages)),
            numbers,
        }
    }
}

/// The `Content-Disposition` of a download saved as `name` (exports, open data, a member's
/// own data).
pub fn attachment(name: String) -> header::ContentDisposition {
    header::ContentDisposition {
        disposition: header::DispositionType::Attachment,
        parameters: vec![header::DispositionParam::Filename(name)],
    }
}

#[cfg(test)]
mod pager_tests {
    use super::page_numbers;

    #[test]
    fn short_lists_show_every_page() {
        assert_eq!(page_numbers(1, 1), [1]);
        assert_eq!(page_numbers(2, 5), [1, 2, 3, 4, 5]);
        assert_eq!(page_numbers(4, 7), [1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn long_lists_show_the_ends_and_the_neighbours_with_gaps() {
        assert_eq!(page_numbers(1, 20), [1, 2, 3, 0, 20]);
        assert_eq!(page_numbers(10, 20), [1, 0, 8, 9, 10, 11, 12, 0, 20]);
        assert_eq!(page_numbers(20, 20), [1, 0, 18, 19, 20]);
        // A gap of one page shows the page itself.
        assert_eq!(page_numbers(5, 20), [1, 2, 3, 4, 5, 6, 7, 0, 20]);
    }
}
