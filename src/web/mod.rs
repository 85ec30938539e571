//! HTTP: routes, handlers by area, extractors, middleware and rendering. The only place (with
//! `startup` and `error`) that knows actix-web.

mod assets;
mod boards;
pub mod errors;
mod health;
mod locale;
pub mod middleware;
pub mod render;

use std::sync::Arc;

use actix_web::web;

use crate::config::Settings;
use crate::db::Pool;

pub use assets::AssetManifest;
pub use render::Renderer;

/// What every handler can reach.
pub struct AppState {
    pub pool: Pool,
    pub settings: Arc<Settings>,
    pub renderer: Renderer,
    pub assets: Arc<AssetManifest>,
    /// Signs tokens; shared by every instance through the database.
    pub secret: String,
}

/// Registers every route.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(boards::index))
        .route("/b/{slug}", web::get().to(boards::show))
        .route("/healthz", web::get().to(health::check))
        .route("/assets/{path:.*}", web::get().to(assets::serve))
        .default_service(web::to(errors::not_found));
}
