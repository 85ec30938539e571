//! CSRF protection: every POST form carries `csrf_token`, an HMAC of the visitor's session
//! (or, when logged out, of a random cookie) under the site secret.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::session::{self, Viewer};
use super::AppState;
use crate::domain::token;
use crate::error::AppError;

/// The token a form must carry for this viewer.
pub fn token_for(viewer: &Viewer, secret: &str) -> String {
    token::sign(secret, &format!("csrf|{}", viewer.csrf_seed))
}

#[derive(Deserialize)]
struct TokenField {
    #[serde(default)]
    csrf_token: String,
}

/// A urlencoded form whose `csrf_token` was checked; a missing or wrong one is a 403.
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let body = body.await?;
            let field: TokenField =
                serde_urlencoded::from_bytes(&body).map_err(|_| AppError::Forbidden)?;
            let viewer = session::current(&req);
            let secret = req
                .app_data::<web::Data<AppState>>()
                .map(|s| s.secret.clone())
                .unwrap_or_default();
            if viewer.csrf_seed.is_empty()
                || !token::verify(
                    &secret,
                    &format!("csrf|{}", viewer.csrf_seed),
                    &field.csrf_token,
                )
            {
                tracing::warn!(path = req.path(), "CSRF token missing or wrong");
                return Err(AppError::CsrfRejected.into());
            }
            let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&body)
                .map_err(|e| AppError::BadRequest(e.to_string()))?;
            if fields
                .iter()
                .any(|(k, v)| k.contains('\0') || v.contains('\0'))
            {
                return Err(AppError::field("_form", "input-nul").into());
            }
            let form: T = serde_urlencoded::from_bytes(&body)
                .map_err(|e| AppError::BadRequest(e.to_string()))?;
            Ok(CsrfForm(form))
        })
    }
}
