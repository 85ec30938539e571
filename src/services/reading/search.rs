//! Search results, with the matched words marked by the template.
use super::*;

/// One search result: a thread and its matching posts.
#[derive(Debug, Serialize)]
pub struct SearchResult {
    pub thread_id: i64,
    /// The thread's title in pieces, the matched words marked.
    pub title: Vec<ExcerptPiece>,
    pub board_slug: String,
    pub board_name: String,
    /// How many of the thread's posts matched.
    pub matches: i64,
    /// Where the reader starts: the thread's first matching post.
    pub first_post_id: i64,
    /// The best match, excerpted: its post, author and date.
    pub best_post_id: i64,
    pub author: String,
    /// The author's stakeholder label.
    pub author_label: Option<Label>,
    pub created_at: NaiveDateTime,
    /// The excerpt in pieces: the words the search matched and the text between them.
    pub excerpt: Vec<ExcerptPiece>,
}

/// A page of search results and what the whole search found.
#[derive(Debug, Serialize)]
pub struct SearchResults {
    pub results: Vec<SearchResult>,
    /// Threads and posts that matched over every page.
    pub threads: i64,
    pub posts: i64,
    /// Only the newest `window` matches were searched: there may be older ones.
    pub capped: bool,
    pub window: i64,
    pub pages: Pages,
}

/// Pages of search results kept per content version. Results do not depend on who asks, so
/// every member's identical search (the common words of a busy forum) is answered from
/// here until the next write moves the version; the whole cache then starts again.
#[derive(Default)]
pub struct SearchCache {
    entries: std::sync::Mutex<CachedPages>,
}

#[derive(Default)]
struct CachedPages {
    version: i64,
    pages: std::collections::HashMap<PageKey, std::sync::Arc<SearchResults>>,
}

/// What one page of results depends on: the query as searched, the board, the order, the
/// page and the language of the board names.
type PageKey = (String, String, bool, i64, Locale);

/// Result pages kept at most (about 20 kB each); the cache empties when full.
const CACHED_PAGES: usize = 256;

impl SearchCache {
    /// [`search`], answered from the cache while the content version is `version` (the
    /// version read for this request, never one read before it).
    #[allow(clippy::too_many_arguments)]
    pub async fn search(
        &self,
        pool: &Pool,
        version: i64,
        typed: String,
        board: String,
        by_date: bool,
        page: i64,
        locale: Locale,
    ) -> Result<Option<std::sync::Arc<SearchResults>>, AppError> {
        let Some(fts5) = crate::domain::search::fts5_expression(&typed) else {
            return Ok(None);
        };
        let key: PageKey = (fts5, board.clone(), by_date, page, locale);
        let lock = || self.entries.lock().unwrap_or_else(|e| e.into_inner());
        {
            let cached = lock();
            if cached.version == version {
                if let Some(hit) = cached.pages.get(&key) {
                    return Ok(Some(hit.clone()));
                }
            }
        }
        let Some(found) = search(pool, typed, board, by_date, page, locale).await? else {
            return Ok(None);
        };
        let found = std::sync::Arc::new(found);
        let mut cached = lock();
        if cached.version != version || cached.pages.len() >= CACHED_PAGES {
            // A newer version may already be here (a slower reader of an older one must not
            // put it back); only a version at least as new replaces the entries.
            if version < cached.version {
                return Ok(Some(found));
            }
            cached.pages.clear();
            cached.version = version;
        }
        cached.pages.insert(key, found.clone());
        Ok(Some(found))
    }
}

/// A piece of a search excerpt.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct ExcerptPiece {
    pub text: String,
    pub matched: bool,
}

/// Splits an excerpt at the index's markers (U+0001 before a matched word, U+0002 after).
pub fn excerpt_pieces(raw: &str) -> Vec<ExcerptPiece> {
    let mut pieces = Vec::new();
    let mut matched = false;
    for part in raw.split(['\u{1}', '\u{2}']) {
        if !part.is_empty() {
            pieces.push(ExcerptPiece {
                text: part.to_string(),
                matched,
            });
        }
        matched = !matched;
    }
    pieces
}

/// The title with the index's marks when it is the thread's current title; plain otherwise
/// (a title renamed since the post was indexed).
fn title_pieces(marked: &str, title: String) -> Vec<ExcerptPiece> {
    let pieces = excerpt_pieces(marked);
    if pieces.iter().map(|p| p.text.as_str()).collect::<String>() == title {
        pieces
    } else {
        vec![ExcerptPiece {
            text: title,
            matched: false,
        }]
    }
}

/// Page `page` of the threads that match `typed` (in `board`, a slug, or everywhere), most
/// relevant or (`by_date`) newest first; `None` when `typed` holds no word to look for.
pub async fn search(
    pool: &Pool,
    typed: String,
    board: String,
    by_date: bool,
    page: i64,
    locale: Locale,
) -> Result<Option<SearchResults>, AppError> {
    let Some(fts5) = crate::domain::search::fts5_expression(&typed) else {
        return Ok(None);
    };
    let offset = page
        .checked_sub(1)
        .filter(|p| *p >= 0)
        .and_then(|p| p.checked_mul(RESULTS_PER_PAGE))
        .ok_or(AppError::NotFound)?;
    let words = crate::domain::search::words(&typed)
        .collect::<Vec<_>>()
        .join(" ");
    let query = SearchQuery {
        fts5,
        words,
        board,
        by_date,
    };
    let hits = pool
        .run(move |c| Ok::<_, AppError>(db::search::search(c, &query, RESULTS_PER_PAGE, offset)?))
        .await?;
    let (threads, posts, ranked) = hits
        .first()
        .map_or((0, 0, 0), |h| (h.threads_total, h.posts_total, h.ranked));
    if hits.is_empty() && page > 1 {
        return Err(AppError::NotFound);
    }
    Ok(Some(SearchResults {
        pages: Pages::new(page, threads, RESULTS_PER_PAGE)?,
        threads,
        posts,
        capped: ranked >= db::search::RANKED_WINDOW,
        window: db::search::RANKED_WINDOW,
        results: hits
            .into_iter()
            .map(|h| SearchResult {
                title: title_pieces(&h.title_marked, h.thread_title),
                excerpt: excerpt_pieces(&h.excerpt),
                board_name: match locale {
                    Locale::Es => h.board_name_es,
                    Locale::En => h.board_name_en,
                },
                thread_id: h.thread_id,
                board_slug: h.board_slug,
                matches: h.matches,
                first_post_id: h.first_post_id,
                best_post_id: h.best_post_id,
                author_label: Label::of(h.author_label, h.author_deleted),
                author: h.author,
                created_at: h.created_at,
            })
            .collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_split_at_the_index_markers() {
        let piece = |text: &str, matched| ExcerptPiece {
            text: text.to_string(),
            matched,
        };
        assert_eq!(
            excerpt_pieces("la \u{1}red\u{2} y la \u{1}escuela\u{2}\u{1}s\u{2}."),
            vec![
                piece("la ", false),
                piece("red", true),
                piece(" y la ", false),
                piece("escuela", true),
                piece("s", true),
                piece(".", false),
            ]
        );
        assert_eq!(
            excerpt_pieces("sin marcas <b>"),
            vec![piece("sin marcas <b>", false)]
        );
    }

    #[test]
    fn titles_keep_their_marks_only_while_current() {
        let marked = "\u{1}Educación\u{2} digital";
        assert_eq!(
            title_pieces(marked, "Educación digital".into()),
            excerpt_pieces(marked)
        );
        assert_eq!(
            title_pieces(marked, "Educación en línea".into()),
            vec![ExcerptPiece {
                text: "Educación en línea".into(),
                matched: false
            }]
        );
    }
}
