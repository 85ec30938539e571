//! Usernames: 3–30 letters, digits, `_` or `-`; unique regardless of case.

use std::fmt;

use serde::Serialize;

/// A valid username, as the member typed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Username(String);

/// Why a username was refused (catalogue key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UsernameError {
    #[error("username-too-short")]
    TooShort,
    #[error("username-too-long")]
    TooLong,
    #[error("username-bad-characters")]
    BadCharacters,
}

impl Username {
    /// Parses a username typed by a person (surrounding spaces ignored).
    pub fn parse(raw: &str) -> Result<Self, UsernameError> {
        let s = raw.trim();
        let len = s.chars().count();
        if len < 3 {
            return Err(UsernameError::TooShort);
        }
        if len > 30 {
            return Err(UsernameError::TooLong);
        }
        if !s
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        {
            return Err(UsernameError::BadCharacters);
        }
        Ok(Self(s.to_string()))
    }

    /// The name as typed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form compared for uniqueness and lookups.
    pub fn key(&self) -> String {
        Self::key_of(&self.0)
    }

    /// The lookup key of any string (lower case).
    pub fn key_of(raw: &str) -> String {
        raw.trim().to_lowercase()
    }

    /// What the name looks like (Unicode TR39 confusable skeleton, lower case): two names with
    /// the same skeleton are easily mistaken for each other.
    pub fn skeleton(&self) -> String {
        Self::skeleton_of(&self.0)
    }

    /// The skeleton of any string.
    pub fn skeleton_of(raw: &str) -> String {
        use unicode_security::confusable_detection::skeleton;
        let once: String = skeleton(&raw.trim().to_lowercase()).collect();
        skeleton(&once.to_lowercase())
            .collect::<String>()
            .to_lowercase()
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alike_names_share_a_skeleton() {
        let latin = Username::parse("admin").unwrap();
        let cyrillic = Username::parse("\u{430}dmin").unwrap();
        assert_ne!(latin.key(), cyrillic.key());
        assert_eq!(latin.skeleton(), cyrillic.skeleton());
        assert_eq!(
            Username::parse("Ana").unwrap().skeleton(),
            Username::parse("\u{410}na").unwrap().skeleton()
        );
        assert_ne!(
            Username::parse("ana").unwrap().skeleton(),
            Username::parse("ane").unwrap().skeleton()
        );
    }

    #[test]
    fn accepts_letters_digits_underscore_and_dash() {
        for ok in [
            "ana",
            "María_José",
            "user-42",
            "ñandú",
            "abc",
            &"a".repeat(30),
        ] {
            assert!(Username::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn refuses_short_long_and_odd_characters() {
        assert_eq!(Username::parse("ab"), Err(UsernameError::TooShort));
        assert_eq!(
            Username::parse(&"a".repeat(31)),
            Err(UsernameError::TooLong)
        );
        for bad in [
            "ana maría",
            "ana@x",
            "<script>",
            "a.b.c",
            "ana/..",
            "emoji😀",
        ] {
            assert_eq!(
                Username::parse(bad),
                Err(UsernameError::BadCharacters),
                "{bad}"
            );
        }
    }

    #[test]
    fn keys_ignore_case() {
        assert_eq!(
            Username::parse("María").unwrap().key(),
            Username::parse("MARÍA").unwrap().key()
        );
    }
}
