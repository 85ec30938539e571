//! Marked search results made from a post's own text: the title with every searched word
//! marked and an excerpt around the best cluster of them, cut and marked exactly as SQLite's
//! FTS5 `highlight()` and `snippet()` cut and mark the text they index. The index keeps no copy
//! of the text (it would double the database), so the marks are made here from the post.
//!
//! `\u{1}` opens a mark and `\u{2}` closes it, as in the index's results.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Opens a mark.
pub const OPEN: &str = "\u{1}";
/// Closes a mark.
pub const CLOSE: &str = "\u{2}";
/// Stands for text left out of an excerpt.
pub const ELLIPSIS: &str = "…";
/// Words in an excerpt, as the index's snippets have.
pub const EXCERPT_TOKENS: usize = 24;

/// One word of a text: where it is and how the index compares it (folded).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Token {
    start: usize,
    end: usize,
    folded: String,
}

/// The words of `text` as the index's tokenizer (`unicode61 remove_diacritics 2`) splits them:
/// runs of letters and digits (combining accents inside a word belong to it), lower case and
/// without accents.
fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut current: Option<Token> = None;
    for (at, c) in text.char_indices() {
        let inside = current.is_some();
        let part = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric() || (inside && is_combining_mark(c))
        };
        if part {
            let token = current.get_or_insert_with(|| Token {
                start: at,
                end: at,
                folded: String::new(),
            });
            fold(c, &mut token.folded);
            token.end = at + c.len_utf8();
        } else if let Some(token) = current.take() {
            out.push(token);
        }
    }
    out.extend(current);
    out
}

/// Appends `c` lower case and without accents.
fn fold(c: char, into: &mut String) {
    if c.is_ascii() {
        into.push(c.to_ascii_lowercase());
        return;
    }
    for lower in c.to_lowercase() {
        decompose_canonical(lower, |d| {
            if !is_combining_mark(d) {
                into.push(d);
            }
        });
    }
}

/// The searched phrases: each searched word as the index reads it (usually one token).
pub fn phrases<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<Vec<String>> {
    words
        .into_iter()
        .map(|w| tokens(w).into_iter().map(|t| t.folded).collect::<Vec<_>>())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Where the phrases occur in `tokens`, by position then phrase: (phrase, first token).
fn instances(tokens: &[Token], phrases: &[Vec<String>]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for at in 0..tokens.len() {
        for (p, phrase) in phrases.iter().enumerate() {
            let fits = at + phrase.len() <= tokens.len()
                && phrase
                    .iter()
                    .zip(&tokens[at..])
                    .all(|(w, t)| *w == t.folded);
            if fits {
                found.push((p, at));
            }
        }
    }
    found
}

/// Overlapping phrase occurrences as one marked run: (first token, last token).
fn runs(found: &[(usize, usize)], phrases: &[Vec<String>]) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &(p, at) in found {
        let end = at + phrases[p].len() - 1;
        match runs.last_mut() {
            Some(last) if at <= last.1 => last.1 = last.1.max(end),
            _ => runs.push((at, end)),
        }
    }
    runs
}

/// `text` with every searched phrase marked.
pub fn highlight(text: &str, phrases: &[Vec<String>]) -> String {
    let tokens = tokens(text);
    let runs = runs(&instances(&tokens, phrases), phrases);
    let (mut out, off) = mark(text, &tokens, &runs, None);
    out.push_str(&text[off..]);
    out
}

/// Copies `text` with marks around `runs`, only tokens `range` (first, last) when given, up to
/// the returned offset (the rest is the caller's).
fn mark(
    text: &str,
    tokens: &[Token],
    runs: &[(usize, usize)],
    range: Option<(usize, usize)>,
) -> (String, usize) {
    let mut out = String::with_capacity(text.len() + 16);
    let mut runs = runs.iter().copied().peekable();
    if let Some((first, _)) = range {
        while runs.next_if(|r| r.0 < first).is_some() {}
    }
    let mut off = 0;
    let mut open = false;
    for (pos, token) in tokens.iter().enumerate() {
        if let Some((first, last)) = range {
            if pos < first || pos > last {
                continue;
            }
            if first > 0 && pos == first {
                off = token.start;
            }
        }
        let run = runs.peek().copied();
        if open && run.is_none_or(|r| pos <= r.0) && token.start > off {
            out.push_str(CLOSE);
            open = false;
        }
        if run.is_some_and(|r| r.0 == pos) && !open {
            out.push_str(&text[off..token.start]);
            out.push_str(OPEN);
            off = token.start;
            open = true;
        }
        if run.is_some_and(|r| r.1 == pos) {
            if !open {
                out.push_str(OPEN);
                open = true;
            }
            out.push_str(&text[off..token.end]);
            off = token.end;
            runs.next();
        }
        if range.is_some_and(|r| r.1 == pos) {
            if open {
                if runs.peek().is_some_and(|r| pos >= r.0) {
                    out.push_str(&text[off..token.end]);
                    off = token.end;
                }
                out.push_str(CLOSE);
                open = false;
            }
            out.push_str(&text[off..token.end]);
            off = token.end;
        }
    }
    if open {
        out.push_str(CLOSE);
    }
    (out, off)
}

/// The best `EXCERPT_TOKENS` words of `text` for the searched phrases, marked, with an
/// ellipsis where text was left out: the window holding the most different phrases (then
/// the most occurrences), centred on them, or the sentence they are in when that scores more.
pub fn snippet(text: &str, phrases: &[Vec<String>]) -> String {
    let n = EXCERPT_TOKENS as i64;
    let tokens = tokens(text);
    let size = tokens.len() as i64;
    let found = instances(&tokens, phrases);
    let sentences = sentence_starts(text, &tokens);
    // The score of the window from `from`, and where to start it to centre its matches.
    let score = |from: i64| -> (i64, i64) {
        let mut seen = vec![false; phrases.len()];
        let (mut total, mut first, mut last) = (0, -1_i64, 0_i64);
        for &(p, at) in &found {
            let at = at as i64;
            if at >= from && at < from + n {
                total += if seen[p] { 1 } else { 1000 };
                seen[p] = true;
                if first < 0 {
                    first = at;
                }
                last = at + phrases[p].len() as i64;
            }
        }
        let mut adjusted = first - (n - (last - first)) / 2;
        if adjusted + n > size {
            adjusted = size - n;
        }
        (total, adjusted.max(0))
    };
    let (mut best, mut start) = (0, 0);
    for &(_, at) in &found {
        let at = at as i64;
        let (total, adjusted) = score(at);
        if total > best {
            (best, start) = (total, adjusted);
        }
        if !sentences.is_empty() && size > n {
            let mut s = 0;
            while s + 1 < sentences.len() && sentences[s + 1] <= at {
                s += 1;
            }
            let from = sentences[s];
            if from < at {
                let total = score(from).0 + if from == 0 { 120 } else { 100 };
                if total > best {
                    (best, start) = (total, from);
                }
            }
        }
    }
    let last = start + n - 1;
    let runs = runs(&found, phrases);
    let mut out = String::new();
    if start > 0 {
        out.push_str(ELLIPSIS);
    }
    let (marked, off) = mark(text, &tokens, &runs, Some((start as usize, last as usize)));
    out.push_str(&marked);
    if last >= size - 1 {
        out.push_str(&text[off..]);
    } else {
        out.push_str(ELLIPSIS);
    }
    out
}

/// The tokens that begin a sentence: the first, and each after a full stop or colon and space.
fn sentence_starts(text: &str, tokens: &[Token]) -> Vec<i64> {
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    for (pos, token) in tokens.iter().enumerate() {
        if pos == 0 {
            starts.push(0);
            continue;
        }
        let before = &bytes[..token.start];
        let spaces = before
            .iter()
            .rev()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .count();
        if spaces > 0
            && spaces < before.len()
            && matches!(before[before.len() - spaces - 1], b'.' | b':')
        {
            starts.push(pos as i64);
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(typed: &str) -> Vec<Vec<String>> {
        phrases(typed.split(' '))
    }

    #[test]
    fn words_are_folded_as_the_index_folds_them() {
        let folded: Vec<String> = tokens("¿Educación?  ÑANDÚ, 5G y co\u{301}digo")
            .into_iter()
            .map(|t| t.folded)
            .collect();
        assert_eq!(folded, ["educacion", "nandu", "5g", "y", "codigo"]);
        assert_eq!(words("Políticas públicas"), [["politicas"], ["publicas"]]);
    }

    #[test]
    fn a_title_marks_every_searched_word_with_or_without_accents() {
        assert_eq!(
            highlight(
                "Educación digital: la educacion de hoy",
                &words("educación")
            ),
            "\u{1}Educación\u{2} digital: la \u{1}educacion\u{2} de hoy"
        );
        assert_eq!(
            highlight("Datos abiertos", &words("datos abiertos")),
            "\u{1}Datos\u{2} \u{1}abiertos\u{2}"
        );
        assert_eq!(highlight("Nada aquí", &words("datos")), "Nada aquí");
        assert_eq!(highlight("", &words("datos")), "");
    }

    #[test]
    fn a_short_text_is_its_own_excerpt() {
        assert_eq!(
            snippet("¿Quién guarda los datos? Nadie.", &words("datos")),
            "¿Quién guarda los \u{1}datos\u{2}? Nadie."
        );
        assert_eq!(
            snippet("Sin coincidencias.", &words("datos")),
            "Sin coincidencias."
        );
    }

    #[test]
    fn a_long_text_is_cut_around_its_matches() {
        let text = (1..=60)
            .map(|i| {
                if i == 40 {
                    "privacidad".to_string()
                } else {
                    format!("p{i}")
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        let cut = snippet(&text, &words("privacidad"));
        assert!(cut.starts_with("…p29 ") && cut.ends_with(" p52…"), "{cut}");
        assert!(cut.contains(" \u{1}privacidad\u{2} "), "{cut}");
        // Without a match the excerpt is the beginning.
        let start = snippet(&text, &words("zanahoria"));
        assert!(
            start.starts_with("p1 p2 ") && start.ends_with(" p24…"),
            "{start}"
        );
    }

    #[test]
    fn an_excerpt_prefers_the_sentence_of_its_match() {
        let filler = (1..=30).map(|i| format!("w{i}")).collect::<Vec<_>>();
        let text = format!(
            "{}. Los datos importan {}",
            filler.join(" "),
            filler.join(" ")
        );
        let cut = snippet(&text, &words("datos"));
        assert!(
            cut.starts_with("…Los \u{1}datos\u{2} importan w1 "),
            "{cut}"
        );
    }
}
