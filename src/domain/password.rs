//! Passwords: at least 10 characters and not easy to guess (zxcvbn score 2 or more).

use std::fmt;

use zxcvbn::feedback::Warning;
use zxcvbn::Score;

/// A password good enough to keep; never printed.
#[derive(Clone)]
pub struct Password(String);

/// The longest password accepted (hashing cost stays bounded).
pub const MAX_LEN: usize = 256;

/// Why a password was refused (catalogue key).
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum PasswordError {
    #[error("password-too-short")]
    TooShort,
    #[error("password-too-long")]
    TooLong,
    #[error("{}", weak_key(*.0))]
    Weak(Option<Warning>),
}

/// The catalogue key that says why zxcvbn found a password weak.
fn weak_key(warning: Option<Warning>) -> &'static str {
    match warning {
        Some(
            Warning::ThisIsATop10Password
            | Warning::ThisIsATop100Password
            | Warning::ThisIsACommonPassword
            | Warning::ThisIsSimilarToACommonlyUsedPassword,
        ) => "password-weak-common",
        Some(
            Warning::StraightRowsOfKeysAreEasyToGuess
            | Warning::ShortKeyboardPatternsAreEasyToGuess,
        ) => "password-weak-keyboard",
        Some(
            Warning::RepeatsLikeAaaAreEasyToGuess
            | Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess
            | Warning::SequencesLikeAbcAreEasyToGuess,
        ) => "password-weak-repeats",
        Some(Warning::RecentYearsAreEasyToGuess | Warning::DatesAreOftenEasyToGuess) => {
            "password-weak-dates"
        }
        Some(
            Warning::AWordByItselfIsEasyToGuess
            | Warning::NamesAndSurnamesByThemselvesAreEasyToGuess
            | Warning::CommonNamesAndSurnamesAreEasyToGuess,
        ) => "password-weak-words",
        None => "password-weak",
    }
}

impl Password {
    /// Checks a new password; `related` are the member's own words (username, email).
    pub fn parse(raw: &str, related: &[&str]) -> Result<Self, PasswordError> {
        let len = raw.chars().count();
        if len < 10 {
            return Err(PasswordError::TooShort);
        }
        if raw.len() > MAX_LEN {
            return Err(PasswordError::TooLong);
        }
        let estimate = zxcvbn::zxcvbn(raw, related);
        if estimate.score() < Score::Two {
            return Err(PasswordError::Weak(
                estimate.feedback().and_then(|f| f.warning()),
            ));
        }
        Ok(Self(raw.to_string()))
    }

    /// The secret itself, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_weak_passwords_are_refused_with_a_reason() {
        assert_eq!(
            Password::parse("corta", &[]).unwrap_err(),
            PasswordError::TooShort
        );
        let common = Password::parse("password123", &[]).unwrap_err();
        assert_eq!(common.to_string(), "password-weak-common");
        let keyboard = Password::parse("qwertyuiop", &[]).unwrap_err();
        assert!(
            keyboard.to_string().starts_with("password-weak"),
            "{keyboard}"
        );
        assert!(Password::parse("anagarcia1", &["anagarcia"]).is_err());
        assert_eq!(
            Password::parse(&"x".repeat(MAX_LEN + 1), &[]).unwrap_err(),
            PasswordError::TooLong
        );
    }

    #[test]
    fn a_passphrase_is_accepted_and_never_printed() {
        let p = Password::parse("caballo correcto batería grapa", &[]).unwrap();
        assert_eq!(format!("{p:?}"), "Password(***)");
    }
}
