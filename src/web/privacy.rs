//! `GET /privacy`: what the site keeps about people, for how long and who sees it, with the
//! numbers of this site's configuration.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

use super::render;
use super::AppState;
use crate::config::Settings;
use crate::error::AppError;
use crate::services::{accounts, auth, subscriptions};

/// The periods and limits the page states, all from the configuration in force.
#[derive(Debug, Serialize)]
struct PrivacyPage {
    sent_mail_days: u32,
    flag_reporter_days: u32,
    ip_hours: u32,
    /// A session ends after this many days without use.
    session_days: i64,
    unconfirmed_days: u32,
    verify_hours: i64,
    confirm_days: i64,
    login_window_minutes: u32,
    login_failures_per_ip: u32,
    registrations_per_ip_per_hour: u32,
}

impl PrivacyPage {
    fn of(settings: &Settings) -> Self {
        let r = &settings.retention;
        Self {
            sent_mail_days: r.sent_mail_days,
            flag_reporter_days: r.flag_reporter_days,
            ip_hours: r.ip_hours,
            session_days: auth::SESSION_DAYS.min(r.session_idle_days.into()),
            unconfirmed_days: r.unconfirmed_days,
            verify_hours: accounts::VERIFY_HOURS,
            confirm_days: subscriptions::CONFIRM_DAYS,
            login_window_minutes: settings.limits.login_window_minutes,
            login_failures_per_ip: settings.limits.login_failures_per_ip,
            registrations_per_ip_per_hour: settings.limits.registrations_per_ip_per_hour,
        }
    }
}

/// `GET /privacy`
pub async fn privacy(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let title = render::text(&req, "privacy-title");
    let page = PrivacyPage::of(&state.settings);
    render::page(&req, StatusCode::OK, "pages/privacy", &title, &page)
}
