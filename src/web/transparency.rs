//! The monthly transparency report (`/transparency`) and its figures as open data
//! (`/transparency.csv`, `/transparency.json`).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use super::render::{self, Meta};
use super::AppState;
use crate::domain::transparency::Figures;
use crate::domain::Locale;
use crate::error::AppError;
use crate::i18n;
use crate::services::boards;
use crate::services::transparency::{self, Report};

/// `?month=YYYY-MM`
#[derive(Deserialize)]
pub struct MonthQuery {
    #[serde(default)]
    month: Option<String>,
}

async fn load(state: &AppState, query: MonthQuery) -> Result<Report, AppError> {
    transparency::report(&state.pool, state.settings.site.timezone, query.month).await
}

/// One bar of a chart and one row of its table.
#[derive(Serialize)]
struct Row {
    label: String,
    value: String,
    /// The bar's length, in the chart's units.
    width: i64,
    y: i64,
    text_y: i64,
    value_y: i64,
    value_x: i64,
}

/// A small table of one dimension, with its bar chart.
#[derive(Serialize)]
struct Table {
    id: &'static str,
    caption: String,
    head: String,
    rows: Vec<Row>,
    height: i64,
}

const BAR_MAX: i64 = 360;
const ROW_HEIGHT: i64 = 36;

fn table(req: &HttpRequest, id: &'static str, head: &str, entries: Vec<(String, i64)>) -> Table {
    let max = entries.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let rows = entries
        .into_iter()
        .enumerate()
        .map(|(i, (label, n))| {
            let width = n * BAR_MAX / max;
            let y = i as i64 * ROW_HEIGHT;
            Row {
                label,
                value: n.to_string(),
                width,
                y: y + 17,
                text_y: y + 13,
                value_y: y + 28,
                value_x: width + 6,
            }
        })
        .collect::<Vec<_>>();
    Table {
        id,
        caption: render::text(req, &format!("transparency-{id}")),
        head: render::text(req, head),
        height: (rows.len() as i64 * ROW_HEIGHT).max(ROW_HEIGHT),
        rows,
    }
}

fn labelled<'a>(
    req: &HttpRequest,
    counts: impl IntoIterator<Item = (&'a String, &'a i64)>,
    label: impl Fn(&HttpRequest, &str) -> String,
) -> Vec<(String, i64)> {
    counts
        .into_iter()
        .map(|(k, n)| (label(req, k), *n))
        .collect()
}

fn tables(req: &HttpRequest, f: &Figures, board_names: &HashMap<String, String>) -> Vec<Table> {
    let locale = super::locale::current(req);
    let key = |prefix: &'static str| {
        move |req: &HttpRequest, k: &str| render::text(req, &format!("{prefix}{k}"))
    };
    let rule = move |_: &HttpRequest, k: &str| {
        let mut args = i18n::Args::new();
        args.insert("number".into(), k.to_string().into());
        i18n::text(locale, "transparency-rule-number", Some(&args))
    };
    let appeals = [
        ("filed", f.appeals.filed),
        ("upheld", f.appeals.upheld),
        ("overturned", f.appeals.overturned),
    ];
    let suspensions = [
        ("started", f.suspensions.started),
        ("active", f.suspensions.active),
    ];
    let mut by_rule: Vec<(&String, &i64)> = f.decisions.by_rule.iter().collect();
    by_rule.sort_by_key(|(k, _)| k.parse::<i64>().unwrap_or(i64::MAX));
    vec![
        table(
            req,
            "by-action",
            "transparency-head-action",
            labelled(req, &f.decisions.by_action, key("action-")),
        ),
        table(
            req,
            "by-rule",
            "transparency-head-rule",
            labelled(req, by_rule, rule),
        ),
        table(
            req,
            "by-board",
            "transparency-head-board",
            labelled(req, &f.decisions.by_board, |_, slug| {
                board_names
                    .get(slug)
                    .cloned()
                    .unwrap_or_else(|| slug.to_string())
            }),
        ),
        table(
            req,
            "by-origin",
            "transparency-head-origin",
            labelled(req, &f.decisions.by_origin, key("transparency-origin-")),
        ),
        table(
            req,
            "reports",
            "transparency-head-reason",
            labelled(req, &f.reports_by_reason, key("flag-")),
        ),
        table(
            req,
            "appeals",
            "transparency-head-appeals",
            appeals
                .iter()
                .map(|(k, n)| (render::text(req, &format!("transparency-appeals-{k}")), *n))
                .collect(),
        ),
        table(
            req,
            "suspensions",
            "transparency-head-suspensions",
            suspensions
                .iter()
                .map(|(k, n)| {
                    (
                        render::text(req, &format!("transparency-suspensions-{k}")),
                        *n,
                    )
                })
                .collect(),
        ),
    ]
}

#[derive(Serialize)]
struct MonthLink {
    month: String,
    current: bool,
}

#[derive(Serialize)]
struct Page {
    month: String,
    closed: bool,
    median: Option<String>,
    total: i64,
    tables: Vec<Table>,
    months: Vec<MonthLink>,
}

/// `GET /transparency`
pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    query: web::Query<MonthQuery>,
) -> Result<HttpResponse, AppError> {
    let report = load(&state, query.into_inner()).await?;
    let f = &report.figures;
    let month = report.month.to_string();
    let board_names: HashMap<String, String> = boards::list_index(&state.pool, locale)
        .await?
        .into_iter()
        .map(|b| (b.slug, b.name))
        .collect();
    // Hours with two decimals, written with the reader's decimal mark.
    let median = f.median_hours_to_decision.map(|h| {
        let plain = format!("{h:.2}");
        match locale {
            Locale::Es => plain.replace('.', ","),
            _ => plain,
        }
    });
    let data = Page {
        closed: report.closed,
        median,
        total: f.decisions.by_action.values().sum(),
        tables: tables(&req, f, &board_names),
        months: report
            .months
            .iter()
            .rev()
            .map(|m| MonthLink {
                month: m.to_string(),
                current: *m == report.month,
            })
            .collect(),
        month: month.clone(),
    };
    let mut args = i18n::Args::new();
    args.insert("month".into(), month.clone().into());
    let title = i18n::text(locale, "transparency-title", Some(&args));
    let meta = Meta {
        canonical: Some(format!("/transparency?month={month}")),
        ..Meta::default()
    };
    render::page_with(
        &req,
        StatusCode::OK,
        "pages/transparency",
        &title,
        meta,
        &data,
    )
}

/// `GET /transparency.csv`: `month,dimension,key,value`.
pub async fn csv(
    state: web::Data<AppState>,
    query: web::Query<MonthQuery>,
) -> Result<HttpResponse, AppError> {
    let report = load(&state, query.into_inner()).await?;
    let f = &report.figures;
    let mut out = csv::Writer::from_writer(Vec::new());
    let write = |out: &mut csv::Writer<Vec<u8>>, record: [&str; 4]| {
        out.write_record(record).map_err(anyhow::Error::from)
    };
    write(&mut out, ["month", "dimension", "key", "value"])?;
    for (dimension, key, value) in f.rows() {
        write(&mut out, [&f.month, dimension, &key, &value])?;
    }
    let body = out.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8; header=present")
        .insert_header(render::attachment(format!("transparencia-{}.csv", f.month)))
        .body(body))
}

/// `GET /transparency.json`
pub async fn json(
    state: web::Data<AppState>,
    query: web::Query<MonthQuery>,
) -> Result<HttpResponse, AppError> {
    let report = load(&state, query.into_inner()).await?;
    let body = serde_json::to_string(&report.figures).map_err(anyhow::Error::from)?;
    Ok(HttpResponse::Ok()
        .content_type("application/json; charset=utf-8")
        .insert_header(render::attachment(format!(
            "transparencia-{}.json",
            report.figures.month
        )))
        .body(body))
}
