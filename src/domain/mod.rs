//! Pure domain types: values that exist only when valid. No web, no database.

pub mod consultation;
pub mod digest;
mod email;
mod email_kind;
mod locale;
pub mod markdown;
pub mod marks;
mod moderation;
pub(crate) mod named;
pub mod network;
pub mod notification;
mod password;
mod post;
mod role;
pub mod search;
pub mod token;
pub mod transparency;
mod username;

pub use consultation::{ContributionKind, Phase, Stakeholder};
pub use digest::Frequency;
pub use email::{mask as mask_email, EmailAddress, EmailError};
pub use email_kind::EmailKind;
pub use locale::Locale;
pub use moderation::{ModAction, Origin, ReportReason};
pub use named::UnknownName;
pub use notification::{NotificationKind, NotifyEmail};
pub use password::{Password, PasswordError};
pub use post::{PostBody, PostStatus, TextError, ThreadTitle, BODY_MAX};
pub use role::Role;
pub use username::{Username, UsernameError};
