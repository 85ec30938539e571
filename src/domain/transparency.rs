//! The monthly transparency report's pure parts: a calendar month in the site's time zone, the
//! median, and the figures as open data (one shape for the page, the CSV and the JSON).

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// A calendar month, `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    month: u32,
}

impl Month {
    /// Reads `YYYY-MM` exactly (four-digit year, two-digit month 01–12); anything else is
    /// `None`.
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 7
            || b[4] != b'-'
            || !b
                .iter()
                .enumerate()
                .all(|(i, c)| i == 4 || c.is_ascii_digit())
        {
            return None;
        }
        let year: i32 = s[..4].parse().ok()?;
        let month: u32 = s[5..].parse().ok()?;
        ((1..=12).contains(&month) && year >= 1).then_some(Self { year, month })
    }

    /// The month a moment (UTC) falls in, in the time zone `tz`.
    pub fn containing(at: NaiveDateTime, tz: Tz) -> Self {
        let local = tz.from_utc_datetime(&at).date_naive();
        Self {
            year: local.year(),
            month: local.month(),
        }
    }

    /// The month before.
    pub fn prev(self) -> Self {
        if self.month == 1 {
            Self {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Self {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// The month after.
    pub fn next(self) -> Self {
        if self.month == 12 {
            Self {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Self {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    /// When the month starts, in UTC: its first midnight in `tz`.
    pub fn start(self, tz: Tz) -> NaiveDateTime {
        let midnight = self.first_day().and_time(NaiveTime::MIN);
        tz.from_local_datetime(&midnight)
            .earliest()
            .map_or(midnight, |t| t.naive_utc())
    }

    /// When the month ends (the next one starts), in UTC.
    pub fn end(self, tz: Tz) -> NaiveDateTime {
        self.next().start(tz)
    }

    /// Every month from `self` to `last`, both included, oldest first.
    pub fn through(self, last: Month) -> Vec<Month> {
        let mut out = Vec::new();
        let mut m = self;
        while m <= last {
            out.push(m);
            m = m.next();
        }
        out
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The median of `values` (the mean of the two middle ones when their number is even); `None`
/// when there are none.
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

/// Hours rounded to two decimals.
pub fn round_hours(h: f64) -> f64 {
    (h * 100.0).round() / 100.0
}

/// Decisions counted four ways.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Decisions {
    pub by_action: BTreeMap<String, i64>,
    pub by_rule: BTreeMap<String, i64>,
    pub by_board: BTreeMap<String, i64>,
    pub by_origin: BTreeMap<String, i64>,
}

/// Appeals filed in the month, and decided in it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Appeals {
    pub filed: i64,
    pub upheld: i64,
    pub overturned: i64,
}

/// Suspensions started in the month, and in force at its end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Suspensions {
    pub started: i64,
    pub active: i64,
}

/// One month's figures, exactly the published JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub month: String,
    pub decisions: Decisions,
    pub reports_by_reason: BTreeMap<String, i64>,
    pub median_hours_to_decision: Option<f64>,
    pub appeals: Appeals,
    pub suspensions: Suspensions,
}

impl Figures {
    /// The figures as CSV records `(dimension, key, value)`, in the published order; the
    /// median is empty when no decision answered a report or a held post.
    pub fn rows(&self) -> Vec<(&'static str, String, String)> {
        let mut out = Vec::new();
        let groups: [(&'static str, &BTreeMap<String, i64>); 5] = [
            ("action", &self.decisions.by_action),
            ("rule", &self.decisions.by_rule),
            ("board", &self.decisions.by_board),
            ("origin", &self.decisions.by_origin),
            ("report_reason", &self.reports_by_reason),
        ];
        for (dimension, counts) in groups {
            for (key, n) in counts {
                out.push((dimension, key.clone(), n.to_string()));
            }
        }
        let a = self.appeals;
        for (key, n) in [
            ("filed", a.filed),
            ("upheld", a.upheld),
            ("overturned", a.overturned),
        ] {
            out.push(("appeals", key.to_string(), n.to_string()));
        }
        let s = self.suspensions;
        for (key, n) in [("started", s.started), ("active", s.active)] {
            out.push(("suspensions", key.to_string(), n.to_string()));
        }
        out.push((
            "median_hours_to_decision",
            "all".to_string(),
            self.median_hours_to_decision
                .map(|h| h.to_string())
                .unwrap_or_default(),
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_reads_only_as_yyyy_mm() {
        assert_eq!(Month::parse("2030-03").unwrap().to_string(), "2030-03");
        assert_eq!(Month::parse("0999-12").unwrap().to_string(), "0999-12");
        for bad in [
            "",
            "2030-3",
            "2030-13",
            "2030-00",
            "30-03",
            "2030/03",
            "2030-03-01",
            "２０３0-03",
            "+030-03",
            "2030-+3",
            "0000-01",
            " 2030-03",
        ] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn months_step_over_years_and_bound_in_the_site_zone() {
        let m = Month::parse("2030-12").unwrap();
        assert_eq!(m.next().to_string(), "2031-01");
        assert_eq!(m.next().prev(), m);
        assert_eq!(
            Month::parse("2030-01").unwrap().prev().to_string(),
            "2029-12"
        );
        let tz: Tz = "America/Guatemala".parse().unwrap();
        // Guatemala is UTC-6: March starts at 06:00 UTC on the 1st.
        let march = Month::parse("2030-03").unwrap();
        assert_eq!(march.start(tz).to_string(), "2030-03-01 06:00:00");
        assert_eq!(march.end(tz).to_string(), "2030-04-01 06:00:00");
        let late = NaiveDate::from_ymd_opt(2030, 4, 1)
            .unwrap()
            .and_hms_opt(5, 0, 0)
            .unwrap();
        assert_eq!(Month::containing(late, tz), march);
        assert_eq!(
            Month::parse("2030-11")
                .unwrap()
                .through(Month::parse("2031-02").unwrap())
                .len(),
            4
        );
    }

    #[test]
    fn the_median_is_the_middle_value_or_the_mean_of_the_two() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5.0]), Some(5.0));
        assert_eq!(median(&mut [9.0, 1.0, 4.0]), Some(4.0));
        assert_eq!(median(&mut [10.0, 2.0, 4.0, 1.0]), Some(3.0));
        assert_eq!(round_hours(2.0 / 3.0), 0.67);
    }

    #[test]
    fn the_csv_rows_follow_the_json() {
        let mut f = Figures {
            month: "2030-03".into(),
            ..Figures::default()
        };
        f.decisions.by_action.insert("hide".into(), 2);
        f.appeals.filed = 1;
        let rows = f.rows();
        assert_eq!(rows[0], ("action", "hide".to_string(), "2".to_string()));
        assert!(rows.contains(&("appeals", "filed".to_string(), "1".to_string())));
        assert_eq!(
            rows.last().unwrap(),
            &("median_hours_to_decision", "all".to_string(), String::new())
        );
    }
}
