//! The clock inside `serve`: daily digests at `digest.daily_at` in the site's time zone, weekly
//! ones on Mondays at the same time, and batched watch and notification emails. Every instance may run
//! it: each digest and notification is queued once whoever gets there first.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use tokio::sync::Notify;

use super::digests::{self, DigestContext};
use super::notifications::{self, MailContext};
use super::replies_by_email::ReplyHeaders;
use super::watches;
use crate::db::Pool;
use crate::domain::digest::Frequency;

/// The latest moment at or before `now` when digests were due, and its local day.
pub fn last_due(now: DateTime<Utc>, at: NaiveTime, tz: Tz) -> (DateTime<Utc>, NaiveDate) {
    let today = now.with_timezone(&tz).date_naive();
    let due_on = |day: NaiveDate| {
        let local = day.and_time(at);
        tz.from_local_datetime(&local)
            .earliest()
            .or_else(|| {
                tz.from_local_datetime(&(local + TimeDelta::hours(1)))
                    .earliest()
            })
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(now)
    };
    let todays = due_on(today);
    if todays <= now {
        (todays, today)
    } else {
        let yesterday = today - TimeDelta::days(1);
        (due_on(yesterday), yesterday)
    }
}

/// Runs forever: digests when due (and once at start for the latest due time, which queues
/// nothing already queued), watch notifications every few seconds.
pub async fn run(
    pool: Pool,
    ctx: DigestContext,
    daily_at: NaiveTime,
    watch_batch_seconds: u32,
    replies: Option<ReplyHeaders>,
    mail_wakeup: Arc<Notify>,
) {
    let tick = Duration::from_secs(u64::from(watch_batch_seconds.clamp(1, 5)));
    let mut done: Option<NaiveDate> = None;
    let notices = MailContext {
        batch_seconds: watch_batch_seconds,
        secret: ctx.secret.clone(),
        base_url: ctx.base_url.to_string(),
        replies: replies.clone(),
    };
    loop {
        let now = Utc::now();
        let (due, day) = last_due(now, daily_at, ctx.timezone);
        if done != Some(day) {
            let mut ok = true;
            let mut frequencies = vec![Frequency::Daily];
            if day.weekday() == Weekday::Mon {
                frequencies.push(Frequency::Weekly);
            }
            for f in frequencies {
                match digests::run(&pool, &ctx, f, due).await {
                    Ok(r) if r.queued > 0 => mail_wakeup.notify_one(),
                    Ok(_) => {}
                    Err(e) => {
                        ok = false;
                        tracing::error!(error = format!("{e:#}"), frequency = %f, "digest run failed");
                    }
                }
            }
            if ok {
                done = Some(day);
            }
        }
        match watches::flush(
            &pool,
            watch_batch_seconds,
            replies.as_ref(),
            now.naive_utc(),
        )
        .await
        {
            Ok(0) => {}
            Ok(_) => mail_wakeup.notify_one(),
            Err(e) => tracing::error!(error = format!("{e:#}"), "watch notifications failed"),
        }
        match notifications::flush(&pool, &notices, now.naive_utc()).await {
            Ok(0) => {}
            Ok(_) => mail_wakeup.notify_one(),
            Err(e) => tracing::error!(error = format!("{e:#}"), "notification emails failed"),
        }
        tokio::time::sleep(tick).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_are_due_at_the_local_time_of_today_or_yesterday() {
        let tz = chrono_tz::America::Guatemala;
        let at = NaiveTime::from_hms_opt(7, 0, 0).unwrap();
        let (due, day) = last_due("2026-11-30T14:00:00Z".parse().unwrap(), at, tz);
        assert_eq!(due.to_rfc3339(), "2026-11-30T13:00:00+00:00");
        assert_eq!(day.weekday(), Weekday::Mon);
        let (due, day) = last_due("2026-11-30T12:59:00Z".parse().unwrap(), at, tz);
        assert_eq!(due.to_rfc3339(), "2026-11-29T13:00:00+00:00");
        assert_eq!(day.to_string(), "2026-11-29");
    }
}
