//! Pure domain types: values that exist only when valid. No web, no database.

mod email;
mod locale;
mod password;
mod role;
pub mod token;
mod username;

pub use email::{mask as mask_email, EmailAddress, EmailError};
pub use locale::{Locale, UnknownLocale};
pub use password::{Password, PasswordError};
pub use role::{Role, UnknownRole};
pub use username::{Username, UsernameError};
