//! Rendered posts of thread pages, rows of boards and the home page's content, and boards'
//! lists of threads and threads' pages of posts, kept for members as the page cache keeps
//! whole pages for visitors. The home page's content and a board's list are the same for
//! everyone (per language or page, and per day: consultations open and close by the day,
//! which moves no version); a thread's page of posts is the same for every member who does
//! not moderate it and has no post awaiting approval in it, and each member's own marks
//! (supports, ignores, where they stopped reading) are read apart.
//!
//! Rendering fifty posts is most of a member's thread page; a post looks the same to every
//! member who may do the same things with it, so it is rendered once per content version,
//! language and what the viewer may do (edit, flag, support, reply, moderate, a folded
//! author), and the viewer's own form token is put in when the page is sent. A board's row
//! is kept per what is new in it to the viewer.
//!
//! A kept post holds a placeholder where forms carry their token: a random string of this
//! process with NUL bytes around it, which no request can carry (NUL is refused) and no
//! member can guess, so the viewer's token goes only where the template put a token.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use serde::Serialize;

use super::render::Renderer;
use crate::domain::Locale;
use crate::error::AppError;
use crate::services::admin::RuleView;
use crate::services::boards::Home;
use crate::services::reading::{BoardListing, Mine, News, PostView, ThreadItem, ThreadListing};

/// Bytes kept at most by each kind of fragment; all are dropped when full (they render again).
const MAX_BYTES: usize = 2 << 20;

/// Where a kept post's forms carry the viewer's token.
static TOKEN_PLACEHOLDER: LazyLock<String> =
    LazyLock::new(|| format!("\0{}\0", crate::domain::token::random()));

/// Writes `html` at the end of `out`, with `token` where it holds the placeholder.
pub fn push_filled(out: &mut String, html: &str, token: &str) {
    if !html.contains('\0') {
        out.push_str(html);
        return;
    }
    let mut parts = html.split(TOKEN_PLACEHOLDER.as_str());
    out.push_str(parts.next().unwrap_or(""));
    for part in parts {
        out.push_str(token);
        out.push_str(part);
    }
}

/// What the posts of one page share: the page's language, version and the viewer's standing.
pub struct Shared<'a> {
    pub version: i64,
    pub lang: Locale,
    /// The reply form is on the page (the viewer may answer posts).
    pub can_reply: bool,
    /// The viewer moderates the thread's board: the rules to cite when hiding.
    pub moderated: bool,
    pub rules: &'a [RuleView],
}

#[derive(Serialize)]
struct Context<'a> {
    lang: Locale,
    csrf_token: &'a str,
    can_reply: bool,
    moderated: bool,
    page: Rules<'a>,
    post: &'a PostView,
}

#[derive(Serialize)]
struct Rules<'a> {
    rules: &'a [RuleView],
}

#[derive(Hash, PartialEq, Eq)]
struct Key {
    post: i64,
    lang: Locale,
    /// Everything the viewer changes in the post (see `viewer_flags`).
    viewer: u8,
}

/// What in a rendered post depends on its viewer rather than on the post.
fn viewer_flags(mine: &Mine, shared: &Shared) -> u8 {
    let supported = match mine.supported {
        None => 0,
        Some(false) => 1,
        Some(true) => 2,
    };
    supported
        | u8::from(mine.can_edit) << 2
        | u8::from(mine.can_flag) << 3
        | u8::from(mine.ignored) << 4
        | u8::from(mine.own_removal) << 5
        | u8::from(shared.can_reply) << 6
        | u8::from(shared.moderated) << 7
}

/// What a kept value counts against its kind's bound.
trait Weigh {
    fn bytes(&self) -> usize;
}

impl Weigh for str {
    fn bytes(&self) -> usize {
        self.len()
    }
}

impl Weigh for ThreadListing {
    fn bytes(&self) -> usize {
        ThreadListing::bytes(self)
    }
}

impl Weigh for BoardListing {
    fn bytes(&self) -> usize {
        // Titles and names, and the row around them.
        self.threads
            .iter()
            .map(|t| t.title.len() + 160)
            .sum::<usize>()
            + 512
    }
}

/// Fragments (or data) of one kind kept by one process, all of one content version.
struct Kept<K, V: ?Sized = str> {
    state: Mutex<KeptState<K, V>>,
}

struct KeptState<K, V: ?Sized> {
    version: i64,
    bytes: usize,
    map: HashMap<K, Arc<V>>,
}

impl<K, V: ?Sized> Default for Kept<K, V> {
    fn default() -> Self {
        Self {
            state: Mutex::new(KeptState {
                version: 0,
                bytes: 0,
                map: HashMap::new(),
            }),
        }
    }
}

impl<K: std::hash::Hash + Eq, V: ?Sized + Weigh> Kept<K, V> {
    /// The fragment kept under `key` at `version`, or the one `render` makes, kept when
    /// `version` is the newest seen (a reader of an older version keeps nothing).
    fn get_or_render<R: Into<Arc<V>>>(
        &self,
        version: i64,
        key: K,
        render: impl FnOnce() -> Result<R, AppError>,
    ) -> Result<Arc<V>, AppError> {
        if let Some(html) = self.get(version, &key) {
            return Ok(html);
        }
        let html: Arc<V> = render()?.into();
        self.keep(version, key, html.clone());
        Ok(html)
    }

    /// Like `get_or_render`, for what is read from the database first (`load` is given the
    /// key). Nothing is locked while it loads: two requests may both load, and both keep.
    async fn get_or_load<F, R>(
        &self,
        version: i64,
        key: K,
        load: impl FnOnce(&K) -> F,
    ) -> Result<Arc<V>, AppError>
    where
        F: std::future::Future<Output = Result<R, AppError>>,
        R: Into<Arc<V>>,
    {
        if let Some(kept) = self.get(version, &key) {
            return Ok(kept);
        }
        let value: Arc<V> = load(&key).await?.into();
        self.keep(version, key, value.clone());
        Ok(value)
    }

    /// Keeps `value` under `key` when `version` is the newest seen.
    fn keep(&self, version: i64, key: K, value: Arc<V>) {
        let mut kept = self.lock();
        if version < kept.version {
            return;
        }
        if version > kept.version || kept.bytes + value.bytes() > MAX_BYTES {
            kept.map.clear();
            kept.bytes = 0;
            kept.version = version;
        }
        kept.bytes += value.bytes();
        if let Some(old) = kept.map.insert(key, value) {
            kept.bytes -= old.bytes();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, KeptState<K, V>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn get(&self, version: i64, key: &K) -> Option<Arc<V>> {
        let kept = self.lock();
        (kept.version == version)
            .then(|| kept.map.get(key).cloned())
            .flatten()
    }
}

/// The kept posts, board rows and home pages of one process.
#[derive(Default)]
pub struct Fragments {
    posts: Kept<Key>,
    rows: Kept<(i64, Locale, Option<News>)>,
    home: Kept<(Locale, chrono::NaiveDate)>,
    /// A board's page of threads (slug, page, the site's day: consultations open by the day).
    listings: Kept<(String, i64, chrono::NaiveDate), BoardListing>,
    /// A thread's page of posts (thread, page).
    threads: Kept<(i64, i64), ThreadListing>,
}

impl Fragments {
    /// Each post of `posts` rendered for the viewer whose part of it is in `mine` (one
    /// each), with the token placeholder.
    pub fn posts(
        &self,
        renderer: &Renderer,
        shared: &Shared,
        posts: &[PostView],
        mine: &[Mine],
    ) -> Result<Vec<Arc<str>>, AppError> {
        posts
            .iter()
            .zip(mine)
            .map(|(post, mine)| {
                let key = Key {
                    post: post.id,
                    lang: shared.lang,
                    viewer: viewer_flags(mine, shared),
                };
                self.posts.get_or_render(shared.version, key, || {
                    renderer.render(
                        "partials/post",
                        &Context {
                            lang: shared.lang,
                            csrf_token: &TOKEN_PLACEHOLDER,
                            can_reply: shared.can_reply,
                            moderated: shared.moderated,
                            page: Rules {
                                rules: shared.rules,
                            },
                            post: &post.for_viewer(*mine),
                        },
                    )
                })
            })
            .collect()
    }

    /// Page `page` of thread `id` as members who do not moderate it see it at `version`,
    /// read by `load` when not kept.
    pub async fn thread_listing<F>(
        &self,
        version: i64,
        id: i64,
        page: i64,
        load: impl FnOnce() -> F,
    ) -> Result<Arc<ThreadListing>, AppError>
    where
        F: std::future::Future<Output = Result<ThreadListing, AppError>>,
    {
        self.threads
            .get_or_load(version, (id, page), |_| load())
            .await
    }

    /// Page `page` of the board `slug` as every reader sees it at `version` on `day`, read
    /// by `load` when not kept.
    pub async fn board_listing<F>(
        &self,
        version: i64,
        slug: String,
        page: i64,
        day: chrono::NaiveDate,
        load: impl FnOnce(String) -> F,
    ) -> Result<Arc<BoardListing>, AppError>
    where
        F: std::future::Future<Output = Result<BoardListing, AppError>>,
    {
        self.listings
            .get_or_load(version, (slug, page, day), |key| load(key.0.clone()))
            .await
    }

    /// The home page's content at `version` for `lang` on `day`, rendered from what `load`
    /// reads when not kept.
    pub async fn home<F>(
        &self,
        renderer: &Renderer,
        version: i64,
        lang: Locale,
        day: chrono::NaiveDate,
        load: impl FnOnce() -> F,
    ) -> Result<Arc<str>, AppError>
    where
        F: std::future::Future<Output = Result<Home, AppError>>,
    {
        #[derive(Serialize)]
        struct Content<'a> {
            lang: Locale,
            page: &'a Home,
        }
        self.home
            .get_or_load(version, (lang, day), |_| async {
                let home = load().await?;
                renderer.render("partials/home", &Content { lang, page: &home })
            })
            .await
    }

    /// Each row of a board's `threads` as its viewer sees it (what is new to them).
    pub fn board_rows(
        &self,
        renderer: &Renderer,
        version: i64,
        lang: Locale,
        threads: &[ThreadItem],
    ) -> Result<Vec<Arc<str>>, AppError> {
        #[derive(Serialize)]
        struct Row<'a> {
            lang: Locale,
            thread: &'a ThreadItem,
        }
        threads
            .iter()
            .map(|thread| {
                self.rows
                    .get_or_render(version, (thread.id, lang, thread.news), || {
                        renderer.render("partials/thread_row", &Row { lang, thread })
                    })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_goes_only_where_the_placeholder_is() {
        let page = format!(
            "<form><input value=\"{}\"></form><p>\0 not a placeholder \0</p>",
            *TOKEN_PLACEHOLDER
        );
        let mut filled = String::new();
        push_filled(&mut filled, &page, "TOKEN");
        assert_eq!(
            filled,
            "<form><input value=\"TOKEN\"></form><p>\0 not a placeholder \0</p>"
        );
        push_filled(&mut filled, "<p>plain</p>", "TOKEN");
        assert!(filled.ends_with("</p><p>plain</p>"));
    }
}
