//! Who is asking: the session cookie's member (if any) and the seed of their CSRF token.

use std::future::{ready, Ready};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::cookie::{time::Duration, Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, Error, FromRequest, HttpMessage, HttpRequest};

use super::AppState;
use crate::domain::token;
use crate::error::AppError;
use crate::services::auth::{self, Member};

/// The session cookie.
pub const SESSION_COOKIE: &str = "tertulia_session";
/// The anonymous visitor's CSRF seed cookie.
pub const SEED_COOKIE: &str = "tertulia_csrf";

/// The person behind a request.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub member: Option<Member>,
    /// What the CSRF token is derived from: the session, or the anonymous seed cookie.
    pub csrf_seed: String,
    /// The anonymous seed is new and must be set as a cookie when a form is shown.
    pub fresh_seed: Option<String>,
}

impl Viewer {
    /// The signed-in member, or Unauthenticated.
    pub fn require(&self) -> Result<&Member, AppError> {
        self.member.as_ref().ok_or(AppError::Unauthenticated)
    }
}

fn secure(req: &ServiceRequest) -> bool {
    req.app_data::<web::Data<AppState>>()
        .is_some_and(|s| s.settings.site.base_url.scheme() == "https")
}

/// A cookie that only the server reads: HttpOnly, SameSite=Lax, Secure under https.
pub fn private_cookie(
    name: &'static str,
    value: String,
    max_age: Duration,
    secure: bool,
) -> Cookie<'static> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(max_age)
        .finish()
}

/// Loads the member behind the session cookie, or reads (or makes) the anonymous seed.
pub async fn load_viewer(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| actix_web::error::ErrorInternalServerError("no state"))?;
    let session = req.cookie(SESSION_COOKIE).map(|c| c.value().to_string());
    let member = match session.clone() {
        Some(secret) if !secret.is_empty() => match auth::find_member(&state.pool, secret).await {
            Ok(found) => found,
            // Answered as a page by the error handler around this middleware.
            Err(e) => return Ok(req.error_response(e).map_into_right_body()),
        },
        _ => None,
    };
    let stale_cookie = session.is_some() && member.is_none();
    let viewer = match member {
        Some(m) => Viewer {
            csrf_seed: format!("s:{}", m.session_hash),
            member: Some(m),
            fresh_seed: None,
        },
        None => match req.cookie(SEED_COOKIE).map(|c| c.value().to_string()) {
            Some(seed) if seed.len() == 43 => Viewer {
                member: None,
                csrf_seed: format!("a:{seed}"),
                fresh_seed: None,
            },
            _ => {
                let seed = token::random();
                Viewer {
                    member: None,
                    csrf_seed: format!("a:{seed}"),
                    fresh_seed: Some(seed),
                }
            }
        },
    };
    let is_secure = secure(&req);
    req.extensions_mut().insert(viewer);
    let mut res = next.call(req).await?;
    if stale_cookie {
        let gone = private_cookie(SESSION_COOKIE, String::new(), Duration::ZERO, is_secure);
        res.response_mut()
            .add_removal_cookie(&gone)
            .map_err(actix_web::error::ErrorInternalServerError)?;
    }
    Ok(res.map_into_left_body())
}

/// The viewer of this request (anonymous when the middleware did not run).
pub fn current(req: &HttpRequest) -> Viewer {
    req.extensions().get::<Viewer>().cloned().unwrap_or(Viewer {
        member: None,
        csrf_seed: String::new(),
        fresh_seed: None,
    })
}

/// Lowers the header's unread count of this request by `n` notifications a page marked read.
pub fn notifications_read(req: &HttpRequest, n: usize) {
    if n == 0 {
        return;
    }
    if let Some(member) = req
        .extensions_mut()
        .get_mut::<Viewer>()
        .and_then(|v| v.member.as_mut())
    {
        member.unread_notifications = (member.unread_notifications - n as i64).max(0);
    }
}

impl FromRequest for Viewer {
    type Error = Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(current(req)))
    }
}
