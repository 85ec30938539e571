//! What members write: thread titles and post bodies, with their limits.

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
