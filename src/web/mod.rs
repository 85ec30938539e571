//! HTTP: routes, handlers by area, extractors, middleware and rendering. The only place (with
//! `startup` and `error`) that knows actix-web.

mod account;
mod admin;
mod affiliation;
mod assets;
mod auth;
mod boards;
pub mod cache;
mod consultations;
mod csrf;
pub mod errors;
mod feeds;
mod forms;
mod fragments;
mod health;
mod locale;
mod member_digests;
pub mod middleware;
mod moderation;
mod modlog;
mod notifications;
mod open_data;
mod palette;
mod posts;
mod privacy;
mod recovery;
pub mod render;
mod reports;
mod search;
pub mod session;
mod subscriptions;
mod threads;
mod transparency;

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
    /// Search results of the current content version, for everyone.
    pub searches: crate::services::reading::SearchCache,
    /// Rendered posts and board rows of the current content version, for members' pages.
    pub fragments: fragments::Fragments,
}

/// The visitor's address, for per-address limits: the peer, or behind our own proxies
/// (`server.behind_proxy`) the right-most `X-Forwarded-For` address they did not add.
pub fn client_ip(req: &HttpRequest, state: &AppState) -> String {
    let Some(peer) = req.peer_addr().map(|a| a.ip()) else {
        return "unknown".into();
    };
    let server = &state.settings.server;
    if !server.behind_proxy {
        return peer.to_string();
    }
    let forwarded: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .collect();
    crate::domain::network::client_address(peer, &forwarded, &server.trusted_proxies).to_string()
}

/// Registers `path` with one handler per method; any other method answers 405 with `Allow`
/// (HEAD is served as GET by `middleware::head_as_get`).
macro_rules! at {
    ($cfg:expr, $path:expr, $($method:ident => $handler:expr),+ $(,)?) => {{
        let mut allow: Vec<&'static str> = Vec::new();
        $(
            if stringify!($method) == "get" {
                allow.extend(["GET", "HEAD"]);
            } else {
                allow.push("POST");
            }
        )+
        let allow = allow.join(", ");
        $cfg.service(
            web::resource($path)
                $(.route(web::$method().to($handler)))+
                .default_service(web::to(move || errors::method_not_allowed(allow.clone()))),
        );
    }};
}

/// Registers every route.
pub fn routes(cfg: &mut web::ServiceConfig) {
    at!(cfg, "/", get => boards::index, get => boards::index);
    at!(cfg, "/b/{slug}", get => boards::show, post => threads::create);
    at!(cfg, "/b/{slug}/new", get => threads::new_page);
    at!(cfg, "/b/{slug}/feed.atom", get => feeds::board);
    at!(cfg, "/t/{id}", get => threads::show);
    at!(cfg, "/t/{id}/reply", post => threads::reply);
    at!(cfg, "/t/{id}/feed.atom", get => feeds::thread);
    at!(cfg, "/t/{id}/export.csv", get => open_data::csv);
    at!(cfg, "/t/{id}/export.json", get => open_data::json);
    at!(cfg, "/t/{id}/report", get => open_data::report);
    at!(cfg, "/p/{id}", get => posts::permalink);
    at!(cfg, "/p/{id}/edit", get => posts::edit_page, post => posts::edit);
    at!(cfg, "/p/{id}/history", get => posts::history);
    at!(cfg, "/p/{id}/delete", get => posts::delete_page, post => posts::delete);
    at!(cfg, "/search", get => search::search);
    at!(cfg, "/consultations", get => consultations::index);
    at!(cfg, "/consultations/new", get => consultations::new_page, post => consultations::create);
    at!(cfg, "/mod/consultations/{id}/close", post => consultations::close);
    at!(cfg, "/mod/consultations/{id}/synthesis", post => consultations::synthesis);
    at!(cfg, "/p/{id}/flag", get => reports::flag_page, post => reports::flag);
    at!(cfg, "/p/{id}/appeal", post => reports::appeal_post);
    at!(cfg, "/p/{id}/support", post => posts::support);
    at!(cfg, "/p/{id}/unsupport", post => posts::unsupport);
    at!(cfg, "/appeal", post => reports::appeal_suspension);
    at!(cfg, "/mod", get => moderation::queue);
    at!(cfg, "/mod/posts/{id}/{action}", post => moderation::post_action);
    at!(cfg, "/mod/threads/{id}/{action}", post => moderation::thread_action);
    at!(cfg, "/mod/users/{id}/{action}", post => moderation::user_action);
    at!(cfg, "/mod/appeals/{id}/{action}", post => moderation::appeal_decision);
    at!(cfg, "/mod/revisions/{id}/purge", post => moderation::purge_revision);
    at!(cfg, "/modlog", get => modlog::modlog);
    at!(cfg, "/modlog/feed.atom", get => feeds::modlog);
    at!(cfg, "/rules", get => modlog::rules);
    at!(cfg, "/transparency", get => transparency::page);
    at!(cfg, "/transparency.csv", get => transparency::csv);
    at!(cfg, "/transparency.json", get => transparency::json);
    at!(cfg, "/privacy", get => privacy::privacy);
    at!(cfg, "/admin", get => admin::index);
    at!(cfg, "/admin/boards", post => admin::save_board);
    at!(cfg, "/admin/moderators", post => admin::appoint);
    at!(cfg, "/admin/moderators/{id}/revoke", post => admin::revoke);
    at!(cfg, "/admin/rules", post => admin::save_rule);
    at!(cfg, "/admin/settings", post => admin::save_settings);
    at!(cfg, "/admin/outbox/{id}/{action}", post => admin::outbox);
    at!(cfg, "/admin/stakeholder-domains", post => affiliation::save_domain);
    at!(cfg, "/mod/users/{id}/affiliation/{action}", post => affiliation::decide);
    at!(cfg, "/register", get => auth::register_page, post => auth::register);
    at!(cfg, "/register/sent", get => auth::register_sent);
    at!(cfg, "/verify/resend", post => auth::resend);
    at!(cfg, "/verify/{token}", get => auth::verify);
    at!(cfg, "/welcome", get => auth::welcome);
    at!(cfg, "/login", get => auth::login_page, post => auth::login);
    at!(cfg, "/logout", post => auth::logout);
    at!(cfg, "/password/forgot", get => recovery::forgot_page, post => recovery::forgot);
    at!(cfg, "/password/forgot/sent", get => recovery::forgot_sent);
    at!(cfg, "/password/reset/{token}", get => recovery::reset_page, post => recovery::reset);
    at!(cfg, "/u/{username}", get => account::profile);
    at!(cfg, "/u/{username}/ignore", post => account::ignore);
    at!(cfg, "/u/{username}/unignore", post => account::unignore);
    at!(cfg, "/settings", get => account::settings_get, post => account::settings_post);
    at!(cfg, "/settings/export", get => account::export);
    at!(cfg, "/settings/delete", post => account::delete);
    at!(cfg, "/settings/affiliation/{token}", get => affiliation::confirm);
    at!(cfg, "/subscribe", get => subscriptions::subscribe_page, post => subscriptions::subscribe);
    at!(cfg, "/subscribe/sent", get => subscriptions::subscribe_sent);
    at!(cfg, "/subscribe/confirm/{token}", get => subscriptions::confirm);
    at!(cfg, "/unsubscribe/{token}", get => subscriptions::unsubscribe_page, post => subscriptions::unsubscribe);
    at!(cfg, "/t/{id}/watch", post => member_digests::watch);
    at!(cfg, "/t/{id}/unread", get => notifications::first_unread);
    at!(cfg, "/notifications", get => notifications::index);
    at!(cfg, "/notifications/read", post => notifications::read_all);
    at!(cfg, "/notifications/email-off/{token}", get => notifications::email_off_confirm, post => notifications::email_off);
    at!(cfg, "/t/{id}/unwatch", post => member_digests::unwatch);
    at!(cfg, "/healthz", get => health::check);
    at!(cfg, "/livez", get => health::live);
    at!(cfg, "/robots.txt", get => assets::robots);
    at!(cfg, "/assets/{path:.*}", get => assets::serve);
    cfg.default_service(web::to(errors::not_found));
}
