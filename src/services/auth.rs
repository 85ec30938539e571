//! Logging in and out, and finding the member behind a session cookie.

use chrono::{NaiveDateTime, TimeDelta, Utc};
use serde::Serialize;

use super::limits::Limit;
use super::passwords;
use crate::config::LimitSettings;
use crate::db::{self, DbConn, DbError, Pool};
use crate::domain::{token, Locale, Role, Username};
use crate::error::AppError;

/// Sessions last this long after the last request (sliding).
pub const SESSION_DAYS: i64 = 30;
/// Last-seen is written at most this often per session.
const TOUCH_EVERY: TimeDelta = TimeDelta::minutes(5);

/// The member behind a valid session.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub id: i64,
    pub username: String,
    pub role: Role,
    pub locale: Locale,
    pub verified: bool,
    /// Until when the member may not post, flag or edit, and why.
    pub suspended_until: Option<NaiveDateTime>,
    pub suspension_reason: Option<String>,
    #[serde(skip)]
    pub powers: Powers,
    #[serde(skip)]
    pub session_id: i64,
    #[serde(skip)]
    pub session_hash: String,
    /// Notifications in view not read yet (the header's count).
    #[serde(skip)]
    pub unread_notifications: i64,
}

/// What a member may moderate.
#[derive(Debug, Clone, Default)]
pub struct Powers {
    pub admin: bool,
    pub every_board: bool,
    pub boards: Vec<i64>,
}

impl Powers {
    /// Whether the member moderates every board (an admin or a site-wide moderator): who
    /// decides on members, and on what belongs to no board.
    pub fn site_wide(&self) -> bool {
        self.admin || self.every_board
    }

    /// Whether the member moderates `board_id`.
    pub fn moderates(&self, board_id: i64) -> bool {
        self.site_wide() || self.boards.contains(&board_id)
    }

    /// Whether the member moderates anything at all.
    pub fn any(&self) -> bool {
        self.site_wide() || !self.boards.is_empty()
    }
}

/// A member's powers: the role, then active appointments; none at all while the member is
/// suspended, banned or deleted, whatever the role says.
pub(crate) fn powers_of(
    c: &mut DbConn,
    user: &db::users::User,
    now: NaiveDateTime,
) -> Result<Powers, DbError> {
    let appointed = db::moderation::appointed_boards(c, user.id)?;
    Ok(powers_from(user, appointed, now))
}

/// The powers of `user` with these appointments (a board, or `None` for every board).
fn powers_from(user: &db::users::User, appointed: Vec<Option<i64>>, now: NaiveDateTime) -> Powers {
    let barred = user.banned
        || user.deleted_at.is_some()
        || user.suspended_until.is_some_and(|until| until > now);
    if barred {
        return Powers::default();
    }
    let role: Role = user.role;
    Powers {
        admin: role == Role::Admin,
        every_board: role >= Role::Moderator || appointed.iter().any(Option::is_none),
        boards: appointed.into_iter().flatten().collect(),
    }
}

impl Member {
    /// The member `user` as of `now`, with no session: who writes by email. Refuses (NotFound)
    /// a deleted account and (Forbidden) a banned one, as a session would end for them.
    pub(crate) fn without_session(
        c: &mut DbConn,
        user: db::users::User,
        now: NaiveDateTime,
    ) -> Result<Self, AppError> {
        if user.deleted_at.is_some() {
            return Err(AppError::NotFound);
        }
        if user.banned {
            return Err(AppError::Forbidden);
        }
        let powers = powers_of(c, &user, now)?;
        Ok(Self::from_user(user, powers, now))
    }

    fn from_user(user: db::users::User, powers: Powers, now: NaiveDateTime) -> Self {
        let suspended = user.suspended_until.filter(|until| *until > now);
        Self {
            id: user.id,
            role: user.role,
            locale: user.locale,
            verified: user.email_verified_at.is_some(),
            suspension_reason: suspended.and(user.suspension_reason),
            suspended_until: suspended,
            username: user.username,
            powers,
            session_id: 0,
            session_hash: String::new(),
            unread_notifications: 0,
        }
    }

    /// Refuses when the member is suspended.
    pub fn require_active(&self) -> Result<(), AppError> {
        match self.suspended_until {
            Some(_) => Err(AppError::Suspended),
            None => Ok(()),
        }
    }
}

/// Starts a session for `user_id` and returns the secret for the cookie.
pub(crate) fn start_session(
    c: &mut DbConn,
    user_id: i64,
    now: NaiveDateTime,
) -> Result<String, DbError> {
    let secret = token::random();
    db::sessions::insert(
        c,
        &token::hash(&secret),
        user_id,
        now,
        now + TimeDelta::days(SESSION_DAYS),
    )?;
    Ok(secret)
}

/// The member whose session cookie holds `secret`, sliding its expiry.
pub async fn find_member(pool: &Pool, secret: String) -> Result<Option<Member>, AppError> {
    pool.run(move |c| {
        let now = Utc::now().naive_utc();
        let Some(db::sessions::Standing {
            session,
            user,
            appointed,
            unread,
        }) = db::sessions::find_active_with_standing(c, &token::hash(&secret), now)?
        else {
            return Ok(None);
        };
        if user.deleted_at.is_some() || user.banned {
            return Ok(None);
        }
        if now - session.last_seen_at > TOUCH_EVERY {
            db::sessions::touch(c, session.id, now, now + TimeDelta::days(SESSION_DAYS))?;
        }
        let powers = powers_from(&user, appointed, now);
        Ok(Some(Member {
            unread_notifications: unread,
            session_id: session.id,
            session_hash: session.token_hash,
            ..Member::from_user(user, powers, now)
        }))
    })
    .await
}

/// The kind of event a failed (or not yet checked) login counts as, per account.
const ACCOUNT_FAILURES: &str = "login_fail_account";

fn account_limit(limits: &LimitSettings) -> Limit {
    Limit {
        kind: ACCOUNT_FAILURES,
        max: limits.login_failures_per_account,
        window: TimeDelta::minutes(limits.login_window_minutes.into()),
    }
}

fn ip_limit(limits: &LimitSettings) -> Limit {
    Limit {
        kind: "login_fail_ip",
        max: limits.login_failures_per_ip,
        window: TimeDelta::minutes(limits.login_window_minutes.into()),
    }
}

/// The first pause after `login_failures_per_account` failures; each further one doubles it.
const FIRST_PAUSE: TimeDelta = TimeDelta::seconds(30);

/// Checks a login (username or email) and password; on success returns a new session secret.
/// Unknown accounts and wrong passwords fail alike, in the same time, and count alike.
///
/// Each attempt is counted before the password is checked, in the same transaction that
/// decides whether it may be checked at all, so parallel guesses cannot slip past the limits.
/// The account's count is keyed by the account (its username and email share it); past the
/// limit, guesses are allowed only after a pause that doubles each time. A success takes its
/// own attempt back and clears the account's failures; so does a password reset, the owner's
/// way in by email while guessing keeps the account paused.
#[tracing::instrument(skip_all)]
pub async fn login(
    pool: &Pool,
    limits: &LimitSettings,
    login: String,
    password: String,
    ip: String,
) -> Result<String, AppError> {
    let key = Username::key_of(&login);
    let (per_account, per_ip) = (account_limit(limits), ip_limit(limits));
    let addr = ip.clone();
    let (user, subject, at) = pool
        .run(move |c| {
            c.in_unseen_transaction(|c| {
                let now = Utc::now().naive_utc();
                let user = if key.contains('@') {
                    db::users::find_by_email(c, &key)?
                } else {
                    db::users::find_by_username_key(c, &key)?
                };
                let user = user.filter(|u| u.deleted_at.is_none() && !u.banned);
                let subject = account_subject(user.as_ref().map(|u| u.id), &key);
                let verdicts = [
                    per_ip.check(c, &addr, now)?,
                    per_account.check_growing(c, &subject, now, FIRST_PAUSE)?,
                ];
                if let Some(Err(e)) = verdicts.into_iter().find(Result::is_err) {
                    return Err(AppError::RateLimited {
                        retry_after_secs: e.retry_after_secs,
                    });
                }
                per_account.record(c, &subject, now)?;
                per_ip.record(c, &addr, now)?;
                Ok((user, subject, now))
            })
        })
        .await?;
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = passwords::verify(password, stored).await?;
    let Some(user) = user.filter(|_| ok) else {
        return Err(AppError::field("_form", "login-invalid"));
    };
    pool.run(move |c| {
        c.in_unseen_transaction(|c| -> Result<String, AppError> {
            per_account.clear(c, &subject)?;
            per_ip.forget_one(c, &ip, at)?;
            Ok(start_session(c, user.id, Utc::now().naive_utc())?)
        })
    })
    .await
}

/// What the per-account limit counts under: the account when it exists (so its username and
/// its email share one count), else what was typed.
pub(crate) fn account_subject(user_id: Option<i64>, typed_key: &str) -> String {
    match user_id {
        Some(id) => format!("user:{id}"),
        None => format!("login:{typed_key}"),
    }
}

/// Clears an account's login failures (after a password reset by email).
pub(crate) fn clear_login_failures(c: &mut DbConn, user_id: i64) -> Result<(), DbError> {
    db::rate_events::clear(c, ACCOUNT_FAILURES, &account_subject(Some(user_id), ""))
}

/// Ends the session whose hash is `session_hash`.
pub async fn logout(pool: &Pool, session_hash: String) -> Result<(), AppError> {
    pool.run(move |c| Ok(db::sessions::delete_by_hash(c, &session_hash)?))
        .await
}
