//! `GET /healthz`: says whether the database answers.

use actix_web::{web, HttpResponse};

use super::AppState;

/// 200 "ok" when a query succeeds, 503 otherwise.
pub async fn check(state: web::Data<AppState>) -> HttpResponse {
    match crate::services::site::ping(&state.pool).await {
        Ok(()) => HttpResponse::Ok().content_type("text/plain").body("ok"),
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), "health check failed");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain")
                .body("database unavailable")
        }
    }
}
