//! Decisions on members: suspend, lift a suspension, ban.
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

/// Suspends a member (site-wide moderators and admins); their sessions end at once.
#[tracing::instrument(skip(pool, settings, member, reason), fields(user = member.id))]
pub async fn suspend(
    pool: &Pool,
    settings: &Settings,
    member: &Member,
    user_id: i64,
    rule: Option<i32>,
    reason: String,
    until: Option<NaiveDate>,
) -> Result<i64, AppError> {
    if !(member.powers.admin || member.powers.every_board) {
        return Err(AppError::Forbidden);
    }
    check_reason(&reason)?;
    if until.is_some_and(|d| d < Utc::now().date_naive()) {
        return Err(AppError::field("until", "until-past"));
    }
    let (me, tz) = (member.id, settings.site.timezone);
    pool.run(move |c| {
        c.in_transaction(|c| {
            let user = db::users::find_by_id(c, user_id)?.ok_or(AppError::NotFound)?;
            if user.id == me || user.role == "admin" {
                return Err(AppError::Forbidden);
            }
            let rule = check_rule(c, rule, true)?;
            let id = log(
                c,
                Some(me),
                "suspend",
                "user",
                Some(user.id),
                None,
                rule,
                &reason,
            )?;
            db::users::suspend(c, user.id, suspension_end(until, tz), &reason, id)?;
            db::sessions::delete_for_user(c, user.id, None)?;
            notify(c, user.id, "suspended", id, rule, &reason, "/appeal")?;
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
    if !(member.powers.admin || member.powers.every_board) {
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
                Some(me),
                "unsuspend",
                "user",
                Some(user.id),
                None,
                None,
                &reason,
            )
        })
    })
    .await
}

/// Bans a member for good (admins only): no more logins, every session ended.
pub async fn ban(
    pool: &Pool,
    member: &Member,
    user_id: i64,
    rule: Option<i32>,
    reason: String,
) -> Result<i64, AppError> {
    if !member.powers.admin {
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
            let rule = check_rule(c, rule, true)?;
            let id = log(
                c,
                Some(me),
                "ban",
                "user",
                Some(user.id),
                None,
                rule,
                &reason,
            )?;
            db::users::ban(c, user.id)?;
            db::sessions::delete_for_user(c, user.id, None)?;
            Ok(id)
        })
    })
    .await
}
