//! What members write: thread titles and post bodies, with their limits, and where a post or
//! thread stands.

use super::named::named;

named! {
    /// Where a post (or a thread, by its opening post) stands.
    pub enum PostStatus ("post status") {
        /// Everyone sees it.
        Published = "published",
        /// Held for a moderator: only its author and moderators see it.
        Pending = "pending",
        /// Hidden by a moderator or by reports: readers see a placeholder.
        Hidden = "hidden",
        /// Deleted by its author or removed: readers see a tombstone.
        Deleted = "deleted",
    }
}

impl PostStatus {
    /// Statuses every reader sees in a thread (posts, tombstones and placeholders).
    pub const SHOWN: [PostStatus; 3] = [
        PostStatus::Published,
        PostStatus::Deleted,
        PostStatus::Hidden,
    ];
}

/// A thread title: 5 to 200 characters after trimming.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadTitle(String);

/// A post body: not blank, at most 50,000 characters of Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostBody(String);

/// Why a title or body was refused (catalogue key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("title-too-short")]
    TitleTooShort,
    #[error("title-too-long")]
    TitleTooLong,
    #[error("body-empty")]
    BodyEmpty,
    #[error("body-too-long")]
    BodyTooLong,
    #[error("body-too-nested")]
    BodyTooNested,
}

/// The deepest nesting of quotes and lists a post may have. Rendering time grows with the
/// square of the depth (50,000 `>` took seconds), and no conversation needs more.
pub const NESTING_MAX: usize = 32;

/// How many quotes and list items open at the start of `line` (`> > - 1. text` is 4).
fn containers_opened(line: &str) -> usize {
    let mut depth = 0;
    let mut rest = line.trim_start();
    loop {
        if let Some(r) = rest.strip_prefix('>') {
            depth += 1;
            rest = r.trim_start();
            continue;
        }
        let bullet = rest
            .strip_prefix(['-', '*', '+'])
            .filter(|r| r.starts_with([' ', '\t']));
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let numbered = (1..=9)
            .contains(&digits)
            .then(|| &rest[digits..])
            .and_then(|r| {
                r.strip_prefix(['.', ')'])
                    .filter(|r| r.starts_with([' ', '\t']))
            });
        match bullet.or(numbered) {
            Some(r) => {
                depth += 1;
                rest = r.trim_start();
            }
            None => return depth,
        }
    }
}

/// The deepest nesting in `body`: containers opened on one line, plus list items nested by
/// indentation (two spaces a level, as most editors write them).
fn nesting(body: &str) -> usize {
    body.lines()
        .map(|line| {
            let indent = line.len() - line.trim_start_matches(' ').len();
            let opened = containers_opened(line);
            if opened > 0 {
                opened + indent / 2
            } else {
                0
            }
        })
        .max()
        .unwrap_or(0)
}

/// The longest post body, in characters.
pub const BODY_MAX: usize = 50_000;

impl ThreadTitle {
    /// Parses a title typed by a member (inner whitespace collapsed).
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        let title = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        match title.chars().count() {
            n if n < 5 => Err(TextError::TitleTooShort),
            n if n > 200 => Err(TextError::TitleTooLong),
            _ => Ok(Self(title)),
        }
    }

    /// The title.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl PostBody {
    /// Parses a body (line endings normalised, trailing space trimmed).
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        let body = raw.replace("\r\n", "\n");
        let body = body.trim_end();
        if body.trim().is_empty() {
            return Err(TextError::BodyEmpty);
        }
        if body.chars().count() > BODY_MAX {
            return Err(TextError::BodyTooLong);
        }
        if nesting(body) > NESTING_MAX {
            return Err(TextError::BodyTooNested);
        }
        Ok(Self(body.to_string()))
    }

    /// The Markdown source.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_before_rendering() {
        assert_eq!(
            PostBody::parse(&">".repeat(50_000)),
            Err(TextError::BodyTooNested)
        );
        assert_eq!(
            PostBody::parse(&">- ".repeat(16_000)),
            Err(TextError::BodyTooNested)
        );
        let deep_list: String = (0..40)
            .map(|i| format!("{}- a\n", "  ".repeat(i)))
            .collect();
        assert_eq!(PostBody::parse(&deep_list), Err(TextError::BodyTooNested));
        // Ordinary quoting and lists pass, so do code blocks and arithmetic.
        let ordinary = "> > > cita de una cita\n\n- uno\n  - dos\n    1. tres\n\n    código\n3 > 2";
        assert!(PostBody::parse(ordinary).is_ok());
        assert!(PostBody::parse(&"> ".repeat(NESTING_MAX)).is_ok());
        assert!(PostBody::parse(&"-".repeat(50_000)).is_ok());
    }

    #[test]
    fn titles_are_5_to_200_characters() {
        assert_eq!(
            ThreadTitle::parse("  ab  c "),
            Err(TextError::TitleTooShort)
        );
        assert_eq!(
            ThreadTitle::parse("Hola  a\n todos").unwrap().as_str(),
            "Hola a todos"
        );
        assert!(ThreadTitle::parse(&"á".repeat(200)).is_ok());
        assert_eq!(
            ThreadTitle::parse(&"á".repeat(201)),
            Err(TextError::TitleTooLong)
        );
    }

    #[test]
    fn bodies_are_not_blank_and_at_most_50000_characters() {
        assert_eq!(PostBody::parse(" \n\t "), Err(TextError::BodyEmpty));
        assert!(PostBody::parse(&"ñ".repeat(BODY_MAX)).is_ok());
        assert_eq!(
            PostBody::parse(&"ñ".repeat(BODY_MAX + 1)),
            Err(TextError::BodyTooLong)
        );
        assert_eq!(PostBody::parse("a\r\nb  \n").unwrap().as_str(), "a\nb");
    }
}
