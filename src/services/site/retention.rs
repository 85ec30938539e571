//! The housekeeping job: forgets personal data once its `[retention]` period is over. It
//! runs every hour in `serve` and once with `tertulia housekeeping`; running it again at the
//! same moment changes nothing.

use chrono::{NaiveDateTime, TimeDelta};
use serde::Serialize;

use crate::config::RetentionSettings;
use crate::db::{self, Pool};
use crate::error::AppError;

/// How many rows one run forgot or emptied, by rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Removed {
    /// Sent, failed or discarded messages whose address and content were blanked.
    pub mail: usize,
    /// Reports that stopped naming their reporter.
    pub reporters: usize,
    /// Rate-limit events (addresses, accounts) deleted.
    pub rate_events: usize,
    /// Idle or expired sessions deleted.
    pub sessions: usize,
    /// Used or expired email links deleted.
    pub email_tokens: usize,
    /// Email-only addresses that never confirmed a subscription, deleted.
    pub unconfirmed: usize,
}

impl std::fmt::Display for Removed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} message(s) emptied, {} report(s) no longer name their reporter, \
             {} rate-limit event(s), {} session(s), {} email link(s) and {} unconfirmed \
             address(es) deleted",
            self.mail,
            self.reporters,
            self.rate_events,
            self.sessions,
            self.email_tokens,
            self.unconfirmed
        )
    }
}

/// Applies every retention rule as of `now`, in one transaction.
#[tracing::instrument(skip_all)]
pub async fn housekeeping(
    pool: &Pool,
    retention: &RetentionSettings,
    now: NaiveDateTime,
) -> Result<Removed, AppError> {
    let r = retention.clone();
    pool.run(move |c| {
        c.in_transaction(|c| {
            let days = |n: u32| now - TimeDelta::days(n.into());
            Ok(Removed {
                mail: db::retention::forget_old_mail(c, days(r.sent_mail_days))?,
                reporters: db::retention::forget_old_reporters(c, days(r.flag_reporter_days))?,
                rate_events: db::rate_events::delete_before(
                    c,
                    now - TimeDelta::hours(r.ip_hours.into()),
                )?,
                sessions: db::retention::delete_idle_sessions(c, days(r.session_idle_days), now)?,
                email_tokens: db::retention::delete_spent_tokens(c, now)?,
                unconfirmed: db::retention::delete_unconfirmed_subscriptions(
                    c,
                    days(r.unconfirmed_days),
                    now,
                )?,
            })
        })
    })
    .await
}
