//! Stakeholder labels on the web: the work-address link, the admins' list of domains, and
//! verifying or withdrawing a label by hand.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::auth::message;
use super::csrf::CsrfForm;
use super::forms::{Field, FormView};
use super::render::redirect_with_flash;
use super::session::Viewer;
use super::AppState;
use crate::domain::{Locale, Stakeholder};
use crate::error::AppError;
use crate::services::{affiliation, moderation};

/// The group select's choices: none, then every group (value, catalogue key).
pub fn group_choices() -> Vec<(&'static str, String)> {
    let mut choices = vec![("", "field-stakeholder-none".to_string())];
    choices.extend(
        Stakeholder::ALL
            .iter()
            .map(|s| (s.as_str(), crate::services::labels::group_key(*s))),
    );
    choices
}

/// `GET /settings/affiliation/{token}`: confirms a work address.
pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    match affiliation::confirm(&state.pool, token.into_inner()).await {
        Ok(()) => Ok(redirect_with_flash(
            "/settings",
            "flash-affiliation-verified",
        )),
        Err(AppError::Gone) => message(
            &req,
            StatusCode::GONE,
            "verify-gone-title",
            "verify-gone-body",
            &[("/settings", "nav-settings")],
        ),
        Err(AppError::Conflict) => message(
            &req,
            StatusCode::CONFLICT,
            "affiliation-conflict-title",
            "affiliation-conflict-body",
            &[("/settings", "nav-settings")],
        ),
        Err(e) => Err(e),
    }
}

/// A domain to list for a group, or to remove (no group).
#[derive(Deserialize)]
pub struct DomainForm {
    #[serde(default)]
    domain: String,
    #[serde(default)]
    stakeholder: String,
}

const DOMAIN_FIELDS: [Field; 2] = [
    Field {
        name: "domain",
        kind: "text",
        label: "admin-domain",
        hint: None,
        autocomplete: "off",
    },
    Field {
        name: "stakeholder",
        kind: "select",
        label: "field-stakeholder",
        hint: None,
        autocomplete: "off",
    },
];

/// `POST /admin/stakeholder-domains`
pub async fn save_domain(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    locale: Locale,
    CsrfForm(f): CsrfForm<DomainForm>,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    match affiliation::set_domain(&state.pool, member, &f.domain, &f.stakeholder).await {
        Ok(true) => Ok(redirect_with_flash("/admin#domains", "flash-domain-saved")),
        Ok(false) => Ok(redirect_with_flash(
            "/admin#domains",
            "flash-domain-removed",
        )),
        Err(AppError::Validation(errors)) => {
            let choices = group_choices();
            let choices: Vec<(&str, &str)> =
                choices.iter().map(|(v, k)| (*v, k.as_str())).collect();
            let form = FormView::new(
                locale,
                "/admin/stakeholder-domains",
                "admin-domain-add",
                &DOMAIN_FIELDS,
            )
            .choices("stakeholder", &choices, &f.stakeholder)
            .optional("stakeholder")
            .values(&[("domain", &f.domain)])
            .errors(&errors);
            super::auth::FormPage::show(
                &req,
                StatusCode::UNPROCESSABLE_ENTITY,
                "admin-fix-title",
                Some("admin-fix-intro"),
                form,
                &[("/admin", "admin-back")],
            )
        }
        Err(e) => Err(e),
    }
}

/// A decision on a member's label.
#[derive(Deserialize)]
pub struct ReasonForm {
    #[serde(default)]
    reason: String,
}

/// `POST /mod/users/{id}/affiliation/{verify|revoke}` (admins).
pub async fn decide(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
    locale: Locale,
    path: web::Path<(i64, String)>,
    CsrfForm(f): CsrfForm<ReasonForm>,
) -> Result<HttpResponse, AppError> {
    let member = viewer.require()?;
    let (id, action) = path.into_inner();
    let verify = match action.as_str() {
        "verify" => true,
        "revoke" => false,
        _ => return Err(AppError::NotFound),
    };
    match moderation::set_affiliation(&state.pool, member, id, verify, f.reason.clone()).await {
        Ok(_) => {
            let flash = if verify {
                "flash-affiliation-verify"
            } else {
                "flash-affiliation-revoke"
            };
            Ok(redirect_with_flash("/modlog", flash))
        }
        Err(AppError::Validation(errors)) => {
            let submit = if verify {
                "affiliation-verify"
            } else {
                "affiliation-revoke"
            };
            let form = FormView::new(
                locale,
                format!("/mod/users/{id}/affiliation/{action}"),
                submit,
                &REASON_FIELDS,
            )
            .values(&[("reason", &f.reason)])
            .errors(&errors);
            super::auth::FormPage::show(
                &req,
                StatusCode::UNPROCESSABLE_ENTITY,
                "affiliation-title",
                None,
                form,
                &[("/modlog", "modlog-title")],
            )
        }
        Err(e) => Err(e),
    }
}

const REASON_FIELDS: [Field; 1] = [Field {
    name: "reason",
    kind: "text",
    label: "mod-reason",
    hint: None,
    autocomplete: "off",
}];
