//! Rendered, compressed pages for visitors without a session, with ETag and 304. Each entry
//! remembers the content version it was rendered at; every write bumps the version in the
//! database, so every instance stops serving a page the moment anything changes.

use std::collections::HashMap;
use std::sync::Mutex;

use actix_web::body::{to_bytes, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::{web, Error, HttpResponse};
use sha2::{Digest, Sha256};

use super::session::SESSION_COOKIE;
use super::AppState;

/// Bytes of pages kept at most; the cache is cleared when full (pages render again quickly),
/// so memory stays bounded on a small server.
const MAX_BYTES: usize = 8 << 20;

/// How long into an outage of the database visitors are still served cached pages.
const STALE_FOR: std::time::Duration = std::time::Duration::from_secs(30 * 60);

struct Cached {
    version: i64,
    /// The site's day it was rendered on: consultations open and close with the days, and
    /// pages count the days left, so no page outlives its day.
    day: chrono::NaiveDate,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    etag: String,
}

/// The cache of one process.
#[derive(Default)]
pub struct PageCache {
    entries: Mutex<Entries>,
    version: VersionCheck,
}

/// Reads the content version for many requests at once, never with a read that began before
/// the request arrived: each request waits for the first read that starts after it, and while
/// one read runs, every request arriving meanwhile shares the next one. Under 64 concurrent
/// visitors this makes a handful of database round trips instead of one per page, and no page
/// is ever checked against a version older than its request.
#[derive(Default)]
struct VersionCheck {
    state: Mutex<CheckState>,
    done: tokio::sync::Notify,
}

#[derive(Default)]
struct CheckState {
    /// Reads started so far; the one numbered `started + 1` begins after whoever looks now.
    started: u64,
    /// The highest-numbered read that finished, and what it read.
    finished: u64,
    version: i64,
    running: bool,
}

impl PageCache {
    /// The content version, read after this request arrived (shared with the requests that
    /// arrived meanwhile): what caches of this process may be checked against.
    pub async fn content_version(
        &self,
        pool: &crate::db::Pool,
    ) -> Result<i64, crate::error::AppError> {
        self.version.current(pool).await
    }
}

impl VersionCheck {
    async fn current(&self, pool: &crate::db::Pool) -> Result<i64, crate::error::AppError> {
        let lock = || self.state.lock().unwrap_or_else(|e| e.into_inner());
        let target = lock().started + 1;
        loop {
            let waiting = {
                let mut s = lock();
                if s.finished >= target {
                    return Ok(s.version);
                }
                if s.running {
                    // Registered before the lock is released: the wake-up cannot be missed.
                    Some(self.done.notified())
                } else {
                    s.running = true;
                    s.started += 1;
                    None
                }
            };
            if let Some(waiting) = waiting {
                waiting.await;
                continue;
            }
            let read = crate::services::site::content_version(pool).await;
            let mut s = lock();
            s.running = false;
            if let Ok(version) = read {
                s.finished = s.started;
                s.version = version;
            }
            drop(s);
            self.done.notify_waiters();
            return read;
        }
    }
}

#[derive(Default)]
struct Entries {
    map: HashMap<String, std::sync::Arc<Cached>>,
    bytes: usize,
}

fn key(req: &ServiceRequest) -> Option<String> {
    if req.method() != Method::GET
        || req.cookie(SESSION_COOKIE).is_some()
        || req.cookie(super::render::FLASH_COOKIE).is_some()
    {
        return None;
    }
    let path = req.path();
    if path.starts_with("/assets/") || path == "/healthz" || path == "/livez" {
        return None;
    }
    let header = |name| {
        req.headers()
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let encoding = header(header::ACCEPT_ENCODING);
    let encoding = if encoding.contains("br") {
        "br"
    } else if encoding.contains("gzip") {
        "gzip"
    } else {
        "identity"
    };
    let lang = req
        .cookie("lang")
        .map(|c| c.value().to_string())
        .unwrap_or_default();
    Some(format!(
        "{}?{}|{lang}|{}|{encoding}",
        path,
        req.query_string(),
        header(header::ACCEPT_LANGUAGE)
    ))
}

fn respond(req: ServiceRequest, hit: &Cached) -> ServiceResponse<BoxBody> {
    let res = answer(req.headers(), hit);
    req.into_response(res)
}

/// The cached page, or 304 when the request already holds this version of it.
fn answer(request: &header::HeaderMap, hit: &Cached) -> HttpResponse {
    let fresh = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == hit.etag));
    let mut res = if fresh {
        HttpResponse::NotModified().finish()
    } else {
        HttpResponse::build(hit.status).body(hit.body.clone())
    };
    for (name, value) in &hit.headers {
        if !fresh || name == header::ETAG || name == header::VARY || name == header::CACHE_CONTROL {
            res.headers_mut().append(name.clone(), value.clone());
        }
    }
    res
}

/// Serves anonymous GETs from the cache while the content version is unchanged.
pub async fn serve_cached(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let Some(key) = key(&req) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let hit = |state: &AppState| {
        state
            .cache
            .entries
            .lock()
            .ok()
            .and_then(|e| e.map.get(&key).cloned())
    };
    let version = match state.cache.version.current(&state.pool).await {
        Ok(version) => version,
        Err(e) => {
            // The database is away: readers keep reading what was cached, for a while.
            let stale_ok = state.pool.unreachable_for().is_some_and(|d| d < STALE_FOR);
            return match hit(&state).filter(|_| stale_ok) {
                Some(stale) => Ok(respond(req, &stale)),
                // Answered as a page by the error handler around this middleware.
                None => Ok(req.error_response(e)),
            };
        }
    };
    let today = crate::services::consultations::today(state.settings.site.timezone);
    if let Some(hit) = hit(&state).filter(|h| h.version == version && h.day == today) {
        return Ok(respond(req, &hit));
    }
    let res = next.call(req).await?;
    let cacheable = res.status() == StatusCode::OK
        && !res.headers().contains_key(header::SET_COOKIE)
        && !res
            .headers()
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("private"))
        && res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html") || t.starts_with("application/atom+xml"));
    if !cacheable {
        return Ok(res.map_into_boxed_body());
    }
    let (req, res) = res.into_parts();
    let (mut head, body) = res.into_parts();
    let body = to_bytes(body)
        .await
        .map_err(|_| actix_web::error::ErrorInternalServerError("body"))?;
    let etag = format!("\"{}\"", hex::encode(&Sha256::digest(&body)[..12]));
    head.headers_mut().insert(
        header::ETAG,
        HeaderValue::from_str(&etag).map_err(actix_web::error::ErrorInternalServerError)?,
    );
    let entry = std::sync::Arc::new(Cached {
        version,
        day: today,
        status: head.status(),
        headers: head.headers().clone(),
        body: body.clone(),
        etag,
    });
    // Rendered anew (another write moved the version) but the same page: the browser's copy
    // is still good.
    let res = answer(req.headers(), &entry);
    if let Ok(mut entries) = state.cache.entries.lock() {
        let size = key.len() + body.len();
        if entries.bytes + size > MAX_BYTES {
            entries.map.clear();
            entries.bytes = 0;
        }
        entries.bytes += size;
        if let Some(old) = entries.map.insert(key, entry) {
            entries.bytes = entries.bytes.saturating_sub(old.body.len());
        }
    }
    Ok(ServiceResponse::new(req, res))
}
