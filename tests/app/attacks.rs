//! Accounts, input and limits, as an attacker would try them.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{attr, spawn_app, spawn_app_with, PASSWORD};

#[tokio::test]
async fn login_follows_next_only_to_a_path_on_this_site() {
    let app = spawn_app().await;
    app.member("ana").await;
    assert_eq!(app.logout().await.status, 303);
    let (_, page) = app.get_html("/login?next=/%09/evil.example").await;
    assert_eq!(attr(&page, "input[name=next]", "value"), None);
    let (_, page) = app.get_html("/login?next=/t/1%3Fpage%3D2").await;
    assert_eq!(
        attr(&page, "input[name=next]", "value").as_deref(),
        Some("/t/1?page=2")
    );
    for (next, expected) in [
        ("/\t/evil.example", "/"),
        ("/\n/evil.example", "/"),
        ("/\r\nSet-Cookie: x=1", "/"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example/", "/"),
        ("/settings?tab=1", "/settings?tab=1"),
    ] {
        let a = app
            .submit(
                "/login",
                "/login",
                &[("login", "ana"), ("password", PASSWORD), ("next", next)],
            )
            .await;
        assert_eq!(a.status, 303, "{next:?}: {}", a.body);
        assert_eq!(a.location.as_deref(), Some(expected), "{next:?}");
        assert_eq!(app.logout().await.status, 303);
    }
}

#[tokio::test]
async fn behind_a_proxy_the_client_cannot_choose_its_address() {
    let app = spawn_app_with(|s| {
        s.server.behind_proxy = true;
        s.limits.registrations_per_ip_per_hour = 2;
    })
    .await;
    // Each sign-up claims another address in the left of the header; the proxy (loopback here)
    // appended the same real one each time, and that is the one counted.
    let mut statuses = Vec::new();
    for n in 0..3 {
        let token = app.csrf_token("/register").await;
        let res = app
            .client
            .post(format!("{}/register", app.address))
            .header("X-Forwarded-For", format!("10.9.8.{n}, 203.0.113.5"))
            .header("Forwarded", format!("for=10.7.7.{n}"))
            .form(&[
                ("csrf_token", token.as_str()),
                ("username", &format!("cuenta{n}")),
                ("email", &format!("cuenta{n}@example.org")),
                ("password", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
    }
    assert_eq!(statuses, [303, 303, 429]);
    // Another real address is counted apart.
    let token = app.csrf_token("/register").await;
    let other = app
        .client
        .post(format!("{}/register", app.address))
        .header("X-Forwarded-For", "198.51.100.7")
        .form(&[
            ("csrf_token", token.as_str()),
            ("username", "otra"),
            ("email", "otra@example.org"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 303);
}

#[tokio::test]
async fn every_reset_link_ends_on_reset_password_change_and_email_change() {
    let app = spawn_app().await;
    app.member("ana").await;
    let stranger = app.other_browser();
    let app = &app;
    let link = |n: usize| async move {
        let mail = app.emails(n).await.remove(n - 1);
        let link = mail.link(&format!("{}/password/reset/", app.address));
        link[app.address.len()..].to_string()
    };
    // Two links; the newer is used: the older no longer works.
    assert_eq!(stranger.forgot("ana@example.org").await.status, 303);
    let older = link(2).await;
    assert_eq!(stranger.forgot("ana@example.org").await.status, 303);
    let newer = link(3).await;
    let new = "una contraseña nueva y larga";
    let done = stranger.submit(&newer, &newer, &[("password", new)]).await;
    assert_eq!(done.status, 303);
    assert_eq!(app.get(&older).await.status(), 410, "the older link ended");

    // A link sent before a password change in /settings ends with the change.
    assert_eq!(app.login("ana", new).await.status, 303);
    assert_eq!(stranger.forgot("ana@example.org").await.status, 303);
    let before_change = link(4).await;
    let changed = app
        .settings(&[
            ("form", "password"),
            ("current_password", new),
            ("new_password", "otra frase larga para entrar"),
        ])
        .await;
    assert_eq!(changed.status, 303, "{}", changed.body);
    assert_eq!(app.get(&before_change).await.status(), 410);

    // And one sent before an email change ends when the new address is confirmed (past the
    // limit of reset emails per address, which this test is not about).
    app.sql("DELETE FROM rate_events");
    assert_eq!(stranger.forgot("ana@example.org").await.status, 303);
    let before_email = link(5).await;
    let asked = app
        .settings(&[
            ("form", "email"),
            ("new_email", "ana.nueva@example.org"),
            ("email_password", "otra frase larga para entrar"),
        ])
        .await;
    assert_eq!(asked.status, 303, "{}", asked.body);
    let confirm = app.emails(6).await.remove(5);
    let confirm = confirm.link(&format!("{}/verify/", app.address));
    assert_eq!(app.get(&confirm[app.address.len()..]).await.status(), 303);
    assert_eq!(app.get(&before_email).await.status(), 410);
}

#[tokio::test]
async fn odd_page_numbers_and_nul_bytes_are_not_found_or_refused_never_500() {
    let app = spawn_app().await;
    app.member("ana").await;
    let thread = app
        .new_thread("educacion", "Conectividad", "Un mensaje sobre conectividad")
        .await;
    for path in [
        "/modlog?page=9223372036854775807",
        "/modlog?page=99999999999999999999",
        "/modlog?page=abc",
        "/modlog?page=2",
        "/search?q=conectividad&page=9223372036854775807",
        "/search?q=conectividad&page=-3",
        "/search?q=conectividad&page=40",
        "/b/educacion?page=9223372036854775807",
        &format!("/t/{thread}?page=9223372036854775807"),
        "/u/a%00b",
        "/modlog?board=%00",
        "/search?q=a%00b",
        "/b/educacion%00",
    ] {
        assert_eq!(app.get(path).await.status(), 404, "{path}");
    }
    assert_eq!(app.get("/search?q=conectividad&page=1").await.status(), 200);
    // A NUL in any form field is bad input, not a database error.
    let page = format!("/t/{thread}");
    let reply = app
        .submit(
            &page,
            &format!("/t/{thread}/reply"),
            &[("body", "hola\0mundo")],
        )
        .await;
    assert_eq!(reply.status, 422);
    let other = app.other_browser();
    let login = other
        .submit("/login", "/login", &[("login", "a\0b"), ("password", "x")])
        .await;
    assert_eq!(login.status, 422);
    let title = app
        .submit(
            "/b/educacion/new",
            "/b/educacion",
            &[("title", "Tí\0tulo"), ("body", "Cuerpo")],
        )
        .await;
    assert_eq!(title.status, 422);
}

#[tokio::test]
async fn head_is_answered_like_get_and_a_wrong_method_is_405() {
    let app = spawn_app().await;
    for path in ["/", "/b/educacion", "/login", "/rules", "/modlog/feed.atom"] {
        let res = app
            .client
            .head(format!("{}{path}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "HEAD {path}");
        assert!(res.bytes().await.unwrap().is_empty(), "no body for HEAD");
    }
    let res = app
        .client
        .delete(format!("{}/b/educacion", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(
        res.headers().get("allow").unwrap().to_str().unwrap(),
        "GET, HEAD, POST"
    );
    let res = app.get("/logout").await;
    assert_eq!(res.status(), 405);
    assert_eq!(
        res.headers().get("allow").unwrap().to_str().unwrap(),
        "POST"
    );
    assert_eq!(app.get("/no-such-page").await.status(), 404);
}

#[tokio::test]
async fn under_https_every_cookie_is_secure_and_hsts_is_sent() {
    let app = spawn_app_with(|s| {
        s.site.base_url = "https://foro.example.org".parse().unwrap();
    })
    .await;
    let res = app.get("/?lang=en").await;
    let hsts = res.headers().get("strict-transport-security").unwrap();
    assert!(hsts.to_str().unwrap().starts_with("max-age="));
    let cookies: Vec<String> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_string())
        .collect();
    assert!(
        cookies.iter().any(|c| c.starts_with("lang=")),
        "{cookies:?}"
    );
    for c in &cookies {
        assert!(c.contains("; Secure"), "{c}");
    }
    let token = app.csrf_token("/login").await;
    let res = app
        .client
        .post(format!("{}/login", app.address))
        .form(&[
            ("csrf_token", token.as_str()),
            ("login", "x"),
            ("password", "y"),
        ])
        .send()
        .await
        .unwrap();
    for c in res.headers().get_all("set-cookie") {
        assert!(c.to_str().unwrap().contains("; Secure"));
    }
    // Under plain http (the test default) there is no HSTS.
    let plain = spawn_app().await;
    let res = plain.get("/").await;
    assert!(res.headers().get("strict-transport-security").is_none());
}

#[tokio::test]
async fn a_request_body_sent_too_slowly_is_cut_off() {
    let app = spawn_app_with(|s| s.server.body_timeout = Duration::from_secs(1)).await;
    let host = app.address.trim_start_matches("http://").to_string();
    let mut stream = tokio::net::TcpStream::connect(&host).await.unwrap();
    let head = format!(
        "POST /login HTTP/1.1\r\nHost: {host}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\nlogin="
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let started = std::time::Instant::now();
    let mut answer = vec![0u8; 512];
    let read = tokio::time::timeout(Duration::from_secs(8), stream.read(&mut answer))
        .await
        .expect("the server answers without waiting for the rest")
        .unwrap();
    let text = String::from_utf8_lossy(&answer[..read]);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(started.elapsed() < Duration::from_secs(5));
    // Others are served meanwhile and after.
    assert_eq!(app.get("/").await.status(), 200);
}

#[tokio::test]
async fn search_folds_accents_in_words_that_mix_letters_and_digits() {
    let app = spawn_app().await;
    app.member("ana").await;
    app.new_thread(
        "ciberseguridad",
        "Contraseñas robustas",
        "Nunca use pingüino2 ni añoranza2024 como contraseña.",
    )
    .await;
    for q in ["pinguino2", "pingüino2", "anoranza2024", "añoranza2024"] {
        let (_, doc) = app.get_html(&format!("/search?q={q}")).await;
        assert_eq!(
            crate::helpers::texts(&doc, ".results li").len(),
            1,
            "{q} finds the post"
        );
    }
}

#[tokio::test]
async fn the_export_holds_everything_and_deletion_erases_what_identifies_the_member() {
    use tertulia::domain::Role;
    let app = spawn_app().await;
    let moderator = app.browser_as("moderadora", Role::Moderator).await;
    let other = app.browser_as("otro", Role::Member).await;
    let theirs = other
        .new_thread("educacion", "Tema ajeno", "Un mensaje de otra persona")
        .await;
    let theirs_post = crate::moderation::first_post(&app, theirs).await;
    app.member("marta").await;
    let thread = app
        .new_thread("ciberseguridad", "Contraseñas", "Primer mensaje de marta")
        .await;
    let mut replies = Vec::new();
    for n in 0..10 {
        replies.push(
            app.new_reply(thread, &format!("Respuesta número {n}"), None)
                .await,
        );
    }
    let edited = replies[0];
    let page = format!("/p/{edited}/edit");
    let first_edit = app
        .submit(
            &page,
            &page,
            &[("body", "Llámenme al 5555-1234, vivo en Calle Real 7")],
        )
        .await;
    assert_eq!(first_edit.status, 303);
    let second_edit = app
        .submit(&page, &page, &[("body", "Sin datos personales")])
        .await;
    assert_eq!(second_edit.status, 303);
    assert_eq!(
        app.report(theirs_post, "spam", "nota privada de marta")
            .await
            .status,
        303
    );
    let hidden = replies[1];
    assert_eq!(
        moderator
            .moderate(hidden, "hide", &[("rule", "1")])
            .await
            .status,
        303
    );
    let appeal = app
        .submit(
            &format!("/t/{thread}"),
            &format!("/p/{hidden}/appeal"),
            &[("message", "mensaje de apelación de marta")],
        )
        .await;
    assert_eq!(appeal.status, 303);
    let watch = app
        .submit(&format!("/t/{theirs}"), &format!("/t/{theirs}/watch"), &[])
        .await;
    assert_eq!(watch.status, 303);
    let digests = app
        .settings(&[("form", "digests"), ("digest_educacion", "weekly")])
        .await;
    assert_eq!(digests.status, 303);
    let email_change = app
        .settings(&[
            ("form", "email"),
            ("new_email", "marta.nueva@example.org"),
            ("email_password", PASSWORD),
        ])
        .await;
    assert_eq!(email_change.status, 303);

    let export = app.get("/settings/export").await.text().await.unwrap();
    let export: serde_json::Value = serde_json::from_str(&export).expect("JSON");
    let posts = export["posts"].as_array().unwrap();
    assert_eq!(posts.len(), 11, "every post");
    let with_history = posts.iter().find(|p| p["id"] == edited).unwrap();
    assert_eq!(with_history["body"], "Sin datos personales");
    let revisions = with_history["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 2);
    assert!(revisions[1]["body"].as_str().unwrap().contains("5555-1234"));
    assert_eq!(export["reports"][0]["note"], "nota privada de marta");
    assert_eq!(
        export["appeals"][0]["message"],
        "mensaje de apelación de marta"
    );
    assert_eq!(export["watches"][0]["thread_id"], theirs);
    assert_eq!(export["digest_subscriptions"][0]["board"], "educacion");
    assert_eq!(export["digest_subscriptions"][0]["frequency"], "weekly");
    assert_eq!(export["account"]["email"], "marta@example.org");

    // A moderator may erase one earlier version that exposes personal data.
    let (_, history) = moderator.get_html(&format!("/p/{edited}/history")).await;
    let purge = attr(&history, "form[action$='/purge']", "action").unwrap();
    let token = moderator.csrf_token(&format!("/p/{edited}/history")).await;
    let purged = moderator
        .post_raw(
            &purge,
            &[("csrf_token", &token), ("reason", "datos de contacto")],
        )
        .await;
    assert_eq!(purged.status, 303, "{}", purged.body);
    let (_, log) = app.get_html("/modlog?action=purge_revision").await;
    let logged = log.html();
    assert!(logged.contains("datos de contacto") && !logged.contains("5555"));

    let deleted = app
        .submit(
            "/settings",
            "/settings/delete",
            &[("delete_password", PASSWORD)],
        )
        .await;
    assert_eq!(deleted.status, 303, "{}", deleted.body);
    let visitor = app.other_browser();
    let (status, history) = visitor.get_html(&format!("/p/{edited}/history")).await;
    assert_eq!(status, 200);
    assert!(!history.html().contains("Calle Real"), "revisions are gone");
    let url = app.db.url_string();
    let count = |q: &str| crate::process::scalar(&url, q);
    assert_eq!(count("SELECT count(*) FROM post_revisions"), 0);
    assert_eq!(count("SELECT count(*) FROM flags WHERE note <> ''"), 0);
    assert_eq!(count("SELECT count(*) FROM appeals WHERE message <> ''"), 0);
    assert_eq!(count("SELECT count(*) FROM thread_watches"), 0);
    assert_eq!(count("SELECT count(*) FROM subscriptions"), 0);
    assert_eq!(
        count("SELECT count(*) FROM outbox WHERE recipient LIKE 'marta%'"),
        0,
        "no mail to either address is kept"
    );
    assert_eq!(
        count("SELECT count(*) FROM email_tokens WHERE new_email IS NOT NULL"),
        0
    );
    assert_eq!(
        count("SELECT count(*) FROM users WHERE email LIKE 'marta%'"),
        0
    );
}

#[tokio::test]
async fn pathological_posts_are_refused_or_cheap_and_readers_are_served_meanwhile() {
    use std::time::Instant;
    let app = spawn_app().await;
    app.member("ana").await;
    let thread = app
        .new_thread(
            "educacion",
            "Formas raras",
            "Un hilo para probar formas raras",
        )
        .await;
    // Deep nesting is refused before it is rendered.
    for shape in [">".repeat(50_000), ">- ".repeat(16_000)] {
        let started = Instant::now();
        let a = app.reply(thread, &shape, None).await;
        assert_eq!(a.status, 422);
        assert_eq!(
            crate::helpers::texts(&a.html(), "#f-body-error").len(),
            1,
            "the message is by the field"
        );
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
    }
    // Other heavy shapes are allowed and stay cheap.
    let heavy = [
        "**a** _b_ ".repeat(5_000),
        format!("|a|b|\n|-|-|\n{}", "|x|y|\n".repeat(8_000)),
        "*a".repeat(25_000),
        "<".repeat(50_000),
        "[".repeat(50_000),
    ];
    for shape in &heavy {
        let started = Instant::now();
        assert_eq!(app.reply(thread, shape, None).await.status, 303);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }
    // One member's 32 parallel edits: two render at a time, sixteen at most wait or run, the
    // rest are told to wait (429), and visitors keep being served.
    let post = app.new_reply(thread, "Un mensaje que se edita", None).await;
    let page = format!("/p/{post}/edit");
    let token = app.csrf_token(&page).await;
    let body = "*a".repeat(25_000);
    let edits = (0..32).map(|_| {
        let (client, url) = (app.client.clone(), format!("{}{page}", app.address));
        let (token, body) = (token.clone(), body.clone());
        tokio::spawn(async move {
            client
                .post(url)
                .form(&[("csrf_token", token.as_str()), ("body", body.as_str())])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        })
    });
    let edits: Vec<_> = edits.collect();
    let visitor = crate::helpers::client();
    let mut slowest = Duration::ZERO;
    for _ in 0..20 {
        let started = Instant::now();
        let res = visitor
            .get(format!("{}/", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        slowest = slowest.max(started.elapsed());
    }
    let mut statuses = Vec::new();
    for e in edits {
        statuses.push(e.await.unwrap());
    }
    assert!(statuses.contains(&429), "{statuses:?}");
    assert!(
        statuses.iter().all(|s| [303, 409, 429].contains(s)),
        "{statuses:?}"
    );
    assert!(
        slowest < Duration::from_secs(2),
        "a visitor waited {slowest:?}"
    );
}

#[tokio::test]
async fn look_alike_names_suspended_editors_and_malformed_mail_are_refused_plainly() {
    use tertulia::domain::Role;
    let app = spawn_app().await;
    app.make_user("admin", Role::Admin).await;
    // `аdmin` with a Cyrillic а imitates `admin`.
    let imitation = app
        .register("\u{430}dmin", "imitadora@example.org", PASSWORD)
        .await;
    assert_eq!(imitation.status, 422);
    assert_eq!(
        crate::helpers::texts(&imitation.html(), "#f-username-error").len(),
        1
    );
    assert_eq!(
        app.register("adminx", "otra@example.org", PASSWORD)
            .await
            .status,
        303,
        "a different name is fine"
    );

    // A suspended member cannot even open the edit page of their own post.
    let member = app.browser_as("polemica", Role::Member).await;
    let thread = member
        .new_thread("educacion", "Un tema cualquiera", "Hola a todos")
        .await;
    let post = crate::moderation::first_post(&app, thread).await;
    app.sql("UPDATE users SET suspended_until = '2099-01-01 00:00:00' WHERE username = 'polemica'");
    assert_eq!(member.get(&format!("/p/{post}/edit")).await.status(), 403);

    // A message whose headers are malformed fails for good, with the reason, not silently.
    app.sql(
        "INSERT INTO outbox (idempotency_key, kind, recipient, locale, payload, status, \
         attempts, next_attempt_at, created_at) VALUES ('malformado', 'reset', \
         'alguien@example.org', 'es', '{\"username\": \"x\", \"headers\": \"no es una lista\"}', \
         'queued', 0, '2000-01-01 00:00:00', '2000-01-01 00:00:00')",
    );
    let url = app.db.url_string();
    let failed = "SELECT count(*) FROM outbox WHERE idempotency_key = 'malformado' \
                  AND status = 'failed' AND last_error LIKE '%malformed headers%'";
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while crate::process::scalar(&url, failed) == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "still not marked failed"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
