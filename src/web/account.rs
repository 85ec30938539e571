//! A member's own pages: public profile, settings, data export, account deletion.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::auth::{clear_session_cookie, Refusal};
use super::csrf::CsrfForm;
use super::forms::{Field, FormView};
use super::member_digests::{self as digests, DigestsForm};
use super::render::{self, redirect_with_flash, Pager};
use super::session::Viewer;
use super::AppState;
use crate::domain::Locale;
use crate::error::AppError;
use crate::services::auth::Member;
use crate::services::reading;
use crate::services::settings::{self, AccountView};
use crate::services::{affiliation, ignores, notifications, users};

/// `GET /u/{username}`
pub async fn profile(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    locale: Locale,
    username: web::Path<String>,
    query: web::Query<super::boards::PageQuery>,
) -> Result<HttpResponse, AppError> {
    let username = username.into_inner();
    let profile = users::profile(&state.pool, username).await?;
    let id = profile.id;
    let (posts, pages) =
        reading::by_author(&state.pool, id, profile.post_count, query.page).await?;
    let title = profile.username.clone();
    let powers = viewer
        .member
        .as_ref()
        .map(|m| m.powers.clone())
        .unwrap_or_default();
    let own = viewer.member.as_ref().is_some_and(|m| m.id == id);
    let moderate = powers.site_wide() && !own;
    let rules = if moderate {
        crate::services::admin::rules(&state.pool, locale).await?
    } else {
        Vec::new()
    };
    let held = if own || powers.site_wide() {
        Some(users::held_count(&state.pool, id).await?)
    } else {
        None
    };
    let ignored = ignores::standing(&state.pool, viewer.member.as_ref(), id).await?;
    let page = ProfilePage {
        pager: Pager::new(&format!("/u/{}", profile.username), &pages),
        profile,
        posts,
        own,
        held,
        moderate,
        admin: powers.admin,
        rules,
        ignored,
    };
    render::page(&req, StatusCode::OK, "pages/users/profile", &title, &page)
}

#[derive(Serialize)]
struct ProfilePage {
    profile: users::Profile,
    posts: Vec<reading::Entry>,
    pager: Pager,
    /// The viewer is this member.
    own: bool,
    /// For the member and the moderators: how many of their posts wait for review.
    held: Option<i64>,
    /// For site-wide moderators: the suspension forms and the rules they cite.
    moderate: bool,
    admin: bool,
    rules: Vec<crate::services::admin::RuleView>,
    /// Whether the viewer ignores this member (None where they cannot).
    ignored: Option<bool>,
}

const LOCALE_FIELDS: [Field; 1] = [Field {
    name: "locale",
    kind: "select",
    label: "field-locale",
    hint: None,
    autocomplete: "off",
}];
const NOTIFY_FIELDS: [Field; 1] = [Field {
    name: "notify_email",
    kind: "select",
    label: "field-notify-email",
    hint: Some("field-notify-email-hint"),
    autocomplete: "off",
}];
const EMAIL_FIELDS: [Field; 2] = [
    Field {
        name: "new_email",
        kind: "email",
        label: "field-new-email",
        hint: Some("field-new-email-hint"),
        autocomplete: "email",
    },
    Field {
        name: "email_password",
        kind: "password",
        label: "field-current-password",
        hint: None,
        autocomplete: "current-password",
    },
];
const SECTOR_FIELDS: [Field; 2] = [
    Field {
        name: "stakeholder",
        kind: "select",
        label: "field-stakeholder",
        hint: None,
        autocomplete: "off",
    },
    Field {
        name: "organization",
        kind: "text",
        label: "field-organization",
        hint: Some("field-organization-hint"),
        autocomplete: "organization",
    },
];
const AFFILIATION_FIELDS: [Field; 1] = [Field {
    name: "work_email",
    kind: "email",
    label: "field-work-email",
    hint: Some("field-work-email-hint"),
    autocomplete: "email",
}];
const PASSWORD_FIELDS: [Field; 2] = [
    Field {
        name: "current_password",
        kind: "password",
        label: "field-current-password",
        hint: None,
        autocomplete: "current-password",
    },
    Field {
        name: "new_password",
        kind: "password",
        label: "field-new-password",
        hint: Some("field-password-hint"),
        autocomplete: "new-password",
    },
];
const DELETE_FIELDS: [Field; 1] = [Field {
    name: "delete_password",
    kind: "password",
    label: "field-current-password",
    hint: Some("field-delete-hint"),
    autocomplete: "current-password",
}];

/// The settings page: the account and its four forms.
#[derive(Serialize)]
struct SettingsPage {
    account: AccountView,
    locale_form: FormView,
    notify_form: FormView,
    email_form: FormView,
    sector_form: FormView,
    affiliation_form: FormView,
    password_form: FormView,
    delete_form: FormView,
    digests: DigestsForm,
}

fn settings_page(locale: Locale, account: AccountView, digests: DigestsForm) -> SettingsPage {
    let current = account.locale.as_str();
    let groups = super::affiliation::group_choices();
    let groups: Vec<(&str, &str)> = groups.iter().map(|(v, k)| (*v, k.as_str())).collect();
    let declared = account.affiliation.stakeholder.map_or("", |s| s.as_str());
    SettingsPage {
        sector_form: FormView::new(
            locale,
            "/settings",
            "settings-sector-submit",
            &SECTOR_FIELDS,
        )
        .hidden("form", "stakeholder")
        .choices("stakeholder", &groups, declared)
        .optional("stakeholder")
        .optional("organization")
        .values(&[("organization", &account.affiliation.organization)]),
        affiliation_form: FormView::new(
            locale,
            "/settings",
            "settings-affiliation-submit",
            &AFFILIATION_FIELDS,
        )
        .hidden("form", "affiliation"),
        locale_form: FormView::new(locale, "/settings", "settings-save", &LOCALE_FIELDS)
            .hidden("form", "locale")
            .choices(
                "locale",
                &[("es", "locale-es"), ("en", "locale-en")],
                current,
            ),
        notify_form: FormView::new(locale, "/settings", "settings-save", &NOTIFY_FIELDS)
            .hidden("form", "notifications")
            .choices(
                "notify_email",
                &[
                    ("batched", "notify-email-batched"),
                    ("off", "notify-email-off"),
                ],
                account.notify_email.as_str(),
            ),
        email_form: FormView::new(locale, "/settings", "settings-email-submit", &EMAIL_FIELDS)
            .hidden("form", "email"),
        password_form: FormView::new(
            locale,
            "/settings",
            "settings-password-submit",
            &PASSWORD_FIELDS,
        )
        .hidden("form", "password"),
        delete_form: FormView::new(
            locale,
            "/settings/delete",
            "settings-delete-submit",
            &DELETE_FIELDS,
        ),
        account,
        digests,
    }
}

fn show(
    req: &HttpRequest,
    status: StatusCode,
    page: &SettingsPage,
) -> Result<HttpResponse, AppError> {
    let title = render::text(req, "settings-title");
    render::page(req, status, "pages/settings/index", &title, page)
}

/// `GET /settings`
pub async fn settings_get(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    locale: Locale,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    let account = settings::account(&state.pool, member).await?;
    let digests = digests::digests_form(&state, member, locale, None, None).await?;
    show(
        &req,
        StatusCode::OK,
        &settings_page(locale, account, digests),
    )
}

/// Any of the settings forms; `form` says which.
#[derive(Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    form: String,
    #[serde(default)]
    locale: String,
    #[serde(default)]
    notify_email: String,
    #[serde(default)]
    new_email: String,
    #[serde(default)]
    email_password: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    stakeholder: String,
    #[serde(default)]
    organization: String,
    #[serde(default)]
    work_email: String,
    /// The digest form's `digest_<slug>` fields (and anything else posted).
    #[serde(flatten)]
    rest: std::collections::BTreeMap<String, String>,
}

impl SettingsForm {
    fn digest_fields(&self) -> Vec<(String, String)> {
        self.rest
            .iter()
            .filter(|(k, _)| k.starts_with("digest_"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
}

async fn apply(
    state: &AppState,
    member: &Member,
    f: &SettingsForm,
) -> Result<&'static str, AppError> {
    match f.form.as_str() {
        "locale" => {
            let locale = f
                .locale
                .parse()
                .map_err(|_| AppError::field("locale", "locale-unknown"))?;
            settings::change_locale(&state.pool, member, locale).await?;
            Ok("flash-settings-saved")
        }
        "notifications" => {
            let value = f
                .notify_email
                .parse()
                .map_err(|_| AppError::field("notify_email", "notify-email-unknown"))?;
            notifications::set_email(&state.pool, member.id, value).await?;
            Ok("flash-settings-saved")
        }
        "email" => {
            settings::request_email_change(
                &state.pool,
                member,
                f.email_password.clone(),
                f.new_email.clone(),
            )
            .await?;
            state.mail_wakeup.notify_one();
            Ok("flash-email-change-sent")
        }
        "stakeholder" => {
            affiliation::declare(&state.pool, member, &f.stakeholder, &f.organization).await?;
            Ok("flash-sector-saved")
        }
        "affiliation" => {
            affiliation::request_verification(&state.pool, member, &f.work_email).await?;
            state.mail_wakeup.notify_one();
            Ok("flash-affiliation-sent")
        }
        "password" => {
            settings::change_password(
                &state.pool,
                member,
                f.current_password.clone(),
                f.new_password.clone(),
            )
            .await?;
            Ok("flash-password-changed")
        }
        "digests" => {
            digests::save_digests(state, member, &f.digest_fields()).await?;
            Ok("flash-settings-saved")
        }
        _ => Err(AppError::BadRequest(format!(
            "unknown settings form {:?}",
            f.form
        ))),
    }
}

/// `POST /settings`
pub async fn settings_post(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    locale: Locale,
    CsrfForm(f): CsrfForm<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    match apply(&state, member, &f).await {
        Ok(flash) => {
            let mut res = redirect_with_flash("/settings", flash);
            if f.form == "locale" {
                // The explicit choice wins over an older ?lang= cookie.
                let mut gone = actix_web::cookie::Cookie::new("lang", "");
                gone.set_path("/");
                gone.make_removal();
                res.add_cookie(&gone)
                    .map_err(|e| AppError::Unexpected(e.into()))?;
            }
            Ok(res)
        }
        Err(AppError::Validation(_)) if f.form == "digests" => {
            let account = settings::account(&state.pool, member).await?;
            let typed = f.digest_fields();
            let error = Some(render::text(&req, "digest-choice-unknown"));
            let form = digests::digests_form(&state, member, locale, Some(&typed), error).await?;
            let page = settings_page(locale, account, form);
            show(&req, StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(error) => {
            let account = settings::account(&state.pool, member).await?;
            let digests = digests::digests_form(&state, member, locale, None, None).await?;
            let mut page = settings_page(locale, account, digests);
            let slot = match f.form.as_str() {
                "email" => {
                    page.email_form = page.email_form.values(&[("new_email", &f.new_email)]);
                    &mut page.email_form
                }
                "stakeholder" => {
                    let groups = super::affiliation::group_choices();
                    let groups: Vec<(&str, &str)> =
                        groups.iter().map(|(v, k)| (*v, k.as_str())).collect();
                    let typed = std::mem::replace(
                        &mut page.sector_form,
                        FormView::new(locale, "", "settings-save", &[]),
                    );
                    page.sector_form = typed
                        .choices("stakeholder", &groups, &f.stakeholder)
                        .values(&[("organization", &f.organization)]);
                    &mut page.sector_form
                }
                "affiliation" => {
                    page.affiliation_form = page
                        .affiliation_form
                        .values(&[("work_email", &f.work_email)]);
                    &mut page.affiliation_form
                }
                "password" => &mut page.password_form,
                "notifications" => &mut page.notify_form,
                _ => &mut page.locale_form,
            };
            let form = std::mem::replace(slot, FormView::new(locale, "", "settings-save", &[]));
            let refusal = Refusal::of(locale, error, form)?;
            *slot = refusal.form;
            Ok(Refusal::finish(
                refusal.retry_after,
                show(&req, refusal.status, &page)?,
            ))
        }
    }
}

/// `GET /settings/export`: everything stored about the member, as a JSON download.
pub async fn export(state: web::Data<AppState>, viewer: Viewer) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    let data = settings::export(&state.pool, member).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header(render::attachment(format!(
            "tertulia-{}.json",
            member.username
        )))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(serde_json::to_string_pretty(&data).map_err(|e| AppError::Unexpected(e.into()))?))
}

/// The account deletion form.
#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    delete_password: String,
}

/// `POST /settings/delete`: removes personal data, keeps posts as "deleted member".
pub async fn delete(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    locale: Locale,
    CsrfForm(f): CsrfForm<DeleteForm>,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    match settings::delete_account(&state.pool, member, f.delete_password).await {
        Ok(()) => {
            let mut res = redirect_with_flash("/", "flash-account-deleted");
            clear_session_cookie(&mut res)?;
            Ok(res)
        }
        Err(error) => {
            let account = settings::account(&state.pool, member).await?;
            let digests = digests::digests_form(&state, member, locale, None, None).await?;
            let mut page = settings_page(locale, account, digests);
            let form = std::mem::replace(
                &mut page.delete_form,
                FormView::new(locale, "", "settings-save", &[]),
            );
            let refusal = Refusal::of(locale, error, form)?;
            page.delete_form = refusal.form;
            show(&req, refusal.status, &page)
        }
    }
}

/// What an ignore or unignore form sends: `back=settings` when it comes from `/settings`.
#[derive(Deserialize)]
pub struct IgnoreForm {
    #[serde(default)]
    back: String,
}

/// `POST /u/{username}/ignore`: the member's posts fold away for the viewer.
pub async fn ignore(
    state: web::Data<AppState>,
    viewer: Viewer,
    username: web::Path<String>,
    CsrfForm(f): CsrfForm<IgnoreForm>,
) -> Result<HttpResponse, AppError> {
    set_ignore(&state, &viewer, username.into_inner(), true, &f.back).await
}

/// `POST /u/{username}/unignore`
pub async fn unignore(
    state: web::Data<AppState>,
    viewer: Viewer,
    username: web::Path<String>,
    CsrfForm(f): CsrfForm<IgnoreForm>,
) -> Result<HttpResponse, AppError> {
    set_ignore(&state, &viewer, username.into_inner(), false, &f.back).await
}

async fn set_ignore(
    state: &AppState,
    viewer: &Viewer,
    username: String,
    on: bool,
    back: &str,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    ignores::set(&state.pool, member, username.clone(), on).await?;
    let to = if back == "settings" {
        "/settings#s-ignored".to_string()
    } else {
        format!("/u/{username}")
    };
    Ok(render::redirect(&to))
}
