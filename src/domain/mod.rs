//! Pure domain types: values that exist only when valid. No web, no database.

mod locale;

pub use locale::{Locale, UnknownLocale};
