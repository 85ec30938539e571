//! The monthly transparency report: what moderation decided, why, how fast, and whether it
//! held up on appeal. A month that has ended is computed once and kept, so its figures do not
//! change when older rows are later purged; the current month is computed on each request.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::db::{self, DbConn, Pool};
use crate::domain::transparency::{median, round_hours, Figures, Month};
use crate::domain::ModAction;
use crate::error::AppError;

/// One month's report, with the months a reader may go to.
#[derive(Debug, Clone)]
pub struct Report {
    pub month: Month,
    /// From the site's first month to the current one, oldest first.
    pub months: Vec<Month>,
    /// Whether the month has ended (its figures are kept and final).
    pub closed: bool,
    pub figures: Figures,
}

/// The month a request for `requested` (`YYYY-MM`, or nothing) shows: by default the last
/// month that has ended in the site's time zone (the current one while the site is in its
/// first month). `None` for a malformed month, one before the site's first or after the
/// current one.
pub fn choose_month(requested: Option<&str>, first: Month, current: Month) -> Option<Month> {
    let month = match requested.filter(|s| !s.is_empty()) {
        Some(s) => Month::parse(s)?,
        None if current.prev() >= first => current.prev(),
        None => current,
    };
    (first <= month && month <= current).then_some(month)
}

/// The report for `requested` (see [`choose_month`]); `NotFound` when there is no such month.
#[tracing::instrument(skip(pool))]
pub async fn report(pool: &Pool, tz: Tz, requested: Option<String>) -> Result<Report, AppError> {
    pool.run(move |c| {
        let now = Utc::now().naive_utc();
        let current = Month::containing(now, tz);
        let first = db::transparency::first_activity(c)?
            .map_or(current, |at| Month::containing(at, tz))
            .min(current);
        let month = choose_month(requested.as_deref(), first, current).ok_or(AppError::NotFound)?;
        let closed = month < current;
        let figures = if closed {
            kept(c, month, tz, now)?
        } else {
            compute(c, month, tz)?
        };
        Ok(Report {
            month,
            months: first.through(current),
            closed,
            figures,
        })
    })
    .await
}

/// A closed month's kept figures, computing and keeping them on the first request. Two
/// instances computing at once agree: the first stored row wins and both answer with it.
fn kept(c: &mut DbConn, month: Month, tz: Tz, now: NaiveDateTime) -> Result<Figures, AppError> {
    let key = month.to_string();
    if let Some(json) = db::transparency::stored(c, &key)? {
        return parse(&json);
    }
    let figures = compute(c, month, tz)?;
    let json = serde_json::to_string(&figures).map_err(anyhow::Error::from)?;
    c.in_unseen_transaction(|c| db::transparency::store(c, &key, &json, now))?;
    match db::transparency::stored(c, &key)? {
        Some(json) => parse(&json),
        None => Ok(figures),
    }
}

fn parse(json: &str) -> Result<Figures, AppError> {
    Ok(serde_json::from_str(json).map_err(anyhow::Error::from)?)
}

/// The moderation actions the report counts as decisions.
fn decision_actions() -> Vec<ModAction> {
    ModAction::ALL
        .iter()
        .copied()
        .filter(|a| a.is_decision())
        .collect()
}

/// Computes a month's figures from the tables (a handful of grouped queries).
fn compute(c: &mut DbConn, month: Month, tz: Tz) -> Result<Figures, AppError> {
    let (start, end) = (month.start(tz), month.end(tz));
    let actions = decision_actions();
    let groups = db::transparency::decision_groups(c, start, end, &actions)?;
    let board_ids: Vec<i64> = groups.iter().filter_map(|g| g.3).collect();
    let slugs: HashMap<i64, String> = db::transparency::board_slugs(c, &board_ids)?
        .into_iter()
        .collect();
    let mut figures = Figures {
        month: month.to_string(),
        ..Figures::default()
    };
    let d = &mut figures.decisions;
    let add = |map: &mut BTreeMap<String, i64>, key: String, n: i64| {
        *map.entry(key).or_insert(0) += n;
    };
    for (action, origin, rule, board, n) in groups {
        add(&mut d.by_action, action.to_string(), n);
        if let Some(origin) = origin {
            add(&mut d.by_origin, origin.to_string(), n);
        }
        if let Some(rule) = rule {
            add(&mut d.by_rule, rule.to_string(), n);
        }
        if let Some(slug) = board.and_then(|b| slugs.get(&b)) {
            add(&mut d.by_board, slug.clone(), n);
        }
    }
    for (reason, n) in db::transparency::reports_by_reason(c, start, end)? {
        add(&mut figures.reports_by_reason, reason.to_string(), n);
    }
    let mut hours: Vec<f64> = db::transparency::waits(c, start, end, &actions)?
        .into_iter()
        .map(|(at, since)| ((at - since).num_seconds().max(0) as f64) / 3600.0)
        .collect();
    figures.median_hours_to_decision = median(&mut hours).map(round_hours);
    figures.appeals.filed = db::transparency::appeals_filed(c, start, end)?;
    for (outcome, n) in db::transparency::appeals_decided(c, start, end)? {
        match outcome.as_deref() {
            Some("upheld") => figures.appeals.upheld += n,
            Some("overturned") => figures.appeals.overturned += n,
            _ => {}
        }
    }
    figures.suspensions.started = figures
        .decisions
        .by_action
        .get(ModAction::Suspend.as_str())
        .copied()
        .unwrap_or(0);
    figures.suspensions.active = db::transparency::suspensions_active_at(c, end)?;
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    #[test]
    fn the_default_month_is_the_last_closed_one_and_the_range_is_enforced() {
        let (first, current) = (m("2029-06"), m("2030-03"));
        assert_eq!(choose_month(None, first, current), Some(m("2030-02")));
        assert_eq!(choose_month(Some(""), first, current), Some(m("2030-02")));
        assert_eq!(choose_month(Some("2029-06"), first, current), Some(first));
        assert_eq!(choose_month(Some("2030-03"), first, current), Some(current));
        assert_eq!(choose_month(Some("2029-05"), first, current), None);
        assert_eq!(choose_month(Some("2030-04"), first, current), None);
        assert_eq!(choose_month(Some("2030-3"), first, current), None);
        // In the site's first month there is no closed month yet: the current one.
        assert_eq!(choose_month(None, current, current), Some(current));
    }
}
