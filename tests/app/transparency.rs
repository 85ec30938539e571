//! The monthly transparency report: a month of real moderation, moved into the past, counted
//! the same on the page, in the CSV and in the JSON; a month that ended keeps its figures.

use std::collections::BTreeMap;

use tertulia::domain::transparency::Month;
use tertulia::domain::Role;

use crate::helpers::{attr, spawn_app_with, texts, TestApp};

/// The CSV's rows as `(dimension, key) -> value`, checking its header and month.
async fn csv_figures(app: &TestApp, month: &str) -> BTreeMap<(String, String), String> {
    let res = app.get(&format!("/transparency.csv?month={month}")).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let body = res.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        &csv::StringRecord::from(vec!["month", "dimension", "key", "value"])
    );
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            assert_eq!(&r[0], month);
            ((r[1].to_string(), r[2].to_string()), r[3].to_string())
        })
        .collect()
}

async fn json_figures(app: &TestApp, month: &str) -> serde_json::Value {
    let res = app.get(&format!("/transparency.json?month={month}")).await;
    assert_eq!(res.status(), 200);
    serde_json::from_str(&res.text().await.unwrap()).unwrap()
}

/// The `.../suspend` form's address on a member's profile, as a moderator sees it.
async fn suspend_path(moderator: &TestApp, username: &str) -> String {
    let (_, doc) = moderator.get_html(&format!("/u/{username}")).await;
    attr(&doc, "form[action$='/suspend']", "action").expect("a suspend form")
}

#[tokio::test]
async fn a_month_of_moderation_is_counted_alike_in_the_page_the_csv_and_the_json() {
    // A member's first post waits for review.
    let app = spawn_app_with(|s| s.moderation.new_member_review_posts = 1).await;
    let moda = app.browser_as("moda", Role::Moderator).await;
    let modb = app.browser_as("modb", Role::Moderator).await;
    let autora = app.browser_as("autora", Role::Member).await;
    let mut lectores = Vec::new();
    for n in 0..3 {
        lectores.push(app.browser_as(&format!("lector{n}"), Role::Member).await);
    }
    let thread = moda
        .new_thread(
            "educacion",
            "Datos en las aulas",
            "¿Qué guardan las escuelas?",
        )
        .await;

    // 1. A held post, approved (automatic: the review held it).
    assert_eq!(
        autora
            .reply(thread, "Mi primera respuesta", None)
            .await
            .status,
        303
    );
    let (_, queue) = moda.get_html("/mod").await;
    let held: i64 = attr(&queue, ".queue-item", "id").unwrap()[1..]
        .parse()
        .unwrap();
    assert_eq!(moda.moderate(held, "approve", &[]).await.status, 303);

    // 2. Three spam reports hide a post (automatic), then a moderator keeps it hidden
    // (answering the reports).
    let spam = autora
        .new_reply(thread, "Compre ya, oferta única", None)
        .await;
    for l in &lectores {
        assert_eq!(l.report(spam, "spam", "").await.status, 303);
    }
    let kept = moda
        .moderate(spam, "hide", &[("rule", "2"), ("reason", "")])
        .await;
    assert_eq!(kept.status, 303, "{}", kept.body);

    // 3. One abuse report, answered by another moderator.
    let rude = autora
        .new_reply(thread, "Un comentario grosero", None)
        .await;
    assert_eq!(lectores[0].report(rude, "abuse", "").await.status, 303);
    let hid = modb
        .moderate(rude, "hide", &[("rule", "1"), ("reason", "")])
        .await;
    assert_eq!(hid.status, 303, "{}", hid.body);

    // 4. A moderator hides a post nobody reported, which is appealed and upheld.
    let own = autora.new_reply(thread, "Otro mensaje", None).await;
    let hid = moda
        .moderate(own, "hide", &[("rule", "3"), ("reason", "fuera de tema")])
        .await;
    assert_eq!(hid.status, 303, "{}", hid.body);
    let appealed = autora
        .submit(
            &format!("/t/{thread}"),
            &format!("/p/{own}/appeal"),
            &[("message", "Era pertinente")],
        )
        .await;
    assert_eq!(appealed.status, 303, "{}", appealed.body);
    let upheld = modb
        .submit("/mod", "/mod/appeals/1/uphold", &[("reason", "no lo era")])
        .await;
    assert_eq!(upheld.status, 303, "{}", upheld.body);

    // 5. A thread locked and a member suspended, both on a moderator's own initiative.
    let locked = moda
        .submit(
            &format!("/t/{thread}"),
            &format!("/mod/threads/{thread}/lock"),
            &[("reason", "")],
        )
        .await;
    assert_eq!(locked.status, 303, "{}", locked.body);
    let suspend = suspend_path(&moda, "lector2").await;
    let suspended = moda
        .submit(
            "/u/lector2",
            &suspend,
            &[
                ("rule", "1"),
                ("reason", "insultos"),
                ("until", "2099-01-31"),
            ],
        )
        .await;
    assert_eq!(suspended.status, 303, "{}", suspended.body);

    // The current month counts them live, each origin as it happened.
    let tz = app.settings.site.timezone;
    let current = Month::containing(chrono::Utc::now().naive_utc(), tz).to_string();
    let live = json_figures(&app, &current).await;
    assert_eq!(
        live["decisions"]["by_origin"],
        serde_json::json!({"automatic": 2, "flag": 2, "moderator": 4})
    );
    assert!(live["median_hours_to_decision"].is_number(), "{live}");

    // Move the site and that month into March 2025 (Guatemala time), with known waits:
    // the held post 2 h, the automatic hiding 1 h, the kept hiding 4 h, the answered report
    // 24 h: a median of 3 h.
    let at = |what: &str| format!("'2025-03-15 {what}'");
    app.sql(&format!(
        "UPDATE users SET created_at = '2025-01-10 12:00:00';
         UPDATE posts SET created_at = '2025-03-14 12:00:00';
         UPDATE modlog SET created_at = {};
         UPDATE modlog SET waited_since = {} WHERE action = 'approve';
         UPDATE modlog SET waited_since = {} WHERE action = 'auto_hide';
         UPDATE modlog SET waited_since = {} WHERE action = 'hide' AND target_id = {spam};
         UPDATE modlog SET waited_since = '2025-03-14 12:00:00' WHERE action = 'hide' AND target_id = {rude};
         UPDATE flags SET created_at = {};
         UPDATE appeals SET created_at = {}, decided_at = {};",
        at("12:00:00"),
        at("10:00:00"),
        at("11:00:00"),
        at("08:00:00"),
        at("09:00:00"),
        at("11:30:00"),
        at("12:30:00"),
    ));

    let expected = serde_json::json!({
        "month": "2025-03",
        "decisions": {
            "by_action": {"appeal_upheld": 1, "approve": 1, "auto_hide": 1, "hide": 3, "lock": 1, "suspend": 1},
            "by_rule": {"1": 2, "2": 1, "3": 2},
            "by_board": {"educacion": 7},
            "by_origin": {"automatic": 2, "flag": 2, "moderator": 4}
        },
        "reports_by_reason": {"abuse": 1, "spam": 3},
        "median_hours_to_decision": 3.0,
        "appeals": {"filed": 1, "upheld": 1, "overturned": 0},
        "suspensions": {"started": 1, "active": 1}
    });
    assert_eq!(json_figures(&app, "2025-03").await, expected);

    let csv = csv_figures(&app, "2025-03").await;
    let row = |d: &str, k: &str| csv.get(&(d.to_string(), k.to_string())).cloned();
    assert_eq!(row("action", "hide").as_deref(), Some("3"));
    assert_eq!(row("rule", "1").as_deref(), Some("2"));
    assert_eq!(row("board", "educacion").as_deref(), Some("7"));
    assert_eq!(row("origin", "flag").as_deref(), Some("2"));
    assert_eq!(row("report_reason", "spam").as_deref(), Some("3"));
    assert_eq!(row("appeals", "upheld").as_deref(), Some("1"));
    assert_eq!(row("appeals", "overturned").as_deref(), Some("0"));
    assert_eq!(row("suspensions", "active").as_deref(), Some("1"));
    assert_eq!(row("median_hours_to_decision", "all").as_deref(), Some("3"));
    assert_eq!(csv.len(), 6 + 3 + 1 + 3 + 2 + 3 + 2 + 1);

    let (status, page) = app.get_html("/transparency?month=2025-03").await;
    assert_eq!(status, 200);
    assert_eq!(texts(&page, ".total"), ["8"]);
    assert_eq!(texts(&page, ".median"), ["3,00 horas"]);
    assert_eq!(texts(&page, "#by-board tbody th"), ["Educación"]);
    let (_, english) = app.get_html("/transparency?month=2025-03&lang=en").await;
    assert_eq!(texts(&english, ".median"), ["3.00 hours"]);
    assert_eq!(
        texts(&page, "#by-origin tbody td"),
        ["2", "2", "4"],
        "automatic, flag, moderator"
    );
    assert_eq!(texts(&page, "#appeals tbody td"), ["1", "1", "0"]);
    assert_eq!(texts(&page, "#suspensions tbody td"), ["1", "1"]);
    assert_eq!(texts(&page, "#reports tbody th[scope=row]").len(), 2);
    assert_eq!(texts(&page, "table caption").len(), 7);
    assert_eq!(texts(&page, "svg[role=img][aria-label]").len(), 7);
    assert!(!page.html().contains("style="), "no style attributes");
    // Every month from the site's first to the current one is linked.
    let months = texts(&page, ".months li");
    assert_eq!(months.last().map(String::as_str), Some("2025-01"));
    assert_eq!(months.first(), Some(&current));

    // Later purges do not rewrite a month that has ended.
    app.sql(
        "DELETE FROM flags;
         DELETE FROM appeals;
         DELETE FROM modlog WHERE action = 'lock';
         UPDATE users SET suspended_until = NULL;",
    );
    assert_eq!(json_figures(&app, "2025-03").await, expected);
    assert_eq!(csv_figures(&app, "2025-03").await, csv);
    // The current month is counted live: nothing is left in it.
    let now = json_figures(&app, &current).await;
    assert_eq!(now["decisions"]["by_action"], serde_json::json!({}));
}

#[tokio::test]
async fn only_the_months_from_the_first_to_the_current_exist() {
    let app = spawn_app_with(|_| {}).await;
    app.make_user("ana", Role::Member).await;
    app.sql("UPDATE users SET created_at = '2025-01-10 12:00:00'");
    let tz = app.settings.site.timezone;
    let current = Month::containing(chrono::Utc::now().naive_utc(), tz);
    // By default, the last month that has ended.
    let (status, page) = app.get_html("/transparency").await;
    assert_eq!(status, 200);
    assert!(
        texts(&page, "h1")[0].contains(&current.prev().to_string()),
        "{:?}",
        texts(&page, "h1")
    );
    let json = json_figures(&app, "").await;
    assert_eq!(json["month"], current.prev().to_string());
    for path in ["/transparency", "/transparency.csv", "/transparency.json"] {
        for month in [
            "2024-12".to_string(),
            current.next().to_string(),
            "2025-1".to_string(),
            "2025-13".to_string(),
            "marzo".to_string(),
        ] {
            let status = app.get(&format!("{path}?month={month}")).await.status();
            assert_eq!(status, 404, "{path}?month={month}");
        }
        assert_eq!(
            app.get(&format!("{path}?month=2025-01")).await.status(),
            200
        );
    }
}
