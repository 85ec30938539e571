//! A consultation's whole life: a draft only moderators see, open on its date, contributions
//! of a kind from members of each sector, counts and filters, closed at the end of its last
//! day (a late reply refused with its text kept), and a synthesis published once.

use chrono::{TimeDelta, Utc};
use tertulia::domain::Role;

use crate::digests::{digest_run, digests_to, subscribe, DAILY_NOW, IN_PERIOD};
use crate::helpers::{attr, spawn_app_without_jobs, texts, TestApp};

fn day(offset: i64) -> String {
    // A consultation's days are the site's days (config/test.toml: America/Guatemala, UTC-6),
    // so "yesterday" is counted there: counted in UTC it is still the site's today for six
    // hours after midnight UTC.
    (Utc::now().with_timezone(&chrono_tz::America::Guatemala) + TimeDelta::days(offset))
        .date_naive()
        .to_string()
}

fn thread_of(location: &str) -> i64 {
    location.trim_start_matches("/t/").parse().unwrap()
}

async fn open_consultation(m: &TestApp, title: &str, opens: &str, closes: &str) -> i64 {
    let answer = m
        .submit(
            "/consultations/new",
            "/consultations/new",
            &[
                ("board", "ciberseguridad"),
                ("title", title),
                ("question", "¿Qué debe decir la **ley de ciberdelitos**?"),
                ("opens_at", opens),
                ("closes_at", closes),
            ],
        )
        .await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    thread_of(answer.location.as_deref().unwrap())
}

#[tokio::test]
async fn a_consultation_opens_takes_contributions_closes_and_publishes_its_synthesis() {
    let app = spawn_app_without_jobs(|_| {}).await;
    let moderator = app.browser_as("moderadora", Role::Moderator).await;
    let ana = app.browser_as("ana", Role::Member).await;
    let luis = app.browser_as("luis", Role::Member).await;
    app.sql("UPDATE users SET stakeholder = 'civil_society', organization = 'Fundación Acceso' WHERE username = 'ana'");
    app.sql("UPDATE users SET stakeholder = 'government' WHERE username = 'luis'");

    // Members cannot open one; dates are checked with what was typed kept.
    let refused = ana
        .submit(
            "/consultations",
            "/consultations/new",
            &[("board", "ciberseguridad"), ("title", "Una consulta")],
        )
        .await;
    assert_eq!(refused.status, 403);
    let late = moderator
        .submit(
            "/consultations/new",
            "/consultations/new",
            &[
                ("board", "ciberseguridad"),
                ("title", "Ley de ciberdelitos"),
                ("question", "¿Qué opina?"),
                ("opens_at", &day(-10)),
                ("closes_at", &day(-3)),
            ],
        )
        .await;
    assert_eq!(late.status, 422);
    let doc = late.html();
    assert_eq!(
        texts(&doc, "#f-closes_at-error"),
        ["La fecha de cierre ya pasó."]
    );
    assert_eq!(
        attr(&doc, "#f-title", "value").as_deref(),
        Some("Ley de ciberdelitos")
    );

    // A draft: only moderators see it.
    let id = open_consultation(&moderator, "Ley de ciberdelitos", &day(2), &day(12)).await;
    assert_eq!(ana.get(&format!("/t/{id}")).await.status(), 404);
    let (_, doc) = ana.get_html("/consultations").await;
    assert!(texts(&doc, ".consultations h3 a").is_empty());
    let (_, doc) = ana.board("ciberseguridad").await;
    assert!(!texts(&doc, ".threads h3 a").contains(&"Ley de ciberdelitos".to_string()));
    let (status, doc) = moderator.get_html(&format!("/t/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(texts(&doc, ".consultation .phase"), ["Borrador"]);

    // Its opening day comes.
    app.sql(&format!(
        "UPDATE consultations SET opens_on = '{}' WHERE thread_id = {id}; \
         UPDATE threads SET opens_at = '2000-01-01 00:00:00' WHERE id = {id}",
        day(-1)
    ));
    let (_, doc) = ana.get_html("/").await;
    assert_eq!(
        texts(&doc, ".open-consultations h3 a"),
        ["Ley de ciberdelitos"]
    );
    let (status, doc) = ana.get_html(&format!("/t/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(texts(&doc, ".consultation .phase"), ["Abierta"]);
    assert!(texts(&doc, "#f-kind option").contains(&"Propuesta".to_string()));

    for (who, kind, body) in [
        (
            &ana,
            "proposal",
            "Que la ley proteja a quien investiga vulnerabilidades.",
        ),
        (
            &luis,
            "objection",
            "La redacción actual del artículo 3 es demasiado amplia.",
        ),
        (
            &ana,
            "evidence",
            "El informe del foro de 2023 lo documenta.",
        ),
    ] {
        let answer = who
            .submit(
                &format!("/t/{id}"),
                &format!("/t/{id}/reply"),
                &[("kind", kind), ("body", body)],
            )
            .await;
        assert_eq!(answer.status, 303, "{}", answer.body);
    }
    let (_, doc) = ana.get_html(&format!("/t/{id}")).await;
    let counts = texts(&doc, ".consultation .counts tr");
    assert!(
        counts
            .iter()
            .any(|r| r.starts_with("Propuesta") && r.ends_with('1')),
        "{counts:?}"
    );
    assert!(
        counts
            .iter()
            .any(|r| r.starts_with("Evidencia") && r.ends_with('1')),
        "{counts:?}"
    );
    assert!(
        counts
            .iter()
            .any(|r| r.starts_with("Sociedad civil") && r.ends_with('2')),
        "{counts:?}"
    );
    assert!(
        counts
            .iter()
            .any(|r| r.starts_with("Gobierno") && r.ends_with('1')),
        "{counts:?}"
    );
    assert_eq!(texts(&doc, ".consultation .counts h3"), ["3 aportes"]);
    assert_eq!(
        texts(&doc, ".post .kind"),
        ["Propuesta", "Objeción", "Evidencia"]
    );
    // Filters keep the question and the contributions asked for.
    let (_, doc) = ana
        .get_html(&format!("/t/{id}?stakeholder=government"))
        .await;
    assert_eq!(texts(&doc, ".post .kind"), ["Objeción"]);
    assert_eq!(
        texts(&doc, ".post").len(),
        2,
        "the question and one contribution"
    );
    let (_, doc) = ana.get_html(&format!("/t/{id}?kind=evidence")).await;
    assert_eq!(texts(&doc, ".post .kind"), ["Evidencia"]);

    // Not before it closes.
    let early = moderator
        .submit(
            &format!("/t/{id}"),
            &format!("/mod/consultations/{id}/synthesis"),
            &[("synthesis", "Resumen"), ("publish", "1")],
        )
        .await;
    assert_eq!(early.status, 422);

    // Its last day ends: replies are refused with the text kept.
    app.sql(&format!(
        "UPDATE consultations SET closes_on = '{}' WHERE thread_id = {id}",
        day(-1)
    ));
    let late = luis
        .submit(
            &format!("/t/{id}"),
            &format!("/t/{id}/reply"),
            &[
                ("kind", "comment"),
                ("body", "Un aporte tardío que no se pierde"),
            ],
        )
        .await;
    assert_eq!(late.status, 422, "{}", late.body);
    let doc = late.html();
    assert!(texts(&doc, "#f-body")
        .iter()
        .any(|t| t.contains("Un aporte tardío que no se pierde")));
    assert!(texts(&doc, "#f-body-error")[0].starts_with("Esta consulta está cerrada"));
    let (_, doc) = luis.get_html(&format!("/t/{id}")).await;
    assert!(
        texts(&doc, "#f-body").is_empty(),
        "no reply form once closed"
    );
    assert_eq!(texts(&doc, ".consultation .phase"), ["Cerrada"]);

    // A draft of the synthesis, then publishing it: once.
    let saved = moderator
        .submit(
            &format!("/t/{id}"),
            &format!("/mod/consultations/{id}/synthesis"),
            &[("synthesis", "Primera versión")],
        )
        .await;
    assert_eq!(saved.status, 303);
    let (_, doc) = ana.get_html(&format!("/t/{id}")).await;
    assert!(
        texts(&doc, "#synthesis").is_empty(),
        "a draft is not public"
    );
    let published = moderator
        .submit(
            &format!("/t/{id}"),
            &format!("/mod/consultations/{id}/synthesis"),
            &[
                (
                    "synthesis",
                    "Hubo **acuerdo** en proteger la investigación.",
                ),
                ("publish", "1"),
            ],
        )
        .await;
    assert_eq!(published.status, 303, "{}", published.body);
    let (_, doc) = ana.get_html(&format!("/t/{id}")).await;
    assert_eq!(texts(&doc, "#synthesis h3"), ["Síntesis"]);
    assert_eq!(texts(&doc, "#synthesis .body strong"), ["acuerdo"]);
    assert_eq!(texts(&doc, ".consultation .phase"), ["Síntesis publicada"]);
    let again = moderator
        .submit(
            &format!("/t/{id}"),
            &format!("/mod/consultations/{id}/synthesis"),
            &[("synthesis", "Otra"), ("publish", "1")],
        )
        .await;
    assert_eq!(again.status, 422);
    let (_, doc) = moderator.get_html("/modlog").await;
    assert!(texts(&doc, "li strong")
        .iter()
        .any(|t| t.contains("publicó la síntesis de una consulta")));

    // Each participant is told once, and emailed once.
    let (_, doc) = ana.get_html("/notifications").await;
    assert_eq!(
        texts(&doc, "main li a")
            .iter()
            .filter(|t| t.contains("Se publicó la síntesis"))
            .count(),
        1
    );
    let ctx = app.notices().await;
    let later = Utc::now().naive_utc() + TimeDelta::hours(1);
    tertulia::services::notifications::flush(app.server.as_ref().unwrap(), &ctx, later)
        .await
        .unwrap();
    app.deliver_mail().await;
    // Luis has not looked since: one email. Ana already read it on the site: none.
    let mails_to = |who: &str| {
        app.emails_now()
            .into_iter()
            .filter(|m| m.to.contains(who))
            .map(|m| m.subject)
            .collect::<Vec<_>>()
    };
    assert_eq!(mails_to("luis@example.org").len(), 1);
    assert!(mails_to("ana@example.org").is_empty());
    // The list shows it among the closed ones.
    let (_, doc) = ana.get_html("/consultations").await;
    assert_eq!(texts(&doc, ".consultations h3 a"), ["Ley de ciberdelitos"]);

    // The board's digest of the day it was published lists it, with a link to it.
    subscribe(&app, "eva@example.org", &["ciberseguridad"], "daily", "es").await;
    app.sql(&format!(
        "UPDATE consultations SET synthesis_published_at = '{IN_PERIOD}' WHERE thread_id = {id}"
    ));
    digest_run(&app, "daily", DAILY_NOW).await;
    app.deliver_mail().await;
    let digests = digests_to(&app.emails_now(), "eva@example.org");
    assert_eq!(digests.len(), 1, "one digest");
    let text = digests[0].text.replace("\r\n", "\n");
    assert!(
        text.contains(&format!(
            "Síntesis publicadas de consultas\n\n* Ley de ciberdelitos\n  Hubo acuerdo en proteger la investigación.\n  {}/t/{id}#synthesis\n",
            app.address
        )),
        "{text}"
    );
    assert!(
        !text.contains("Hilos nuevos"),
        "only the synthesis is news: {text}"
    );
}

#[tokio::test]
async fn moderators_close_a_consultation_early_with_a_logged_reason() {
    let app = spawn_app_without_jobs(|_| {}).await;
    let moderator = app.browser_as("moderadora", Role::Moderator).await;
    let ana = app.browser_as("ana", Role::Member).await;
    let id = open_consultation(
        &moderator,
        "Plan nacional de ciberseguridad",
        &day(-1),
        &day(20),
    )
    .await;
    let (_, doc) = ana.get_html("/consultations").await;
    assert_eq!(
        texts(&doc, ".consultations h3 a"),
        ["Plan nacional de ciberseguridad"]
    );
    assert_eq!(
        ana.submit(
            &format!("/t/{id}"),
            &format!("/mod/consultations/{id}/close"),
            &[("reason", "x")]
        )
        .await
        .status,
        403
    );
    let missing = moderator
        .submit(
            &format!("/t/{id}"),
            &format!("/mod/consultations/{id}/close"),
            &[("reason", "")],
        )
        .await;
    assert_eq!(missing.status, 422);
    let closed = moderator
        .submit(
            &format!("/t/{id}"),
            &format!("/mod/consultations/{id}/close"),
            &[(
                "reason",
                "El proyecto de ley se presentó antes de lo previsto.",
            )],
        )
        .await;
    assert_eq!(closed.status, 303);
    let (_, doc) = ana.get_html(&format!("/t/{id}")).await;
    assert_eq!(texts(&doc, ".consultation .phase"), ["Cerrada"]);
    let (_, doc) = ana.get_html("/modlog").await;
    let log = texts(&doc, "main li").join("\n");
    assert!(
        log.contains("cerró una consulta antes de su fecha"),
        "{log}"
    );
    assert!(
        log.contains("El proyecto de ley se presentó antes de lo previsto."),
        "{log}"
    );
}
