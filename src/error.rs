//! `AppError`: every way a request can fail, and the status each one answers with. The page a
//! person sees is rendered by `web::errors` in the site layout and the reader's language.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

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

    /// The catalogue key of the page title for this error.
    pub fn title_key(&self) -> &'static str {
        match self {
            AppError::NotFound => "error-not-found-title",
            AppError::Unauthenticated => "error-unauthenticated-title",
            AppError::Forbidden => "error-forbidden-title",
            AppError::CsrfRejected => "error-csrf-title",
            AppError::Unverified => "error-unverified-title",
            AppError::Suspended => "error-suspended-title",
            AppError::BadRequest(_) => "error-bad-request-title",
            AppError::Validation(_) => "error-validation-title",
            AppError::Conflict => "error-conflict-title",
            AppError::Gone => "error-gone-title",
            AppError::RateLimited { .. } => "error-rate-limited-title",
            AppError::Unavailable => "error-unavailable-title",
            AppError::Unexpected(_) => "error-unexpected-title",
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden
            | AppError::CsrfRejected
            | AppError::Unverified
            | AppError::Suspended => StatusCode::FORBIDDEN,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict => StatusCode::CONFLICT,
            AppError::Gone => StatusCode::GONE,
            AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::Unexpected(e) = self {
            tracing::error!(error = format!("{e:#}"), "request failed");
        }
        let mut res = HttpResponse::build(self.status_code());
        if let AppError::RateLimited { retry_after_secs } = self {
            res.insert_header(("Retry-After", retry_after_secs.to_string()));
        }
        if let AppError::Unavailable = self {
            res.insert_header(("Retry-After", UNAVAILABLE_RETRY_SECS.to_string()));
        }
        res.content_type("text/plain; charset=utf-8")
            .body(self.status_code().canonical_reason().unwrap_or("error"))
    }
}
