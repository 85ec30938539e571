//! What wraps every request: logging, security headers, compression, language, error pages.

use std::time::{Duration, Instant};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::Method;
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::web::{Bytes, BytesMut};
use actix_web::{Error, HttpMessage, HttpResponse};
use futures::StreamExt;

use super::locale;

/// The Content-Security-Policy: nothing inline, nothing from elsewhere.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Logs one line per request: method, path, status and time.
pub async fn log_request(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.path().to_owned();
    let res = next.call(req).await?;
    tracing::info!(
        target: "tertulia::http",
        %method,
        path,
        status = res.status().as_u16(),
        ms = format_args!("{:.2}", started.elapsed().as_secs_f64() * 1000.0),
        "request"
    );
    Ok(res)
}

/// Chooses the language and remembers an explicit `?lang=` in a cookie.
pub async fn choose_locale(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let chosen = locale::choose(&req);
    req.extensions_mut().insert(chosen);
    let mut res = next.call(req).await?;
    if chosen.from_query {
        res.response_mut()
            .add_cookie(&locale::cookie(chosen.locale))
            .map_err(actix_web::error::ErrorInternalServerError)?;
    }
    Ok(res)
}

/// The security headers on every response.
pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("Content-Security-Policy", CSP))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=()",
        ))
}

/// Serves HEAD exactly as GET; the server leaves the body out of a HEAD answer by itself.
pub async fn head_as_get(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    if req.method() == Method::HEAD {
        req.head_mut().method = Method::GET;
    }
    next.call(req).await
}

/// A NUL byte is never part of a path or a query here: 404 before any handler sees it (some
/// databases refuse it with an error).
pub async fn refuse_nul(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    // A URI cannot carry a raw NUL byte, only `%00`.
    let uri = req.uri();
    let nul = |s: &str| s.as_bytes().windows(3).any(|w| w == b"%00");
    if nul(uri.path()) || uri.query().is_some_and(nul) {
        let (req, _) = req.into_parts();
        let res = HttpResponse::NotFound().finish();
        return Ok(ServiceResponse::new(req, res).map_into_right_body());
    }
    Ok(next.call(req).await?.map_into_left_body())
}

/// Under an https base URL: every cookie `Secure`, and `Strict-Transport-Security`.
pub async fn https_only(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let https = req
        .app_data::<actix_web::web::Data<super::AppState>>()
        .is_some_and(|s| s.settings.site.base_url.scheme() == "https");
    let mut res = next.call(req).await?;
    if https {
        let headers = res.headers_mut();
        let cookies: Vec<HeaderValue> = headers.get_all(header::SET_COOKIE).cloned().collect();
        headers.remove(header::SET_COOKIE);
        for cookie in cookies {
            let text = cookie.to_str().unwrap_or_default();
            let secured = if text.to_ascii_lowercase().contains("; secure") {
                cookie.clone()
            } else {
                HeaderValue::from_str(&format!("{text}; Secure")).unwrap_or(cookie.clone())
            };
            headers.append(header::SET_COOKIE, secured);
        }
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    Ok(res)
}

/// Reads a request's body within `server.body_timeout_seconds` (a body trickled in byte by
/// byte would otherwise hold a connection for as long as the client likes): 408 past it.
pub async fn body_deadline(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    if req.method() != Method::POST {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    let deadline = req
        .app_data::<actix_web::web::Data<super::AppState>>()
        .map_or(Duration::from_secs(10), |s| s.settings.server.body_timeout);
    let mut payload = req.take_payload();
    let read = tokio::time::timeout(deadline, async {
        let mut body = BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk?;
            if body.len() + chunk.len() > BODY_READ_LIMIT {
                return Err(actix_web::error::ErrorPayloadTooLarge("body too large"));
            }
            body.extend_from_slice(&chunk);
        }
        Ok::<_, Error>(body.freeze())
    })
    .await;
    match read {
        Ok(Ok(body)) => {
            req.set_payload(bytes_payload(body));
            Ok(next.call(req).await?.map_into_left_body())
        }
        Ok(Err(e)) => Err(e),
        Err(_) => {
            tracing::warn!(
                path = req.path(),
                "request body not sent within the deadline"
            );
            let (req, _) = req.into_parts();
            let res = HttpResponse::RequestTimeout()
                .insert_header((header::CONNECTION, "close"))
                .finish();
            Ok(ServiceResponse::new(req, res).map_into_right_body())
        }
    }
}

/// The most a body may be before the form extractors refuse it (they allow 1 MiB).
const BODY_READ_LIMIT: usize = (1 << 20) + 1024;

fn bytes_payload(body: Bytes) -> Payload {
    let stream = futures::stream::once(async move { Ok::<_, PayloadError>(body) });
    Payload::Stream {
        payload: Box::pin(stream),
    }
}
