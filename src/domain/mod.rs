//! Pure domain types: values that exist only when valid. No web, no database.

pub mod digest;
mod email;
mod email_kind;
mod locale;
pub mod markdown;
pub mod network;
mod password;
mod post;
mod role;
pub mod search;
pub mod token;
mod username;

pub use email::{mask as mask_email, EmailAddress, EmailError};
pub use email_kind::{EmailKind, UnknownEmailKind};
pub use locale::{Locale, UnknownLocale};
pub use password::{Password, PasswordError};
pub use post::{PostBody, TextError, ThreadTitle, BODY_MAX};
pub use role::{Role, UnknownRole};
pub use username::{Username, UsernameError};
