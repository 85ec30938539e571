//! Decisions on members: suspend or ban (one path, one rule set), lift a suspension.
use super::*;

/// The end of a suspension: the end of `until` in the site's time zone, or no end.
fn suspension_end(until: Option<NaiveDate>, tz: chrono_tz::Tz) -> NaiveDateTime {
    match until {
        Some(day) => {
            let end = day.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default());
            tz.from_local_datetime(&end)
                .earliest()
                .map_or(end, |t| t.naive_utc())
        }
        None => NaiveDate::from_ymd_opt(9999, 12, 31)
            .unwrap_or_default()
            .and_time(NaiveTime::MIN),
    }
}

/// How a member is kept out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exclusion {
    /// Suspended to the end of `until` (the site's time zone), or until lifted: the member
    /// may log in, read and appeal, not post.
    Suspension { until: Option<NaiveDate> },
    /// Banned for good: no more logins (admins only).
    Ban,
}

impl Exclusion {
    fn action(self) -> ModAction {
        match self {
            Exclusion::Suspension { .. } => ModAction::Suspend,
            Exclusion::Ban => ModAction::Ban,
        }
    }

    /// The email the member gets, and where its button leads.
    fn email(self) -> (fn(Decision) -> Message, &'static str) {
        match self {
            Exclusion::Suspension { .. } => (Message::Suspended, "/appeal"),
            Exclusion::Ban => (Message::Banned, "/rules"),
        }
    }

    fn may_decide(self, member: &Member) -> bool {
        match self {
            Exclusion::Suspension { .. } => member.powers.site_wide(),
            Exclusion::Ban => member.powers.admin,
        }
    }
}

/// Suspends or bans a member, one rule set for both: site-wide moderators and admins suspend,
/// admins ban; never oneself or an admin; a rule is required; the decision is logged, every
/// session of the member ends, and the member is told by email (in one transaction).
#[tracing::instrument(skip(pool, settings, member, reason), fields(user = member.id))]
pub async fn exclude(
    pool: &Pool,
    settings: &Settings,
    member: &Member,
    user_id: i64,
    rule: Option<i32>,
    reason: String,
    how: Exclusion,
) -> Result<i64, AppError> {
    if !how.may_decide(member) {
        return Err(AppError::Forbidden);
    }
    check_reason(&reason)?;
    if let Exclusion::Suspension { until: Some(day) } = how {
        if day < Utc::now().date_naive() {
            return Err(AppError::field("until", "until-past"));
        }
    }
    let (me, tz) = (member.id, settings.site.timezone);
    pool.run(move |c| {
        c.in_transaction(|c| {
            let user = db::users::find_by_id(c, user_id)?.ok_or(AppError::NotFound)?;
            if user.id == me || user.role == Role::Admin {
                return Err(AppError::Forbidden);
            }
            let rule = check_rule(c, rule, true)?;
            let id = log(
                c,
                NewLogEntry {
                    target_id: Some(user.id),
                    rule_number: rule,
                    reason: &reason,
                    ..NewLogEntry::new(Some(me), how.action(), "user")
                },
            )?;
            match how {
                Exclusion::Suspension { until } => {
                    db::users::suspend(c, user.id, suspension_end(until, tz), &reason, id)?
                }
                Exclusion::Ban => db::users::ban(c, user.id)?,
            }
            db::sessions::delete_for_user(c, user.id, None)?;
            let (kind, link) = how.email();
            notify(c, user.id, kind, id, rule, &reason, link)?;
            notifications::on_decision(c, user.id, None, id, true, now())?;
            Ok(id)
        })
    })
    .await
}

/// Lifts a suspension early.
pub async fn unsuspend(
    pool: &Pool,
    member: &Member,
    user_id: i64,
    reason: String,
) -> Result<i64, AppError> {
    if !member.powers.site_wide() {
        return Err(AppError::Forbidden);
    }
    check_reason(&reason)?;
    let me = member.id;
    pool.run(move |c| {
        c.in_transaction(|c| {
            let user = db::users::find_by_id(c, user_id)?.ok_or(AppError::NotFound)?;
            if user.id == me {
                return Err(AppError::Forbidden);
            }
            db::users::unsuspend(c, user.id)?;
            log(
                c,
                NewLogEntry {
                    target_id: Some(user.id),
                    reason: &reason,
                    ..NewLogEntry::new(Some(me), ModAction::Unsuspend, "user")
                },
            )
        })
    })
    .await
}
