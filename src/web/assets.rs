//! Static files compiled into the binary, served under names that carry their content hash.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use rust_embed::RustEmbed;
use sha2::{Digest, Sha256};

use super::AppState;
use crate::error::AppError;

#[derive(RustEmbed)]
#[folder = "assets/"]
struct AssetFiles;

/// Maps each asset's path to its fingerprinted public name and back.
#[derive(Debug, Default)]
pub struct AssetManifest {
    public_by_path: HashMap<String, String>,
    path_by_public: HashMap<String, String>,
}

impl AssetManifest {
    /// Hashes every embedded asset.
    pub fn build() -> Self {
        let mut manifest = Self::default();
        for path in AssetFiles::iter() {
            let Some(file) = AssetFiles::get(&path) else {
                continue;
            };
            let hash = hex::encode(&Sha256::digest(&file.data)[..6]);
            let public = match path.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
                None => format!("{path}.{hash}"),
            };
            manifest
                .path_by_public
                .insert(public.clone(), path.to_string());
            manifest.public_by_path.insert(path.to_string(), public);
        }
        manifest
    }

    /// The URL of an asset, e.g. `/assets/css/site.1a2b3c4d5e6f.css`.
    pub fn url(&self, path: &str) -> Option<String> {
        self.public_by_path
            .get(path)
            .map(|public| format!("/assets/{public}"))
    }
}

/// `GET /assets/{fingerprinted name}`: cached for a year, never revalidated.
pub async fn serve(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let original = state
        .assets
        .path_by_public
        .get(path.as_str())
        .ok_or(AppError::NotFound)?;
    let file = AssetFiles::get(original).ok_or(AppError::NotFound)?;
    let mime = mime_guess::from_path(original).first_or_octet_stream();
    Ok(HttpResponse::Ok()
        .content_type(mime.essence_str())
        .insert_header(("Cache-Control", "public, max-age=31536000, immutable"))
        .body(file.data.into_owned()))
}

/// What crawlers may read: the conversations, boards, profiles and public log, not the
/// personal, moderation or one-time pages, nor search (each query a new page).
const ROBOTS: &str = "User-agent: *\n\
Disallow: /settings\n\
Disallow: /notifications\n\
Disallow: /mod\n\
Disallow: /admin\n\
Disallow: /login\n\
Disallow: /register\n\
Disallow: /welcome\n\
Disallow: /password/\n\
Disallow: /verify/\n\
Disallow: /subscribe\n\
Disallow: /unsubscribe/\n\
Disallow: /search\n";

/// `GET /robots.txt`
pub async fn robots() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=86400"))
        .body(ROBOTS)
}
