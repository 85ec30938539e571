//! Registration, email confirmation, login and logout.

use actix_web::cookie::time::Duration;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::csrf::CsrfForm;
use super::forms::{Field, FormView};
use super::render::{self, redirect, redirect_with_flash};
use super::session::{private_cookie, Viewer, SESSION_COOKIE};
use super::{client_ip, AppState};
use crate::domain::Locale;
use crate::error::AppError;
use crate::services::accounts::{self, Confirmed, Registration};
use crate::services::auth::{self, SESSION_DAYS};

/// A page with a heading, a paragraph and links onward.
#[derive(Serialize)]
pub struct MessagePage {
    pub heading: String,
    pub body: String,
    pub links: Vec<Link>,
}

/// A link with its text.
#[derive(Serialize)]
pub struct Link {
    pub href: String,
    pub text: String,
}

/// Links from (href, catalogue key) pairs.
fn link_list(req: &HttpRequest, links: &[(&str, &str)]) -> Vec<Link> {
    links
        .iter()
        .map(|(href, key)| Link {
            href: href.to_string(),
            text: render::text(req, key),
        })
        .collect()
}

/// Ends the session cookie on this response.
pub fn clear_session_cookie(res: &mut HttpResponse) -> Result<(), AppError> {
    let gone = private_cookie(SESSION_COOKIE, String::new(), Duration::ZERO, false);
    res.add_removal_cookie(&gone)
        .map_err(|e| AppError::Unexpected(e.into()))
}

/// Renders a message page; `links` are (href, catalogue key).
pub fn message(
    req: &HttpRequest,
    status: StatusCode,
    heading: &str,
    body: &str,
    links: &[(&str, &str)],
) -> Result<HttpResponse, AppError> {
    let page = MessagePage {
        heading: render::text(req, heading),
        body: render::text(req, body),
        links: link_list(req, links),
    };
    render::page(req, status, "pages/message", &page.heading.clone(), &page)
}

/// A page holding one form.
#[derive(Serialize)]
pub struct FormPage {
    heading: String,
    intro: Option<String>,
    form: FormView,
    links: Vec<Link>,
}

impl FormPage {
    /// Renders `form` under `heading` (catalogue keys), with links (href, key) below.
    pub fn show(
        req: &HttpRequest,
        status: StatusCode,
        heading: &str,
        intro: Option<&str>,
        form: FormView,
        links: &[(&str, &str)],
    ) -> Result<HttpResponse, AppError> {
        let page = FormPage {
            heading: render::text(req, heading),
            intro: intro.map(|k| render::text(req, k)),
            form,
            links: link_list(req, links),
        };
        render::page(req, status, "pages/form", &page.heading.clone(), &page)
    }
}

/// A refused form: its status, the form with its messages, and how long to wait if limited.
pub struct Refusal {
    pub status: StatusCode,
    pub form: FormView,
    pub retry_after: Option<u64>,
}

impl Refusal {
    /// Reads a validation or rate-limit error into `form`; other errors pass through.
    pub fn of(locale: Locale, error: AppError, form: FormView) -> Result<Self, AppError> {
        match error {
            AppError::Validation(errors) => Ok(Self {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                form: form.errors(&errors),
                retry_after: None,
            }),
            AppError::RateLimited { retry_after_secs } => {
                let mut args = crate::i18n::Args::new();
                let minutes = retry_after_secs.div_ceil(60).max(1) as i64;
                args.insert("minutes".into(), minutes.into());
                let text = crate::i18n::text(locale, "rate-limited-minutes", Some(&args));
                Ok(Self {
                    status: StatusCode::TOO_MANY_REQUESTS,
                    form: form.form_error(text),
                    retry_after: Some(retry_after_secs),
                })
            }
            other => Err(other),
        }
    }

    /// Adds `Retry-After` to a rendered response when the form was rate limited.
    pub fn finish(retry_after: Option<u64>, mut res: HttpResponse) -> HttpResponse {
        if let Some(secs) = retry_after {
            res.headers_mut()
                .insert(actix_web::http::header::RETRY_AFTER, secs.into());
        }
        res
    }
}

/// Renders a refused form again: 422 with the messages, 429 when rate limited.
pub fn refused(
    req: &HttpRequest,
    error: AppError,
    form: FormView,
    show: impl FnOnce(StatusCode, FormView) -> Result<HttpResponse, AppError>,
) -> Result<HttpResponse, AppError> {
    let r = Refusal::of(super::locale::current(req), error, form)?;
    Ok(Refusal::finish(r.retry_after, show(r.status, r.form)?))
}

const REGISTER_FIELDS: [Field; 3] = [
    Field {
        name: "username",
        kind: "text",
        label: "field-username",
        hint: Some("field-username-hint"),
        autocomplete: "username",
    },
    Field {
        name: "email",
        kind: "email",
        label: "field-email",
        hint: None,
        autocomplete: "email",
    },
    Field {
        name: "password",
        kind: "password",
        label: "field-password",
        hint: Some("field-password-hint"),
        autocomplete: "new-password",
    },
];

fn register_form(locale: Locale) -> FormView {
    FormView::new(locale, "/register", "register-submit", &REGISTER_FIELDS).honeypot()
}

fn show_register(
    req: &HttpRequest,
    status: StatusCode,
    form: FormView,
) -> Result<HttpResponse, AppError> {
    FormPage::show(
        req,
        status,
        "register-title",
        Some("register-intro"),
        form,
        &[("/login", "register-have-account")],
    )
}

/// `GET /register`
pub async fn register_page(req: HttpRequest, locale: Locale) -> Result<HttpResponse, AppError> {
    show_register(&req, StatusCode::OK, register_form(locale))
}

/// The registration form's fields.
#[derive(Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    /// The honeypot: people leave it empty.
    #[serde(default)]
    website: String,
}

/// `POST /register`
pub async fn register(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    CsrfForm(f): CsrfForm<RegisterForm>,
) -> Result<HttpResponse, AppError> {
    if !f.website.is_empty() {
        tracing::info!("registration honeypot filled; ignored");
        return Ok(redirect("/register/sent"));
    }
    let typed = register_form(locale).values(&[("username", &f.username), ("email", &f.email)]);
    let browser_key = crate::domain::token::random();
    let registration = Registration {
        username: f.username,
        email: f.email,
        password: f.password,
        locale,
        ip: client_ip(&req, &state),
        browser_key: browser_key.clone(),
    };
    match accounts::register(&state.pool, &state.settings.limits, registration).await {
        Ok(()) => {
            state.mail_wakeup.notify_one();
            // The same answer whether or not the address was new: the key matches no link
            // when no account was made.
            let mut res = redirect("/register/sent");
            res.add_cookie(&private_cookie(
                JOINING_COOKIE,
                browser_key,
                Duration::hours(accounts::VERIFY_HOURS),
                is_secure(&state),
            ))
            .map_err(|e| AppError::Unexpected(e.into()))?;
            Ok(res)
        }
        Err(e) => refused(&req, e, typed, |status, form| {
            show_register(&req, status, form)
        }),
    }
}

/// `GET /welcome`: what a new member can do first.
pub async fn welcome(req: HttpRequest, viewer: Viewer) -> Result<HttpResponse, AppError> {
    #[derive(Serialize)]
    struct WelcomePage {
        signed_in: bool,
    }
    let title = render::text(&req, "welcome-title");
    let page = WelcomePage {
        signed_in: viewer.member.is_some(),
    };
    render::page(&req, StatusCode::OK, "pages/welcome", &title, &page)
}

/// `GET /register/sent`
pub async fn register_sent(req: HttpRequest) -> Result<HttpResponse, AppError> {
    message(
        &req,
        StatusCode::OK,
        "register-sent-title",
        "register-sent-body",
        &[("/login", "nav-login")],
    )
}

/// The cookie that tells the browser that registered: its key signs the new member in when
/// their verification link is opened there.
const JOINING_COOKIE: &str = "tertulia_joining";

/// Puts a new session's secret in its cookie on this response.
fn start_session_cookie(
    res: &mut HttpResponse,
    secret: String,
    secure: bool,
) -> Result<(), AppError> {
    res.add_cookie(&private_cookie(
        SESSION_COOKIE,
        secret,
        Duration::days(SESSION_DAYS),
        secure,
    ))
    .map_err(|e| AppError::Unexpected(e.into()))
}

fn is_secure(state: &AppState) -> bool {
    state.settings.site.base_url.scheme() == "https"
}

/// `GET /verify/{token}`: confirms an address (new account or changed email). A new account's
/// link opened in the browser that registered signs the member in; either way it lands on the
/// welcome page.
pub async fn verify(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    // Someone already signed in keeps their session.
    let browser_key = req
        .cookie(JOINING_COOKIE)
        .filter(|_| viewer.member.is_none())
        .map(|c| c.value().to_string());
    match accounts::confirm_email(&state.pool, token.into_inner(), browser_key).await {
        Ok(Confirmed::Verified { session: None }) => {
            Ok(redirect_with_flash("/welcome", "flash-verified"))
        }
        Ok(Confirmed::Verified {
            session: Some(secret),
        }) => {
            let mut res = redirect_with_flash("/welcome", "flash-verified-signed-in");
            let secure = is_secure(&state);
            start_session_cookie(&mut res, secret, secure)?;
            let used = private_cookie(JOINING_COOKIE, String::new(), Duration::ZERO, secure);
            res.add_removal_cookie(&used)
                .map_err(|e| AppError::Unexpected(e.into()))?;
            Ok(res)
        }
        Ok(Confirmed::EmailChanged) => Ok(redirect_with_flash("/settings", "flash-email-changed")),
        Err(AppError::Gone) => message(
            &req,
            StatusCode::GONE,
            "verify-gone-title",
            "verify-gone-body",
            &[("/settings", "verify-gone-next"), ("/login", "nav-login")],
        ),
        Err(AppError::Conflict) => message(
            &req,
            StatusCode::CONFLICT,
            "email-taken-title",
            "email-taken-body",
            &[("/settings", "nav-settings")],
        ),
        Err(e) => Err(e),
    }
}

/// `POST /verify/resend`: a new link for a signed-in, unverified member.
pub async fn resend(
    state: web::Data<AppState>,
    viewer: Viewer,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    accounts::resend_verification(&state.pool, member.id).await?;
    state.mail_wakeup.notify_one();
    Ok(redirect_with_flash("/settings", "flash-verification-sent"))
}

/// A form with nothing but its CSRF token.
#[derive(Deserialize)]
pub struct Empty {}

const LOGIN_FIELDS: [Field; 2] = [
    Field {
        name: "login",
        kind: "text",
        label: "field-login",
        hint: None,
        autocomplete: "username",
    },
    Field {
        name: "password",
        kind: "password",
        label: "field-password",
        hint: None,
        autocomplete: "current-password",
    },
];

/// Where to go after login: `next` resolved against the site's own address, kept only when it
/// stays on the same origin, as a path (with its query and fragment). Anything else, control
/// characters and backslashes included (browsers read `/\t/x` and `/\\x` as another host), is
/// dropped.
pub(crate) fn safe_next(base: &url::Url, next: &str) -> Option<String> {
    if !next.starts_with('/')
        || next.starts_with("//")
        || next.contains('\\')
        || next.chars().any(char::is_control)
    {
        return None;
    }
    let url = base.join(next).ok()?;
    if url.origin() != base.origin() {
        return None;
    }
    let mut out = url.path().to_string();
    if out.starts_with("//") {
        return None;
    }
    if let Some(q) = url.query() {
        out.push('?');
        out.push_str(q);
    }
    if let Some(f) = url.fragment() {
        out.push('#');
        out.push_str(f);
    }
    Some(out)
}

fn login_form(locale: Locale, base: &url::Url, next: &str) -> FormView {
    let form = FormView::new(locale, "/login", "login-submit", &LOGIN_FIELDS);
    match safe_next(base, next) {
        Some(n) => form.hidden("next", n),
        None => form,
    }
}

fn show_login(
    req: &HttpRequest,
    status: StatusCode,
    form: FormView,
) -> Result<HttpResponse, AppError> {
    FormPage::show(
        req,
        status,
        "login-title",
        None,
        form,
        &[
            ("/password/forgot", "login-forgot"),
            ("/register", "login-no-account"),
        ],
    )
}

/// `?next=` on the login page.
#[derive(Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

/// `GET /login`
pub async fn login_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse, AppError> {
    let base = &state.settings.site.base_url;
    show_login(&req, StatusCode::OK, login_form(locale, base, &query.next))
}

/// The login form's fields.
#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// `POST /login`
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    CsrfForm(f): CsrfForm<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let base = &state.settings.site.base_url;
    let typed = login_form(locale, base, &f.next).values(&[("login", &f.login)]);
    let ip = client_ip(&req, &state);
    match auth::login(&state.pool, &state.settings.limits, f.login, f.password, ip).await {
        Ok(secret) => {
            let secure = is_secure(&state);
            let target = safe_next(base, &f.next).unwrap_or_else(|| "/".into());
            let mut res = redirect_with_flash(&target, "flash-logged-in");
            start_session_cookie(&mut res, secret, secure)?;
            Ok(res)
        }
        Err(e) => refused(&req, e, typed, |status, form| {
            show_login(&req, status, form)
        }),
    }
}

/// `POST /logout`
pub async fn logout(
    state: web::Data<AppState>,
    viewer: Viewer,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    if let Some(member) = viewer.member {
        auth::logout(&state.pool, member.session_hash).await?;
    }
    let mut res = redirect_with_flash("/", "flash-logged-out");
    clear_session_cookie(&mut res)?;
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site_as_a_path() {
        let base: url::Url = "https://foro.example.org".parse().unwrap();
        let next = |n: &str| safe_next(&base, n);
        assert_eq!(next("/t/5?page=2#p9").as_deref(), Some("/t/5?page=2#p9"));
        assert_eq!(next("/settings").as_deref(), Some("/settings"));
        for bad in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/a\rb",
            "/a\0b",
            "//evil.example",
            "/\\evil.example",
            "https://evil.example/",
            "evil.example",
            "javascript:alert(1)",
            "",
        ] {
            assert_eq!(next(bad), None, "{bad:?}");
        }
    }
}
