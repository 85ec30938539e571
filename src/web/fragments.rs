//! Rendered posts of thread pages, kept for members as the page cache keeps whole pages for
//! visitors. Rendering fifty posts is most of a member's thread page; a post looks the same to
//! every member who may do the same things with it, so it is rendered once per content
//! version, language and what the viewer may do (edit, flag, support, reply, moderate, a
//! folded author), and the viewer's own form token is put in when the page is sent.
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
use crate::services::reading::PostView;

/// Bytes of rendered posts kept at most; all are dropped when full (they render again).
const MAX_BYTES: usize = 2 << 20;

/// Where a kept post's forms carry the viewer's token.
static TOKEN_PLACEHOLDER: LazyLock<String> =
    LazyLock::new(|| format!("\0{}\0", crate::domain::token::random()));

/// Puts `token` where rendered posts hold the placeholder.
pub fn fill_token(html: String, token: &str) -> String {
    if html.contains('\0') {
        html.replace(TOKEN_PLACEHOLDER.as_str(), token)
    } else {
        html
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
fn viewer_flags(post: &PostView, shared: &Shared) -> u8 {
    let supported = match post.supported {
        None => 0,
        Some(false) => 1,
        Some(true) => 2,
    };
    let own_removal = post.hidden.as_ref().is_some_and(|h| h.own);
    supported
        | u8::from(post.can_edit) << 2
        | u8::from(post.can_flag) << 3
        | u8::from(post.ignored) << 4
        | u8::from(own_removal) << 5
        | u8::from(shared.can_reply) << 6
        | u8::from(shared.moderated) << 7
}

/// The kept posts of one process, all of one content version.
#[derive(Default)]
pub struct PostFragments {
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    version: i64,
    bytes: usize,
    map: HashMap<Key, Arc<str>>,
}

impl PostFragments {
    /// Each post of `posts` rendered for this viewer, with the token placeholder: kept ones
    /// as kept, the others rendered and kept when `shared.version` is the newest seen.
    pub fn render(
        &self,
        renderer: &Renderer,
        shared: &Shared,
        posts: &[PostView],
    ) -> Result<Vec<Arc<str>>, AppError> {
        let mut out = Vec::with_capacity(posts.len());
        for post in posts {
            let key = Key {
                post: post.id,
                lang: shared.lang,
                viewer: viewer_flags(post, shared),
            };
            if let Some(html) = self.get(shared.version, &key) {
                out.push(html);
                continue;
            }
            let html: Arc<str> = renderer
                .render(
                    "partials/post",
                    &Context {
                        lang: shared.lang,
                        csrf_token: &TOKEN_PLACEHOLDER,
                        can_reply: shared.can_reply,
                        moderated: shared.moderated,
                        page: Rules {
                            rules: shared.rules,
                        },
                        post,
                    },
                )?
                .into();
            self.keep(shared.version, key, html.clone());
            out.push(html);
        }
        Ok(out)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn get(&self, version: i64, key: &Key) -> Option<Arc<str>> {
        let kept = self.lock();
        (kept.version == version)
            .then(|| kept.map.get(key).cloned())
            .flatten()
    }

    fn keep(&self, version: i64, key: Key, html: Arc<str>) {
        let mut kept = self.lock();
        // A reader of an older version keeps nothing; a newer one starts afresh.
        if version < kept.version {
            return;
        }
        if version > kept.version || kept.bytes + html.len() > MAX_BYTES {
            kept.map.clear();
            kept.bytes = 0;
            kept.version = version;
        }
        kept.bytes += html.len();
        if let Some(old) = kept.map.insert(key, html) {
            kept.bytes -= old.len();
        }
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
        let filled = fill_token(page, "TOKEN");
        assert_eq!(
            filled,
            "<form><input value=\"TOKEN\"></form><p>\0 not a placeholder \0</p>"
        );
        assert_eq!(fill_token("<p>plain</p>".into(), "TOKEN"), "<p>plain</p>");
    }
}
