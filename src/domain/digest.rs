//! Digest frequencies and the period a digest covers, in the site's time zone.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

use super::named::named;

named! {
    /// How often a digest is sent.
    pub enum Frequency ("frequency") {
        Daily = "daily",
        Weekly = "weekly",
    }
}

/// The stretch of time one digest covers: `[start, end)` in UTC, and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub frequency: Frequency,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    /// `2026-11-27` for a day, `2026-W48` for an ISO week.
    pub label: String,
    /// The first local day covered.
    pub first_day: NaiveDate,
    /// The last local day covered.
    pub last_day: NaiveDate,
}

/// Local midnight of `day` in `tz`, as UTC (the earliest one when clocks repeat an hour).
fn midnight(tz: Tz, day: NaiveDate) -> NaiveDateTime {
    let local = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    match tz.from_local_datetime(&local).earliest() {
        Some(t) => t.naive_utc(),
        // A zone whose clocks skip midnight: the day starts an hour later.
        None => tz
            .from_local_datetime(&(local + TimeDelta::hours(1)))
            .earliest()
            .map(|t| t.naive_utc())
            .unwrap_or(local),
    }
}

impl Period {
    /// The period a digest sent at `now` covers: the previous calendar day, or the previous
    /// ISO week (Monday to Sunday), in `tz`.
    pub fn due_at(frequency: Frequency, now: DateTime<Utc>, tz: Tz) -> Self {
        let today = now.with_timezone(&tz).date_naive();
        let (first_day, days) = match frequency {
            Frequency::Daily => (today - TimeDelta::days(1), 1),
            Frequency::Weekly => {
                let monday = today - TimeDelta::days(today.weekday().num_days_from_monday() as i64);
                (monday - TimeDelta::days(7), 7)
            }
        };
        let next = first_day + TimeDelta::days(days);
        let label = match frequency {
            Frequency::Daily => first_day.format("%Y-%m-%d").to_string(),
            Frequency::Weekly => {
                let week = first_day.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
        };
        Self {
            frequency,
            start: midnight(tz, first_day),
            end: midnight(tz, next),
            label,
            first_day,
            last_day: next - TimeDelta::days(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_daily_digest_covers_the_previous_local_day() {
        let tz = chrono_tz::America::Guatemala; // UTC-6, no daylight saving
        let p = Period::due_at(Frequency::Daily, utc("2026-11-28T13:00:00Z"), tz);
        assert_eq!(p.label, "2026-11-27");
        assert_eq!(p.start.to_string(), "2026-11-27 06:00:00");
        assert_eq!(p.end.to_string(), "2026-11-28 06:00:00");
        // 02:00 UTC on the 28th is still the 27th in Guatemala.
        let late = Period::due_at(Frequency::Daily, utc("2026-11-28T02:00:00Z"), tz);
        assert_eq!(late.label, "2026-11-26");
    }

    #[test]
    fn a_weekly_digest_covers_the_previous_iso_week() {
        let tz = chrono_tz::America::Guatemala;
        // Monday 30 November 2026, 07:00 local.
        let p = Period::due_at(Frequency::Weekly, utc("2026-11-30T13:00:00Z"), tz);
        assert_eq!(p.label, "2026-W48");
        assert_eq!(p.first_day.to_string(), "2026-11-23");
        assert_eq!(p.last_day.to_string(), "2026-11-29");
        assert_eq!(p.start.to_string(), "2026-11-23 06:00:00");
        assert_eq!(p.end.to_string(), "2026-11-30 06:00:00");
        // Any day of the next week names the same period.
        let thursday = Period::due_at(Frequency::Weekly, utc("2026-12-03T20:00:00Z"), tz);
        assert_eq!(thursday, p);
        // The ISO year differs from the calendar year at the turn of the year.
        let jan = Period::due_at(Frequency::Weekly, utc("2027-01-04T13:00:00Z"), tz);
        assert_eq!(jan.label, "2026-W53");
    }

    #[test]
    fn days_that_change_the_clocks_are_23_or_25_hours() {
        let tz = chrono_tz::Europe::Madrid;
        let spring = Period::due_at(Frequency::Daily, utc("2026-03-30T06:00:00Z"), tz);
        assert_eq!(spring.label, "2026-03-29");
        assert_eq!((spring.end - spring.start).num_hours(), 23);
        let autumn = Period::due_at(Frequency::Daily, utc("2026-10-26T06:00:00Z"), tz);
        assert_eq!((autumn.end - autumn.start).num_hours(), 25);
    }

    #[test]
    fn frequencies_parse_from_their_names_only() {
        assert_eq!("daily".parse::<Frequency>().unwrap(), Frequency::Daily);
        assert_eq!("weekly".parse::<Frequency>().unwrap(), Frequency::Weekly);
        assert!("monthly".parse::<Frequency>().is_err());
    }
}
