//! Which language a request is answered in: `?lang=` (remembered in a cookie), the cookie,
//! then `Accept-Language`, then the site default.

use std::future::{ready, Ready};

use actix_web::cookie::{time::Duration, Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest};
use actix_web::http::header::ACCEPT_LANGUAGE;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};

use super::AppState;
use crate::domain::Locale;

const COOKIE: &str = "lang";

/// The language chosen for this request, and whether `?lang=` asked for it.
#[derive(Debug, Clone, Copy)]
pub struct Chosen {
    pub locale: Locale,
    pub from_query: bool,
}

/// Reads the request's language preference.
pub fn choose(req: &ServiceRequest) -> Chosen {
    let from_query = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
        .ok()
        .and_then(|q| {
            q.iter()
                .find(|(k, _)| k == "lang")
                .and_then(|(_, v)| v.parse::<Locale>().ok())
        });
    if let Some(locale) = from_query {
        return Chosen {
            locale,
            from_query: true,
        };
    }
    let locale = req
        .cookie(COOKIE)
        .and_then(|c| c.value().parse().ok())
        .or_else(|| {
            req.extensions()
                .get::<super::session::Viewer>()
                .and_then(|v| v.member.as_ref().map(|m| m.locale))
        })
        .or_else(|| {
            req.headers()
                .get(ACCEPT_LANGUAGE)
                .and_then(|h| h.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or_else(|| {
            req.app_data::<web::Data<AppState>>()
                .map_or(Locale::Es, |s| s.settings.site.default_locale)
        });
    Chosen {
        locale,
        from_query: false,
    }
}

/// The cookie that remembers an explicit choice for a year.
pub fn cookie(locale: Locale) -> Cookie<'static> {
    Cookie::build(COOKIE, locale.as_str())
        .path("/")
        .max_age(Duration::days(365))
        .same_site(SameSite::Lax)
        .http_only(true)
        .finish()
}

impl FromRequest for Locale {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(current(req)))
    }
}

/// The language chosen by the middleware for this request.
pub fn current(req: &HttpRequest) -> Locale {
    req.extensions()
        .get::<Chosen>()
        .map_or(Locale::Es, |c| c.locale)
}
