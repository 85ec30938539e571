//! Stakeholder labels: a member declares a group and organisation, verifies them with a work
//! address on a domain the admins listed for that group, and admins keep that list.

use chrono::{TimeDelta, Utc};
use serde::Serialize;

use super::accounts::{issue_token, VERIFY_HOURS};
use super::auth::Member;
use super::labels::{group_key, Label};
use super::mail::{self, Email, Message};
use crate::db::{self, Pool};
use crate::domain::{token, EmailAddress, Stakeholder};
use crate::error::AppError;

/// What an email token for a work address is called.
const PURPOSE: &str = "affiliation";
/// The longest organisation name.
pub const ORGANIZATION_CHARS: usize = 100;

/// The member's label as their settings show it.
#[derive(Debug, Serialize)]
pub struct AffiliationView {
    pub stakeholder: Option<Stakeholder>,
    pub organization: String,
    pub label: Option<Label>,
    /// The work address waiting for confirmation, if a link is out.
    pub pending: Option<String>,
}

/// The member's label, declared group and any work address waiting for confirmation.
pub async fn view(pool: &Pool, member: &Member) -> Result<AffiliationView, AppError> {
    let id = member.id;
    pool.run(move |c| {
        let found = db::stakeholders::find(c, id)?.ok_or(AppError::NotFound)?;
        let pending = db::email_tokens::find_open(c, id, PURPOSE, Utc::now().naive_utc())?;
        Ok(AffiliationView {
            stakeholder: found.label.stakeholder,
            organization: found.label.organization.clone().unwrap_or_default(),
            label: Label::of(found.label, None),
            pending: pending.and_then(|t| t.new_email),
        })
    })
    .await
}

/// Parses a group as posted: empty is none.
pub fn parse_stakeholder(value: &str) -> Result<Option<Stakeholder>, AppError> {
    match value.trim() {
        "" => Ok(None),
        v => v
            .parse()
            .map(Some)
            .map_err(|_| AppError::field("stakeholder", "stakeholder-unknown")),
    }
}

/// Declares (or, with no group, clears) the member's label; a changed group or organisation
/// drops the verification and the work address behind it.
#[tracing::instrument(skip_all, fields(user = member.id))]
pub async fn declare(
    pool: &Pool,
    member: &Member,
    stakeholder: &str,
    organization: &str,
) -> Result<(), AppError> {
    let stakeholder = parse_stakeholder(stakeholder)?;
    let organization = organization.trim().to_string();
    if organization.chars().count() > ORGANIZATION_CHARS {
        return Err(AppError::field("organization", "organization-too-long"));
    }
    let organization = Some(organization).filter(|o| !o.is_empty() && stakeholder.is_some());
    let id = member.id;
    pool.run(move |c| {
        c.in_transaction(|c| {
            let now = Utc::now().naive_utc();
            let current = db::stakeholders::find(c, id)?.ok_or(AppError::NotFound)?;
            let same = current.label.stakeholder == stakeholder
                && current.label.organization == organization;
            if !same {
                db::email_tokens::expire_open(c, id, PURPOSE, now)?;
            }
            db::stakeholders::declare(c, id, stakeholder, organization.as_deref(), same)?;
            Ok(())
        })
    })
    .await
}

/// The domain of an address, lower case.
fn domain_of(email: &EmailAddress) -> String {
    email
        .as_str()
        .rsplit_once('@')
        .map(|(_, d)| d.to_lowercase())
        .unwrap_or_default()
}

/// Emails a confirmation link to a work address on a domain listed for the member's group;
/// another domain is refused (nothing sent). The current verification drops meanwhile.
#[tracing::instrument(skip_all, fields(user = member.id))]
pub async fn request_verification(
    pool: &Pool,
    member: &Member,
    work_email: &str,
) -> Result<(), AppError> {
    let email = EmailAddress::parse(work_email)
        .map_err(|e| AppError::field("work_email", &e.to_string()))?;
    let id = member.id;
    pool.run(move |c| {
        c.in_transaction(|c| {
            let now = Utc::now().naive_utc();
            let user = db::users::find_by_id(c, id)?.ok_or(AppError::NotFound)?;
            let Some(group) = user.label.stakeholder else {
                return Err(AppError::field("work_email", "affiliation-no-group"));
            };
            let domain = domain_of(&email);
            if db::stakeholders::find_domain(c, &domain)? != Some(group) {
                return Err(AppError::field("work_email", "affiliation-domain-unlisted"));
            }
            db::stakeholders::set_verified(c, id, None, None)?;
            db::email_tokens::expire_open(c, id, PURPOSE, now)?;
            let secret = issue_token(
                c,
                id,
                PURPOSE,
                Some(email.as_str()),
                now,
                TimeDelta::hours(VERIFY_HOURS),
                None,
            )?;
            mail::enqueue(
                c,
                Email {
                    key: format!("affiliation:{}", token::hash(&secret)),
                    to: email.as_str(),
                    locale: user.locale,
                    message: Message::Affiliation {
                        username: user.username.clone(),
                        organization: user.label.organization.clone().unwrap_or(domain),
                        link: format!("/settings/affiliation/{secret}"),
                        hours: VERIFY_HOURS,
                    },
                },
            )?;
            Ok(())
        })
    })
    .await
}

/// Follows a work-address link: once, before it expires (else Gone), and only while the
/// address's domain is still listed for the member's group (else Conflict).
#[tracing::instrument(skip_all)]
pub async fn confirm(pool: &Pool, secret: String) -> Result<(), AppError> {
    pool.run(move |c| {
        c.in_transaction(|c| {
            let now = Utc::now().naive_utc();
            let t = db::email_tokens::find(c, &token::hash(&secret), PURPOSE)?
                .ok_or(AppError::NotFound)?;
            if t.used_at.is_some() || t.expires_at <= now {
                return Err(AppError::Gone);
            }
            if !db::email_tokens::mark_used(c, t.id, now)? {
                return Err(AppError::Gone);
            }
            let user = db::users::find_by_id(c, t.user_id)?.ok_or(AppError::NotFound)?;
            let address = t.new_email.ok_or(AppError::NotFound)?;
            let email = EmailAddress::parse(&address).map_err(|_| AppError::Conflict)?;
            let listed = db::stakeholders::find_domain(c, &domain_of(&email))?;
            if user.deleted_at.is_some() || user.label.stakeholder.is_none() {
                return Err(AppError::Conflict);
            }
            if listed != user.label.stakeholder {
                return Err(AppError::Conflict);
            }
            db::stakeholders::set_verified(c, user.id, Some(&address), Some(now))?;
            Ok(())
        })
    })
    .await
}

/// One listed domain, for `/admin`.
#[derive(Debug, Serialize)]
pub struct DomainView {
    pub domain: String,
    pub stakeholder: Stakeholder,
    /// Catalogue key of its group's name.
    pub group: String,
}

/// The listed domains as `/admin` shows them.
pub fn domain_views(rows: Vec<(String, Stakeholder)>) -> Vec<DomainView> {
    rows.into_iter()
        .map(|(domain, stakeholder)| DomainView {
            domain,
            group: group_key(stakeholder),
            stakeholder,
        })
        .collect()
}

/// Parses a domain as an admin types it: letters, digits, hyphens, at least one dot.
pub fn parse_domain(value: &str) -> Result<String, AppError> {
    let domain = value.trim().trim_start_matches('@').to_lowercase();
    let labels_ok = domain.split('.').all(|l| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|ch| ch.is_alphanumeric() || ch == '-')
    });
    if domain.contains('.') && labels_ok && domain.len() <= 253 {
        Ok(domain)
    } else {
        Err(AppError::field("domain", "domain-invalid"))
    }
}

/// Lists a domain for a group, or with no group removes it (admins only). True when listed.
#[tracing::instrument(skip_all, fields(user = member.id))]
pub async fn set_domain(
    pool: &Pool,
    member: &Member,
    domain: &str,
    stakeholder: &str,
) -> Result<bool, AppError> {
    if !member.powers.admin {
        return Err(AppError::Forbidden);
    }
    let domain = parse_domain(domain)?;
    let stakeholder = parse_stakeholder(stakeholder)?;
    pool.run(move |c| {
        c.in_transaction(|c| {
            match stakeholder {
                Some(s) => db::stakeholders::set_domain(c, &domain, s, Utc::now().naive_utc())?,
                None => {
                    db::stakeholders::delete_domain(c, &domain)?;
                }
            }
            Ok(stakeholder.is_some())
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_lower_case_names_with_a_dot() {
        assert_eq!(parse_domain(" Gob.ES ").unwrap(), "gob.es");
        assert_eq!(parse_domain("@fundacion.org").unwrap(), "fundacion.org");
        for bad in [
            "",
            "localhost",
            "a..b",
            "-a.org",
            "a b.org",
            "a/b.org",
            "x@y.org",
        ] {
            assert!(parse_domain(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn groups_parse_by_name_and_empty_is_none() {
        assert_eq!(parse_stakeholder("").unwrap(), None);
        assert_eq!(
            parse_stakeholder("civil_society").unwrap(),
            Some(Stakeholder::CivilSociety)
        );
        assert!(parse_stakeholder("lobby").is_err());
    }
}
