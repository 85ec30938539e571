//! Admins verify a member's stakeholder label by hand, or withdraw its verification, with a
//! reason in the public log.
use super::*;

/// Verifies (`verify`) or withdraws the verification of member `user_id`'s label: admins
/// only, a reason required, logged; a withdrawal also forgets the work address.
#[tracing::instrument(skip(pool, member, reason), fields(user = member.id))]
pub async fn set_affiliation(
    pool: &Pool,
    member: &Member,
    user_id: i64,
    verify: bool,
    reason: String,
) -> Result<i64, AppError> {
    if !member.powers.admin {
        return Err(AppError::Forbidden);
    }
    let reason = reason.trim().to_string();
    if reason.is_empty() {
        return Err(AppError::field("reason", "affiliation-reason-required"));
    }
    check_reason(&reason)?;
    let me = member.id;
    pool.run(move |c| {
        c.in_transaction(|c| {
            let found = db::stakeholders::find(c, user_id)?.ok_or(AppError::NotFound)?;
            if found.label.stakeholder.is_none() {
                return Err(AppError::field("reason", "affiliation-nothing"));
            }
            let (email, at, action) = if verify {
                (found.email, Some(now()), ModAction::AffiliationVerify)
            } else {
                db::email_tokens::expire_open(c, user_id, "affiliation", now())?;
                (None, None, ModAction::AffiliationRevoke)
            };
            db::stakeholders::set_verified(c, user_id, email.as_deref(), at)?;
            log(
                c,
                NewLogEntry {
                    target_id: Some(user_id),
                    reason: &reason,
                    ..NewLogEntry::new(Some(me), action, "user")
                },
            )
        })
    })
    .await
}
