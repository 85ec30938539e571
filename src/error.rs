//! `AppError`: every way a service or request can fail, in the services' terms. Which status
//! and which page each one answers with is the web layer's business (`web::errors`).

use std::collections::BTreeMap;

use crate::db::{DbError, PoolError};

/// Messages for the fields of a form that was not accepted, by field name (catalogue keys).
pub type FieldErrors = BTreeMap<String, String>;

/// An error that ends a request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("authentication required")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    /// A suspended member may read but not post, flag or edit.
    #[error("suspended")]
    Suspended,
    /// Posting needs a confirmed email address.
    #[error("email not verified")]
    Unverified,
    /// A POST without the right `csrf_token`.
    #[error("CSRF token missing or wrong")]
    CsrfRejected,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("the form has errors")]
    Validation(FieldErrors),
    #[error("conflict")]
    Conflict,
    /// A link that was used or has expired.
    #[error("gone")]
    Gone,
    #[error("rate limited for {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// The database cannot be reached just now; the reader may try again shortly.
    #[error("the database is unreachable")]
    Unavailable,
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        if crate::db::is_locked(&e) {
            return AppError::Unavailable;
        }
        AppError::Unexpected(anyhow::Error::new(e).context("database query failed"))
    }
}

impl From<PoolError> for AppError {
    fn from(e: PoolError) -> Self {
        match e {
            PoolError::Unavailable => AppError::Unavailable,
            e => AppError::Unexpected(anyhow::Error::new(e)),
        }
    }
}

/// Seconds a reader is asked to wait while the database is unreachable.
pub const UNAVAILABLE_RETRY_SECS: u64 = 5;

impl AppError {
    /// A form error on one field (the message is a catalogue key).
    pub fn field(name: &str, key: &str) -> Self {
        let mut errors = FieldErrors::new();
        errors.insert(name.to_string(), key.to_string());
        AppError::Validation(errors)
    }
}
