//! `GET /healthz`: says whether the database answers; `GET /livez`: whether the process does.

use actix_web::{web, HttpResponse};

use super::AppState;

/// 200 "ok" when a query succeeds, 503 otherwise.
pub async fn check(state: web::Data<AppState>) -> HttpResponse {
    match crate::services::site::ping(&state.pool).await {
        Ok(()) => HttpResponse::Ok().content_type("text/plain").body("ok"),
        Err(e) => {
            // An outage is logged once by the pool; other failures here, every time.
            if !matches!(e, crate::error::AppError::Unavailable) {
                tracing::error!(error = format!("{e:#}"), "health check failed");
            }
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain")
                .body("database unavailable")
        }
    }
}

/// 200 "ok" without touching the database: the process serves requests (and the cheapest
/// route, which the load benchmark takes as its ceiling).
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("ok")
}
