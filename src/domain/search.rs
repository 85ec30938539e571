//! Search text: Spanish stems for the index, and safe FTS5 expressions from what people type.

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

static SPANISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Spanish));

/// The words of a text, lower case (letters and digits only).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The Snowball Spanish stem of a lower-case word.
pub fn stem(word: &str) -> String {
    SPANISH.stem(word).into_owned()
}

/// The stems of every word of `text`, space-separated, for the index's `stems` column.
pub fn stems(text: &str) -> String {
    words(text).map(|w| stem(&w)).collect::<Vec<_>>().join(" ")
}

/// Words of a search that count; later ones are left out.
pub const MAX_WORDS: usize = 12;

/// An FTS5 expression that finds every typed word, as written (accents folded by the index)
/// or by its stem; `None` when nothing searchable was typed. Every token is quoted, so FTS5
/// syntax in the input is taken as text.
pub fn fts5_expression(typed: &str) -> Option<String> {
    let terms: Vec<String> = words(typed)
        .take(MAX_WORDS)
        .map(|w| {
            let s = stem(&w);
            format!("(\"{w}\" OR stems:\"{s}\")")
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_words_share_stems() {
        assert_eq!(stem("educación"), "educ");
        assert_eq!(stem("educativa"), stem("educativo"));
        assert_eq!(stems("Las Políticas públicas"), "las polit public");
    }

    #[test]
    fn expressions_quote_every_token() {
        assert_eq!(
            fts5_expression("Educación digital").unwrap(),
            "(\"educación\" OR stems:\"educ\") AND (\"digital\" OR stems:\"digital\")"
        );
        let tricky = fts5_expression("a\" OR title:* NEAR(x) -y").unwrap();
        assert!(
            !tricky.contains("*") && !tricky.contains("NEAR("),
            "{tricky}"
        );
        assert_eq!(fts5_expression(" \"* ()"), None);
    }
}
