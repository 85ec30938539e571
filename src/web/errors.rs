//! Error pages in the site layout and the reader's language.

use actix_web::dev::ServiceResponse;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use serde::Serialize;

use super::{render, AppState};
use crate::error::AppError;
use crate::i18n;

/// The default service: no route matched.
pub async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}

#[derive(Serialize)]
struct ErrorPage {
    status: u16,
    title: String,
    body: String,
    back: Option<String>,
}

/// A path that exists, asked with a method it does not take: 405 with the methods it does.
pub async fn method_not_allowed(allow: String) -> HttpResponse {
    HttpResponse::MethodNotAllowed()
        .insert_header((header::ALLOW, allow))
        .finish()
}

/// Where "go back" may point: the referring page of this same site.
fn same_site_referer(req: &HttpRequest) -> Option<String> {
    let state = req.app_data::<web::Data<AppState>>()?;
    let referer = req.headers().get(header::REFERER)?.to_str().ok()?;
    let base = state.settings.site.base_url.as_str().trim_end_matches('/');
    let rest = referer.strip_prefix(base)?;
    rest.starts_with('/').then(|| rest.to_string())
}

/// `/login?next=…` for a page that needs a signed-in member.
pub fn login_redirect_for(req: &HttpRequest) -> HttpResponse {
    let next = match req.query_string() {
        "" => req.path().to_string(),
        q => format!("{}?{q}", req.path()),
    };
    let query = serde_urlencoded::to_string([("next", next)]).unwrap_or_default();
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/login?{query}")))
        .finish()
}

fn keys(status: StatusCode, error: Option<&AppError>) -> (&'static str, &'static str) {
    if let Some(e) = error {
        let title = e.title_key();
        let body = match e {
            AppError::NotFound => "error-not-found-body",
            AppError::Unauthenticated => "error-unauthenticated-body",
            AppError::Forbidden => "error-forbidden-body",
            AppError::CsrfRejected => "error-csrf-body",
            AppError::Unverified => "error-unverified-body",
            AppError::Suspended => "error-suspended-body",
            AppError::BadRequest(_) => "error-bad-request-body",
            AppError::Validation(_) => "error-validation-body",
            AppError::Conflict => "error-conflict-body",
            AppError::Gone => "error-gone-body",
            AppError::RateLimited { .. } => "error-rate-limited-body",
            AppError::Unavailable => "error-unavailable-body",
            AppError::Unexpected(_) => "error-unexpected-body",
        };
        return (title, body);
    }
    match status {
        StatusCode::NOT_FOUND => ("error-not-found-title", "error-not-found-body"),
        StatusCode::FORBIDDEN => ("error-forbidden-title", "error-forbidden-body"),
        StatusCode::METHOD_NOT_ALLOWED => ("error-method-title", "error-method-body"),
        s if s.is_server_error() => ("error-unexpected-title", "error-unexpected-body"),
        _ => ("error-bad-request-title", "error-bad-request-body"),
    }
}

/// Replaces a bare error response with a full page; pages already rendered are kept.
pub fn render_error_page<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let req = res.request().clone();
    if status == StatusCode::UNAUTHORIZED && req.method() == Method::GET {
        let (req, _) = res.into_parts();
        let redirect = login_redirect_for(&req);
        return Ok(ErrorHandlerResponse::Response(
            ServiceResponse::new(req, redirect).map_into_right_body(),
        ));
    }
    let error = res
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>());
    let (title_key, body_key) = keys(status, error);
    let locale = super::locale::current(&req);
    let mut args = i18n::Args::new();
    let body_key = match error {
        Some(AppError::RateLimited { retry_after_secs }) => {
            args.insert(
                "minutes".into(),
                (retry_after_secs.div_ceil(60).max(1) as i64).into(),
            );
            "rate-limited-minutes"
        }
        _ => body_key,
    };
    let back = match error {
        Some(AppError::CsrfRejected) => same_site_referer(&req).or(Some("/".into())),
        _ => None,
    };
    let data = ErrorPage {
        status: status.as_u16(),
        title: render::text(&req, title_key),
        body: i18n::text(locale, body_key, Some(&args)),
        back,
    };
    let page = match render::page(&req, status, "pages/errors/error", &data.title, &data) {
        Ok(page) => page,
        Err(e) => {
            tracing::error!(error = %e, "cannot render the error page");
            return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
        }
    };
    let (req, old) = res.into_parts();
    let mut new = page;
    for (name, value) in old.headers() {
        if name != header::CONTENT_TYPE
            && name != header::CONTENT_LENGTH
            && name != header::CONTENT_ENCODING
        {
            new.headers_mut().insert(name.clone(), value.clone());
        }
    }
    new.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, new).map_into_right_body(),
    ))
}

impl AppError {
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
            res.insert_header((
                "Retry-After",
                crate::error::UNAVAILABLE_RETRY_SECS.to_string(),
            ));
        }
        res.content_type("text/plain; charset=utf-8")
            .body(self.status_code().canonical_reason().unwrap_or("error"))
    }
}
