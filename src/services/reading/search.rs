//! Search results, with the matched words marked by the template.
use super::*;

/// One search result.
#[derive(Debug, Serialize)]
pub struct SearchResult {
    pub post_id: i64,
    pub thread_id: i64,
    pub thread_title: String,
    pub board_slug: String,
    pub author: String,
    pub created_at: NaiveDateTime,
    /// The excerpt in pieces: the words the search matched and the text between them.
    pub excerpt: Vec<ExcerptPiece>,
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

/// A page of results for `typed` (in `board`, a slug, or everywhere), and whether more follow.
pub async fn search(
    pool: &Pool,
    typed: String,
    board: String,
    page: i64,
) -> Result<(Vec<SearchResult>, bool), AppError> {
    let Some(fts5) = crate::domain::search::fts5_expression(&typed) else {
        return Ok((Vec::new(), false));
    };
    let offset = page
        .checked_sub(1)
        .filter(|p| *p >= 0)
        .and_then(|p| p.checked_mul(RESULTS_PER_PAGE))
        .ok_or(AppError::NotFound)?;
    let words = crate::domain::search::words(&typed)
        .collect::<Vec<_>>()
        .join(" ");
    let query = SearchQuery { fts5, words, board };
    let mut hits = pool
        .run(move |c| {
            Ok::<_, AppError>(db::search::search(c, &query, RESULTS_PER_PAGE + 1, offset)?)
        })
        .await?;
    if hits.is_empty() && page > 1 {
        return Err(AppError::NotFound);
    }
    let more = hits.len() as i64 > RESULTS_PER_PAGE;
    hits.truncate(RESULTS_PER_PAGE as usize);
    Ok((
        hits.into_iter()
            .map(|h| SearchResult {
                excerpt: excerpt_pieces(&h.excerpt),
                post_id: h.post_id,
                thread_id: h.thread_id,
                thread_title: h.thread_title,
                board_slug: h.board_slug,
                author: h.author,
                created_at: h.created_at,
            })
            .collect(),
        more,
    ))
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
}
