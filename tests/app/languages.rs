//! Every page type and every kind of email reads wholly in the reader's language: no message
//! key shown, nothing in the other language, dates written the local way.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use tertulia::domain::Role;

use crate::digests::{digest_run, everything_in_period, subscribe, DAILY_NOW};
use crate::helpers::{attr, spawn_app, spawn_app_with, texts, TestApp, PASSWORD};
use crate::mail::Received;
use crate::site::Site;

/// Every message of one catalogue: key → text (first line).
fn catalogue(locale: &str) -> BTreeMap<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates/i18n")
        .join(locale);
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            if let Some((key, value)) = line.split_once(" = ") {
                if !key.starts_with([' ', '#', '-']) {
                    out.insert(key.trim().to_string(), value.trim().to_string());
                }
            }
        }
    }
    out
}

/// What reveals a page or email in `lang` as unfinished: key names, Fluent's markers for a
/// missing argument, and phrases only the other language's catalogue has.
struct Telltales {
    keys: Vec<String>,
    foreign: Vec<String>,
}

impl Telltales {
    fn for_lang(lang: &str) -> Self {
        let own = catalogue(lang);
        let other = catalogue(if lang == "es" { "en" } else { "es" });
        let keys = own.keys().filter(|k| k.contains('-')).cloned().collect();
        let foreign = other
            .iter()
            .filter(|(k, v)| {
                own.get(*k) != Some(v)
                    && v.chars().count() >= 12
                    && !v.contains(['{', '<'])
                    && v.contains(' ')
            })
            .map(|(_, v)| v.clone())
            .collect();
        Self { keys, foreign }
    }

    /// The problems found in `text` (what a reader sees).
    fn in_text(&self, text: &str) -> Vec<String> {
        let words: Vec<&str> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .collect();
        let mut found: Vec<String> = self
            .keys
            .iter()
            .filter(|k| words.contains(&k.as_str()))
            .map(|k| format!("key {k}"))
            .collect();
        found.extend(
            self.foreign
                .iter()
                .filter(|v| text.contains(v.as_str()))
                .map(|v| format!("other language: {v}")),
        );
        if text.contains("{$") || text.contains("{ $") || text.contains("Unknown localization") {
            found.push("a Fluent marker".into());
        }
        found
    }
}

/// What a reader sees of a page in its language: its text (less passages marked with another
/// `lang`, such as an admin's bilingual names) and the attributes read aloud or shown.
fn visible(doc: &scraper::Html) -> String {
    let lang = doc
        .root_element()
        .value()
        .attr("lang")
        .unwrap_or_default()
        .to_string();
    let mut out = String::new();
    for node in doc.root_element().descendants() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let marked = node
            .ancestors()
            .filter_map(|a| a.value().as_element())
            .find_map(|e| e.attr("lang"));
        if marked.is_none_or(|l| l == lang) {
            out.push_str(text);
            out.push(' ');
        }
    }
    let sel = scraper::Selector::parse("[aria-label], [title], [placeholder], [alt]").unwrap();
    for el in doc.select(&sel) {
        for name in ["aria-label", "title", "placeholder", "alt"] {
            if let Some(v) = el.value().attr(name) {
                out.push(' ');
                out.push_str(v);
            }
        }
    }
    let meta = scraper::Selector::parse("meta[name=description]").unwrap();
    for el in doc.select(&meta) {
        out.push(' ');
        out.push_str(el.value().attr("content").unwrap_or_default());
    }
    out
}

#[tokio::test]
async fn every_page_type_reads_wholly_in_spanish_and_in_english() {
    let site = Site::build().await;
    let mut problems = Vec::new();
    for lang in ["es", "en"] {
        let telltales = Telltales::for_lang(lang);
        let skip = if lang == "es" {
            "Saltar al contenido"
        } else {
            "Skip to content"
        };
        for page in site.page_types() {
            let b = site.session(page.viewer, crate::helpers::client()).await;
            let (status, doc) = b.get_html(&page.in_lang(lang)).await;
            assert_eq!(status, page.status, "{}", page.name);
            assert_eq!(attr(&doc, "html", "lang").as_deref(), Some(lang));
            assert_eq!(texts(&doc, "a.skip"), [skip], "{} in {lang}", page.name);
            for p in telltales.in_text(&visible(&doc)) {
                problems.push(format!("{} ({lang}): {p}", page.name));
            }
            for when in texts(&doc, "time") {
                let english = when.ends_with(" AM") || when.ends_with(" PM");
                let starts_with_day = when.starts_with(|c: char| c.is_ascii_digit());
                assert_eq!(english, lang == "en", "{}: {when}", page.name);
                assert_eq!(starts_with_day, lang == "es", "{}: {when}", page.name);
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test]
async fn numbers_on_pages_are_grouped_the_way_each_language_writes_them() {
    let app = spawn_app().await;
    app.sql("UPDATE boards SET thread_count = 1234, post_count = 16666 WHERE slug = 'educacion'");
    for (lang, counts) in [
        ("es", "1234 hilos · 16.666 mensajes"),
        ("en", "1,234 threads · 16,666 posts"),
    ] {
        let (_, doc) = app.get_html(&format!("/?lang={lang}")).await;
        let board = texts(&doc, "li.board p.meta")
            .into_iter()
            .find(|m| m.contains("16"))
            .expect("the board's counts");
        assert!(board.starts_with(counts), "{lang}: {board}");
    }
}

/// What in `mail` does not read wholly in `lang` (empty when all is well).
pub(crate) fn check_email(mail: &Received, lang: &str) -> Vec<String> {
    let telltales = Telltales::for_lang(lang);
    let html = scraper::Html::parse_document(&mail.html);
    let text = format!("{}\n{}\n{}", mail.subject, mail.text, visible(&html));
    telltales
        .in_text(&text)
        .into_iter()
        .map(|p| format!("{} ({lang}): {p}", mail.subject))
        .collect()
}

#[tokio::test]
async fn emails_read_wholly_in_the_readers_language() {
    let app = spawn_app().await;
    for lang in ["es", "en"] {
        let b = app.other_browser();
        b.get(&format!("/?lang={lang}")).await;
        let email = format!("lector-{lang}@example.org");
        assert_eq!(
            b.register(&format!("lector{lang}"), &email, PASSWORD)
                .await
                .status,
            303
        );
        b.register(&format!("otro{lang}"), &email, PASSWORD).await;
        b.forgot(&email).await;
        let answer = b
            .submit(
                "/subscribe",
                "/subscribe",
                &[
                    ("email", &format!("sub-{lang}@example.org")),
                    ("frequency", "weekly"),
                    ("boards", "educacion"),
                ],
            )
            .await;
        assert_eq!(answer.status, 303, "{}", answer.body);
    }
    app.emails(4).await;
    app.deliver_mail().await;
    let mails = app.emails_now();
    let mut problems = Vec::new();
    let mut by_recipient: BTreeMap<&str, Vec<&Received>> = BTreeMap::new();
    for mail in &mails {
        let lang = if mail.to.contains("-en@") { "en" } else { "es" };
        problems.extend(check_email(mail, lang));
        by_recipient.entry(mail.to.as_str()).or_default().push(mail);
    }
    // Snapshots, named by recipient and subject order (delivery order may vary).
    for (to, mut mails) in by_recipient {
        mails.sort_by(|a, b| a.subject.cmp(&b.subject));
        for (n, mail) in mails.iter().enumerate() {
            let name = to.split('@').next().unwrap();
            insta::assert_snapshot!(format!("email-to-{name}-{n}"), snapshot(&app, mail));
        }
    }
    assert_eq!(
        mails.len(),
        app.outbox().len(),
        "one email per queued message"
    );
    assert!(mails.len() >= 4, "{} emails", mails.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// An email as a reviewer reads it, for a snapshot (`insta`): subject, text and HTML, with
/// this run's address, secrets and row numbers replaced by stable words, so a snapshot
/// changes only when the email does.
pub(crate) fn snapshot(app: &TestApp, mail: &Received) -> String {
    let raw = format!(
        "Subject: {}\n\n{}\n----- html -----\n{}",
        mail.subject, mail.text, mail.html
    )
    .replace(&app.address, "https://foro.example");
    // After each mark: a secret (token characters) or a row number (digits).
    const MARKS: [(&str, bool); 10] = [
        ("/verify/", true),
        ("/notifications/email-off/", true),
        ("/password/reset/", true),
        ("/subscribe/confirm/", true),
        ("/unsubscribe/", true),
        ("/p/", false),
        ("/t/", false),
        ("#e", false),
        ("#q", false),
        ("#p", false),
    ];
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw.as_str();
    'scan: while !rest.is_empty() {
        for (mark, secret) in MARKS {
            if let Some(after) = rest.strip_prefix(mark) {
                let part = |c: char| match secret {
                    true => c.is_ascii_alphanumeric() || "-_.~%".contains(c),
                    false => c.is_ascii_digit(),
                };
                let end = after.find(|c: char| !part(c)).unwrap_or(after.len());
                if end > 0 {
                    out.push_str(mark);
                    out.push_str(if secret { "[secret]" } else { "N" });
                    rest = &after[end..];
                    continue 'scan;
                }
            }
        }
        let next = rest.chars().next().unwrap();
        out.push(next);
        rest = &rest[next.len_utf8()..];
    }
    out
}

/// Waits (up to 10 s) for an email to `to` that is not among `seen`; records and returns it.
async fn next_mail(app: &TestApp, seen: &mut BTreeSet<String>, to: &str) -> Received {
    let mail = app
        .first_email(&format!("new email to {to}"), |all| {
            all.into_iter()
                .find(|m| m.to == to && !seen.contains(&m.message_id))
        })
        .await;
    seen.insert(mail.message_id.clone());
    mail
}

#[tokio::test]
async fn every_email_a_member_or_subscriber_gets_reads_wholly_in_their_language() {
    let app = spawn_app_with(|s| {
        s.moderation.new_member_review_posts = 1;
        s.mail.watch_batch_seconds = 1;
    })
    .await;
    let moderator = app.browser_as("moderadora", Role::Moderator).await;
    let watched = moderator
        .new_thread(
            "educacion",
            "Conectividad rural",
            "Empecemos por las escuelas.",
        )
        .await;
    let other = moderator
        .new_thread("educacion", "Laboratorios abiertos", "Ideas bienvenidas.")
        .await;
    let mut seen = BTreeSet::new();
    // kind → language → the email of that kind in that language.
    let mut got: BTreeMap<&str, BTreeMap<&str, Received>> = BTreeMap::new();
    for lang in ["es", "en"] {
        let reader = app.other_browser();
        reader.get(&format!("/?lang={lang}")).await;
        let name = format!("lector{lang}");
        let email = reader.member(&name).await;
        seen.extend(app.emails_now().into_iter().map(|m| m.message_id));
        let mut keep = |kind, mail| got.entry(kind).or_default().insert(lang, mail);

        let watch = reader
            .submit(
                &format!("/t/{watched}"),
                &format!("/t/{watched}/watch"),
                &[],
            )
            .await;
        assert_eq!(watch.status, 303);
        moderator
            .new_reply(watched, "Primera respuesta.", None)
            .await;
        keep("watch", next_mail(&app, &mut seen, &email).await);

        let first = reader.new_reply(other, "Compren en la tienda.", None).await;
        let rejected = moderator
            .moderate(first, "reject", &[("rule", "4"), ("reason", "publicidad")])
            .await;
        assert_eq!(rejected.status, 303, "{}", rejected.body);
        keep("post_rejected", next_mail(&app, &mut seen, &email).await);

        let second = reader.new_reply(other, "Una opinión fuerte.", None).await;
        let approved = moderator.moderate(second, "approve", &[]).await;
        assert_eq!(approved.status, 303, "{}", approved.body);
        // The approval comes in the next batch of notifications.
        keep("notifications", next_mail(&app, &mut seen, &email).await);
        let hidden = moderator
            .moderate(second, "hide", &[("rule", "1"), ("reason", "tono")])
            .await;
        assert_eq!(hidden.status, 303, "{}", hidden.body);
        keep("post_hidden", next_mail(&app, &mut seen, &email).await);

        let new_email = format!("nuevo{lang}@example.org");
        let change = reader
            .settings(&[
                ("form", "email"),
                ("new_email", &new_email),
                ("email_password", PASSWORD),
            ])
            .await;
        assert_eq!(change.status, 303, "{}", change.body);
        let confirm = next_mail(&app, &mut seen, &new_email).await;
        let link = confirm.link(&format!("{}/verify/", app.address));
        keep("email_change", confirm);
        assert_eq!(reader.get(&link[app.address.len()..]).await.status(), 303);
        keep("email_changed", next_mail(&app, &mut seen, &email).await);

        let (_, profile) = moderator.get_html(&format!("/u/{name}")).await;
        let action = attr(&profile, "form[action$='/suspend']", "action").unwrap();
        let suspended = moderator
            .submit(
                &format!("/u/{name}"),
                &action,
                &[
                    ("rule", "1"),
                    ("reason", "insultos"),
                    ("until", "2099-01-31"),
                ],
            )
            .await;
        assert_eq!(suspended.status, 303, "{}", suspended.body);
        keep("suspended", next_mail(&app, &mut seen, &new_email).await);

        let subscriber = format!("sub{lang}@example.org");
        subscribe(&app, &subscriber, &["educacion"], "daily", lang).await;
        seen.extend(app.emails_now().into_iter().map(|m| m.message_id));
    }
    everything_in_period(&app);
    digest_run(&app, "daily", DAILY_NOW).await;
    for lang in ["es", "en"] {
        let to = format!("sub{lang}@example.org");
        let mail = next_mail(&app, &mut seen, &to).await;
        got.entry("digest").or_default().insert(lang, mail);
    }

    for (kind, by_lang) in &got {
        for (lang, mail) in by_lang {
            insta::assert_snapshot!(format!("email-{kind}-{lang}"), snapshot(&app, mail));
        }
    }
    let mut problems = Vec::new();
    for (kind, by_lang) in &got {
        let (es, en) = (&by_lang["es"], &by_lang["en"]);
        if es.subject == en.subject || es.text == en.text {
            problems.push(format!("{kind}: the same words in both languages"));
        }
        for (lang, mail) in by_lang {
            problems.extend(
                check_email(mail, lang)
                    .into_iter()
                    .map(|p| format!("{kind}: {p}")),
            );
        }
    }
    // Dates the local way: the digest's day.
    assert!(got["digest"]["es"].subject.ends_with("1 ene 2030"));
    assert!(got["digest"]["en"].subject.ends_with("Jan 1, 2030"));
    assert_eq!(got.len(), 8, "{:?}", got.keys().collect::<Vec<_>>());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
