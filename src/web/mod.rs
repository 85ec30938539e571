//! HTTP: routes, handlers by area, extractors, middleware and rendering. The only place (with
//! `startup` and `error`) that knows actix-web.

mod account;
mod admin;
mod assets;
mod auth;
mod boards;
pub mod cache;
mod csrf;
pub mod errors;
mod feeds;
mod forms;
mod health;
mod locale;
mod member_digests;
pub mod middleware;
mod moderation;
mod posts;
mod recovery;
pub mod render;
mod search;
pub mod session;
mod subscriptions;
mod threads;

use std::sync::Arc;

use actix_web::{web, HttpRequest};
use tokio::sync::Notify;

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
    /// Wakes the outbox worker after a request queued mail.
    pub mail_wakeup: Arc<Notify>,
    /// Rendered pages for visitors without a session.
    pub cache: cache::PageCache,
}

/// The visitor's address, for per-address limits.
pub fn client_ip(req: &HttpRequest, state: &AppState) -> String {
    let info = req.connection_info();
    let addr = if state.settings.server.behind_proxy {
        info.realip_remote_addr()
    } else {
        info.peer_addr()
    };
    addr.unwrap_or("unknown").to_string()
}

/// Registers every route.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(boards::index))
        .route("/b/{slug}", web::get().to(boards::show))
        .route("/b/{slug}", web::post().to(threads::create))
        .route("/b/{slug}/new", web::get().to(threads::new_page))
        .route("/b/{slug}/feed.atom", web::get().to(feeds::board))
        .route("/t/{id}", web::get().to(threads::show))
        .route("/t/{id}/reply", web::post().to(threads::reply))
        .route("/t/{id}/feed.atom", web::get().to(feeds::thread))
        .route("/p/{id}", web::get().to(posts::permalink))
        .route("/p/{id}/edit", web::get().to(posts::edit_page))
        .route("/p/{id}/edit", web::post().to(posts::edit))
        .route("/p/{id}/history", web::get().to(posts::history))
        .route("/p/{id}/delete", web::get().to(posts::delete_page))
        .route("/p/{id}/delete", web::post().to(posts::delete))
        .route("/search", web::get().to(search::search))
        .route("/p/{id}/flag", web::get().to(moderation::flag_page))
        .route("/p/{id}/flag", web::post().to(moderation::flag))
        .route("/p/{id}/appeal", web::post().to(moderation::appeal_post))
        .route("/appeal", web::post().to(moderation::appeal_suspension))
        .route("/mod", web::get().to(moderation::queue))
        .route(
            "/mod/posts/{id}/{action}",
            web::post().to(moderation::post_action),
        )
        .route(
            "/mod/threads/{id}/{action}",
            web::post().to(moderation::thread_action),
        )
        .route(
            "/mod/users/{id}/{action}",
            web::post().to(moderation::user_action),
        )
        .route(
            "/mod/appeals/{id}/{action}",
            web::post().to(moderation::appeal_decision),
        )
        .route("/modlog", web::get().to(moderation::modlog))
        .route("/modlog/feed.atom", web::get().to(feeds::modlog))
        .route("/rules", web::get().to(moderation::rules))
        .route("/admin", web::get().to(admin::index))
        .route("/admin/boards", web::post().to(admin::save_board))
        .route("/admin/moderators", web::post().to(admin::appoint))
        .route(
            "/admin/moderators/{id}/revoke",
            web::post().to(admin::revoke),
        )
        .route("/admin/rules", web::post().to(admin::save_rule))
        .route("/admin/settings", web::post().to(admin::save_settings))
        .route("/admin/outbox/{id}/{action}", web::post().to(admin::outbox))
        .route("/register", web::get().to(auth::register_page))
        .route("/register", web::post().to(auth::register))
        .route("/register/sent", web::get().to(auth::register_sent))
        .route("/verify/resend", web::post().to(auth::resend))
        .route("/verify/{token}", web::get().to(auth::verify))
        .route("/login", web::get().to(auth::login_page))
        .route("/login", web::post().to(auth::login))
        .route("/logout", web::post().to(auth::logout))
        .route("/password/forgot", web::get().to(recovery::forgot_page))
        .route("/password/forgot", web::post().to(recovery::forgot))
        .route(
            "/password/forgot/sent",
            web::get().to(recovery::forgot_sent),
        )
        .route(
            "/password/reset/{token}",
            web::get().to(recovery::reset_page),
        )
        .route("/password/reset/{token}", web::post().to(recovery::reset))
        .route("/u/{username}", web::get().to(account::profile))
        .route("/settings", web::get().to(account::settings_get))
        .route("/settings", web::post().to(account::settings_post))
        .route("/settings/export", web::get().to(account::export))
        .route("/settings/delete", web::post().to(account::delete))
        .route("/subscribe", web::get().to(subscriptions::subscribe_page))
        .route("/subscribe", web::post().to(subscriptions::subscribe))
        .route(
            "/subscribe/sent",
            web::get().to(subscriptions::subscribe_sent),
        )
        .route(
            "/subscribe/confirm/{token}",
            web::get().to(subscriptions::confirm),
        )
        .route(
            "/unsubscribe/{token}",
            web::get().to(subscriptions::unsubscribe_page),
        )
        .route(
            "/unsubscribe/{token}",
            web::post().to(subscriptions::unsubscribe),
        )
        .route("/t/{id}/watch", web::post().to(member_digests::watch))
        .route("/t/{id}/unwatch", web::post().to(member_digests::unwatch))
        .route("/healthz", web::get().to(health::check))
        .route("/livez", web::get().to(health::live))
        .route("/assets/{path:.*}", web::get().to(assets::serve))
        .default_service(web::to(errors::not_found));
}
