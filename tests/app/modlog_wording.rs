//! The public moderation log, its feed and the queue say who decided, where, why and under which
//! rule, in the reader's language; a post hidden automatically is kept hidden under a rule, or
//! restored, by a moderator.

use tertulia::domain::Role;

use crate::helpers::{attr, spawn_app, texts, TestApp};
use crate::moderation::first_post;

/// A thread in "Neutralidad de la red" whose opening post a child-safety report from a member
/// with standing hid at once: the thread and the post.
async fn auto_hidden_post(app: &TestApp, title: &str) -> (i64, i64) {
    let author = app
        .browser_as(&format!("autor{}", title.len()), Role::Member)
        .await;
    let thread = author
        .new_thread("neutralidad-de-la-red", title, "Un mensaje reportado")
        .await;
    let post = first_post(app, thread).await;
    let reporter = app
        .browser_as(&format!("lectora{}", title.len()), Role::Member)
        .await;
    let report = reporter.report(post, "child_safety", "").await;
    assert_eq!(report.status, 303, "{}", report.body);
    (thread, post)
}

/// The log page's first line, as text, in `lang`.
async fn newest_line(app: &TestApp, lang: &str) -> (String, scraper::Html) {
    let (status, log) = app.get_html(&format!("/modlog?lang={lang}")).await;
    assert_eq!(status, 200);
    let line = texts(&log, ".log li").remove(0);
    (line, log)
}

/// The modlog feed in `lang`, parsed and held to RFC 4287; every entry has a summary.
async fn feed(app: &TestApp, lang: &str) -> atom_syndication::Feed {
    let res = app.get(&format!("/modlog/feed.atom?lang={lang}")).await;
    assert_eq!(res.status().as_u16(), 200);
    let xml = res.text().await.unwrap();
    let feed: atom_syndication::Feed = xml.parse().expect("an Atom feed");
    crate::atom::rfc_rules_a_grammar_cannot_say("/modlog/feed.atom", &feed);
    let n = feed.entries().len();
    assert!(n > 0);
    assert_eq!(xml.matches("<updated>").count(), n + 1, "{xml}");
    assert_eq!(xml.matches("<summary").count(), n, "{xml}");
    for entry in feed.entries() {
        assert!(!entry.authors().is_empty(), "{}", entry.title().as_str());
        let summary = entry.summary().expect("a summary").as_str();
        assert!(!summary.trim().is_empty() && !summary.contains('<'));
        assert!(entry.links().iter().any(|l| l.rel() == "alternate"));
    }
    feed
}

#[tokio::test]
async fn an_automatic_hide_reads_as_automatic_then_as_the_moderator_s_rule() {
    let app = spawn_app().await;
    let moderator = app.browser_as("moderadora", Role::Moderator).await;
    let (_, post) = auto_hidden_post(&app, "Tarifa cero").await;

    for (lang, automatic, board, trigger, a_person) in [
        (
            "es",
            "automático",
            "Neutralidad de la red",
            "seguridad infantil",
            "una persona de moderación",
        ),
        (
            "en",
            "automatic",
            "Network neutrality",
            "child-safety report",
            "a moderator",
        ),
    ] {
        let (line, log) = newest_line(&app, lang).await;
        assert!(line.contains(automatic), "{lang}: {line}");
        assert!(line.contains(board), "{lang}, board by name: {line}");
        assert!(line.contains(trigger), "{lang}, reason in words: {line}");
        for raw in ["child_safety", "neutralidad-de-la-red", a_person] {
            assert!(!line.contains(raw), "{lang}: {raw} in {line}");
        }
        assert_eq!(
            attr(&log, ".log li a[href^='/b/']", "href").as_deref(),
            Some("/b/neutralidad-de-la-red")
        );
        let feed = feed(&app, lang).await;
        let entry = &feed.entries()[0];
        assert_eq!(entry.authors()[0].name(), automatic);
        let summary = entry.summary().unwrap().as_str();
        assert!(
            summary.starts_with(automatic) && summary.contains(board) && summary.contains(trigger),
            "{lang}: {summary}"
        );
        assert!(!summary.contains("child_safety"), "{summary}");
    }

    let keep = moderator
        .moderate(
            post,
            "hide",
            &[("rule", "2"), ("reason", "imagen inapropiada")],
        )
        .await;
    assert_eq!(keep.status, 303, "{}", keep.body);
    for (lang, rule, board) in [
        ("es", "Norma 2", "Neutralidad de la red"),
        ("en", "Rule 2", "Network neutrality"),
    ] {
        let (line, log) = newest_line(&app, lang).await;
        assert!(
            line.contains("moderadora") && line.contains(rule) && line.contains(board),
            "{lang}: {line}"
        );
        assert!(line.contains("imagen inapropiada"), "{line}");
        assert!(!line.contains("automátic"), "{lang}: {line}");
        assert_eq!(
            attr(&log, ".log li a[href^='/rules']", "href").as_deref(),
            Some("/rules#rule-2")
        );
        let feed = feed(&app, lang).await;
        let entry = &feed.entries()[0];
        assert_eq!(entry.authors()[0].name(), "moderadora");
        let summary = entry.summary().unwrap().as_str();
        assert!(
            summary.starts_with("moderadora") && summary.contains(rule) && summary.contains(board),
            "{lang}: {summary}"
        );
    }
}

#[tokio::test]
async fn the_queue_offers_to_keep_an_automatic_hide_under_a_rule_or_to_restore() {
    let app = spawn_app().await;
    let moderator = app.browser_as("moderadora", Role::Moderator).await;
    let (kept_thread, kept) = auto_hidden_post(&app, "Tarifa cero").await;
    let (restored_thread, restored) = auto_hidden_post(&app, "Zero rating, otra vez").await;

    for (lang, keep, restore, board, reason) in [
        (
            "es",
            "Mantener oculto (con norma)",
            "Restaurar",
            "Neutralidad de la red",
            "Seguridad infantil",
        ),
        (
            "en",
            "Keep hidden (with a rule)",
            "Restore",
            "Network neutrality",
            "Child safety",
        ),
    ] {
        let (status, queue) = moderator.get_html(&format!("/mod?lang={lang}")).await;
        assert_eq!(status, 200);
        let item = format!("#q{kept}");
        let meta = texts(&queue, &format!("{item} .meta")).remove(0);
        assert!(
            meta.contains(board) && !meta.contains("neutralidad-de-la-red"),
            "{meta}"
        );
        assert_eq!(texts(&queue, &format!("{item} .flags strong")), [reason]);
        let hide = format!("{item} form[action='/mod/posts/{kept}/hide']");
        assert_eq!(texts(&queue, &format!("{hide} button")), [keep]);
        assert!(attr(&queue, &format!("{hide} select[name=rule]"), "id").is_some());
        assert!(attr(&queue, &format!("{hide} input[name=csrf_token]"), "value").is_some());
        let back = format!("{item} form[action='/mod/posts/{kept}/restore']");
        assert_eq!(texts(&queue, &format!("{back} button")), [restore]);
    }

    // Keeping it hidden needs a rule; a member may not; a form without its token is refused.
    let no_rule = moderator.moderate(kept, "hide", &[("rule", "")]).await;
    assert_eq!(no_rule.status, 422);
    let member = app.browser_as("miembro", Role::Member).await;
    let refused = member
        .submit(
            "/",
            &format!("/mod/posts/{kept}/hide"),
            &[("rule", "3"), ("reason", "")],
        )
        .await;
    assert_eq!(refused.status, 403);
    let forged = moderator
        .post_raw(&format!("/mod/posts/{kept}/hide"), &[("rule", "3")])
        .await;
    assert_eq!(forged.status, 403);
    let (line, _) = newest_line(&app, "es").await;
    assert!(line.contains("automático"), "nothing logged yet: {line}");

    let keep = moderator
        .moderate(kept, "hide", &[("rule", "3"), ("reason", "")])
        .await;
    assert_eq!(keep.status, 303, "{}", keep.body);
    let (line, log) = newest_line(&app, "es").await;
    assert!(
        line.contains("ocultó un mensaje")
            && line.contains("Norma 3")
            && line.contains("moderadora"),
        "{line}"
    );
    assert_eq!(
        attr(&log, ".log li a[href^='/rules']", "href").as_deref(),
        Some("/rules#rule-3")
    );
    let (_, queue) = moderator.get_html("/mod").await;
    assert!(
        attr(
            &queue,
            &format!("form[action='/mod/posts/{kept}/hide']"),
            "action"
        )
        .is_none(),
        "kept hidden by a person, it is no longer an automatic decision to confirm"
    );
    let (_, thread) = moderator.get_html(&format!("/t/{kept_thread}")).await;
    assert_eq!(
        attr(&thread, ".tombstone a[href^='/rules']", "href").as_deref(),
        Some("/rules#rule-3")
    );

    let back = moderator
        .moderate(restored, "restore", &[("reason", "no incumple nada")])
        .await;
    assert_eq!(back.status, 303, "{}", back.body);
    let (line, _) = newest_line(&app, "en").await;
    assert!(
        line.contains("restored a post")
            && line.contains("moderadora")
            && !line.contains("automatic"),
        "{line}"
    );
    let (_, queue) = moderator.get_html("/mod").await;
    assert!(attr(&queue, &format!("#q{restored}"), "id").is_none());
    let (_, thread) = app.get_html(&format!("/t/{restored_thread}")).await;
    assert!(texts(&thread, ".post .body")
        .join(" ")
        .contains("Un mensaje reportado"));
}
