//! Citizens hold a conversation: a thread, replies, a reply to a reply, an edit, a delete.

use crate::helpers::{attr, spawn_app, texts, TestApp, PASSWORD};

async fn browser(app: &TestApp, name: &str) -> TestApp {
    let b = app.other_browser();
    b.member(name).await;
    b
}

#[tokio::test]
async fn a_whole_conversation_in_a_board() {
    let app = spawn_app().await;
    let ana = browser(&app, "ana").await;
    let beto = browser(&app, "beto").await;
    let carla = browser(&app, "carla").await;
    let david = browser(&app, "david").await;

    let thread = ana
        .new_thread(
            "educacion",
            "Educación digital en las escuelas",
            "¿Cómo enseñamos **ciberseguridad** a los niños?",
        )
        .await;
    let b1 = beto
        .new_reply(thread, "Con talleres prácticos en cada escuela.", None)
        .await;
    carla
        .new_reply(thread, "Y formando primero a los docentes.", None)
        .await;
    let d1 = david
        .new_reply(thread, "Estoy de acuerdo con todo.", None)
        .await;
    let c2 = carla
        .new_reply(thread, "¿Talleres de cuántas horas, Beto?", Some(b1))
        .await;

    let first = thread_first_post(&app, thread).await;
    let edit = format!("/p/{first}/edit");
    let edited = ana
        .submit(
            &edit,
            &edit,
            &[
                ("body", "¿Cómo enseñamos **ciberseguridad** en primaria?"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(edited.status, 303);
    let deleted = david.delete_post(d1).await;
    assert_eq!(deleted.status, 303);

    let (status, doc) = app.get_html(&format!("/t/{thread}")).await;
    assert_eq!(status, 200);
    assert_eq!(texts(&doc, "h1"), ["Educación digital en las escuelas"]);
    assert_eq!(
        texts(&doc, ".post .author"),
        ["ana", "beto", "carla", "david", "carla"]
    );
    let bodies = texts(&doc, ".post .body");
    assert!(
        bodies[0].contains("en primaria"),
        "the edit shows: {bodies:?}"
    );
    assert!(doc.html().contains("<strong>ciberseguridad</strong>"));
    assert_eq!(
        texts(&doc, ".tombstone"),
        ["Mensaje eliminado por su autor."]
    );
    let reply_note = texts(&doc, &format!("#p{c2} .in-reply")).remove(0);
    assert!(
        reply_note.starts_with("En respuesta a #2 de beto:"),
        "{reply_note}"
    );
    // Every post carries its number in the thread, a deleted one too, linked to its permalink.
    assert_eq!(
        texts(&doc, ".post .num"),
        [
            "Mensaje #1",
            "Mensaje #2",
            "Mensaje #3",
            "Mensaje #4",
            "Mensaje #5"
        ]
    );
    assert_eq!(
        attr(&doc, &format!("#p{c2} .num"), "href"),
        Some(format!("/p/{c2}"))
    );
    // Replying to a post names it by its number and author, above the form.
    let (_, replying) = carla.get_html(&format!("/t/{thread}?reply_to={b1}")).await;
    assert_eq!(
        texts(&replying, "#reply .notice a")[0],
        "Respondiendo a #2 de beto"
    );
    assert_eq!(
        attr(&replying, "#reply input[name=parent_id]", "value"),
        Some(b1.to_string())
    );
    // "Reply" at the top of the thread leads to the form; the last post is one link away.
    assert_eq!(
        attr(&replying, ".thread-top a.button", "href").as_deref(),
        Some("#reply")
    );
    assert_eq!(
        attr(&doc, ".thread-top a", "href"),
        Some(format!("/p/{c2}"))
    );
    assert!(
        reply_note.contains("Con talleres prácticos"),
        "{reply_note}"
    );
    assert_eq!(
        attr(&doc, &format!("#p{c2} .in-reply a"), "href"),
        Some(format!("/p/{b1}"))
    );
    assert_eq!(texts(&doc, ".edited"), ["editado"]);
    assert!(texts(&doc, "p.meta")[0].starts_with("3 respuestas"));

    let (_, history) = app.get_html(&format!("/p/{first}/history")).await;
    let versions = texts(&history, ".versions .body");
    assert_eq!(versions.len(), 2);
    assert!(versions[0].contains("a los niños") && versions[1].contains("en primaria"));

    let (_, board) = app.board("educacion").await;
    assert_eq!(
        texts(&board, ".thread h3 a"),
        ["Educación digital en las escuelas"]
    );
    let started = texts(&board, ".thread .topic .meta").remove(0);
    assert!(started.starts_with("A ana ·"), "{started}");
    assert_eq!(texts(&board, ".thread .replies"), ["3 respuestas"]);
    let last = texts(&board, ".thread .last").remove(0);
    assert!(last.contains("carla"), "{last}");
    let (_, home) = app.home().await;
    let educacion = texts(&home, ".board .meta")[2].clone();
    assert!(educacion.starts_with("1 hilo · 4 mensajes"), "{educacion}");
    let (_, profile) = app.get_html("/u/carla").await;
    assert_eq!(texts(&profile, ".facts dd")[1], "2");
    assert_eq!(texts(&profile, ".results h3 a").len(), 2);

    // The permalink goes to the page and anchor.
    let res = app.get(&format!("/p/{c2}")).await;
    assert_eq!(
        res.headers()["location"].to_str().unwrap(),
        format!("/t/{thread}#p{c2}")
    );
    // Only the author edits; others are refused.
    assert_eq!(beto.get(&format!("/p/{first}/edit")).await.status(), 403);
}

async fn thread_first_post(app: &TestApp, thread: i64) -> i64 {
    let (_, doc) = app.get_html(&format!("/t/{thread}")).await;
    attr(&doc, ".post", "id").unwrap()[1..].parse().unwrap()
}

#[tokio::test]
async fn long_threads_and_boards_are_paginated() {
    let app = spawn_app().await;
    app.member("ana").await;
    let thread = app
        .new_thread("blockchain", "Un hilo muy largo", "Mensaje 1")
        .await;
    let mut last = 0;
    for n in 2..=51 {
        last = app.new_reply(thread, &format!("Mensaje {n}"), None).await;
    }
    let (_, page1) = app.get_html(&format!("/t/{thread}")).await;
    assert_eq!(texts(&page1, ".post").len(), 50);
    assert_eq!(
        attr(&page1, ".pager a[rel=next]", "href"),
        Some(format!("/t/{thread}?page=2"))
    );
    // The pager names every page; the current one is marked, not linked.
    assert_eq!(texts(&page1, ".pager [aria-current=page]"), ["1", "1"]);
    assert_eq!(
        attr(&page1, ".pager .numbers a", "href"),
        Some(format!("/t/{thread}?page=2"))
    );
    let (status, page2) = app.get_html(&format!("/t/{thread}?page=2")).await;
    assert_eq!(status, 200);
    assert_eq!(texts(&page2, ".post .body"), ["Mensaje 51"]);
    assert_eq!(texts(&page2, ".post .num"), ["Mensaje #51"]);
    assert_eq!(
        attr(&page1, ".thread-top a[href^='/p/']", "href"),
        Some(format!("/p/{last}"))
    );
    assert_eq!(
        attr(&page2, ".pager a[rel=prev]", "href"),
        Some(format!("/t/{thread}"))
    );
    assert!(attr(&page2, ".pager a[rel=next]", "href").is_none());
    for bad in ["3", "0", "-1"] {
        assert_eq!(
            app.get(&format!("/t/{thread}?page={bad}")).await.status(),
            404,
            "page {bad}"
        );
    }
    // The author's profile lists their 51 posts newest first, twenty a page.
    let (_, profile) = app.get_html("/u/ana").await;
    assert_eq!(
        attr(&profile, ".results li h3 a", "href"),
        Some(format!("/p/{last}"))
    );
    assert_eq!(
        attr(&profile, ".pager a[rel=next]", "href").as_deref(),
        Some("/u/ana?page=2")
    );
    let (_, profile3) = app.get_html("/u/ana?page=3").await;
    assert_eq!(texts(&profile3, ".results li").len(), 11);
    assert_eq!(app.get("/u/ana?page=4").await.status(), 404);
    let res = app.get(&format!("/p/{last}")).await;
    assert_eq!(
        res.headers()["location"].to_str().unwrap(),
        format!("/t/{thread}?page=2#p{last}")
    );

    for n in 1..=31 {
        app.new_thread("politicas-publicas", &format!("Tema número {n}"), "Texto")
            .await;
    }
    let (_, board1) = app.board("politicas-publicas").await;
    let titles = texts(&board1, ".thread h3 a");
    assert_eq!(titles.len(), 30);
    assert_eq!(titles[0], "Tema número 31", "newest activity first");
    let (_, board2) = app.get_html("/b/politicas-publicas?page=2").await;
    assert_eq!(texts(&board2, ".thread h3 a"), ["Tema número 1"]);
    // A reply brings an old thread back to the top.
    let old = crate::helpers::id_after(&attr(&board2, ".thread h3 a", "href").unwrap(), "/t/");
    app.new_reply(old, "Lo retomo", None).await;
    let (_, board1) = app.board("politicas-publicas").await;
    assert_eq!(texts(&board1, ".thread h3 a")[0], "Tema número 1");
    assert_eq!(app.get("/b/politicas-publicas?page=3").await.status(), 404);
}

#[tokio::test]
async fn a_locked_thread_takes_no_replies_and_says_why() {
    let app = spawn_app().await;
    app.member("ana").await;
    let thread = app
        .new_thread("ciberseguridad", "Hilo cerrado pronto", "Hola")
        .await;
    app.sql(&format!(
        "UPDATE threads SET locked = TRUE WHERE id = {thread}"
    ));
    let (_, doc) = app.get_html(&format!("/t/{thread}")).await;
    assert!(texts(&doc, "#reply .notice")[0].contains("Este hilo está cerrado"));
    assert!(texts(&doc, "#reply textarea").is_empty());
    let token = app.csrf_token("/").await;
    let answer = app
        .post_raw(
            &format!("/t/{thread}/reply"),
            &[("csrf_token", &token), ("body", "¿Puedo?")],
        )
        .await;
    assert_eq!(answer.status, 422);
}

#[tokio::test]
async fn an_unverified_member_is_told_to_confirm_before_posting() {
    let app = spawn_app().await;
    app.register("nuevo", "nuevo@example.org", PASSWORD).await;
    app.login("nuevo", PASSWORD).await;
    let (status, doc) = app.get_html("/b/educacion/new").await;
    assert_eq!(status, 403);
    assert!(texts(&doc, ".notice")[0].contains("confirme su dirección de correo"));
    let token = app.csrf_token("/").await;
    let answer = app
        .post_raw(
            "/b/educacion",
            &[
                ("csrf_token", &token),
                ("title", "Un título válido"),
                ("body", "Hola"),
            ],
        )
        .await;
    assert_eq!(answer.status, 403);
    assert_eq!(texts(&answer.html(), "h1"), ["Confirme su correo"]);
    // Visitors are sent to log in.
    let visitor = app.other_browser();
    let res = visitor.get("/b/educacion/new").await;
    assert_eq!(
        res.headers()["location"],
        "/login?next=%2Fb%2Feducacion%2Fnew"
    );
}

#[tokio::test]
async fn bad_titles_and_bodies_are_explained_and_kept() {
    let app = spawn_app().await;
    app.member("ana").await;
    let long = "x".repeat(50_001);
    for (title, body, field, says) in [
        ("Hola", "Un cuerpo", "title", "al menos 5"),
        (
            &"t".repeat(201)[..],
            "Un cuerpo",
            "title",
            "como máximo 200",
        ),
        ("Un buen título", "   ", "body", "Escriba el mensaje"),
        ("Un buen título", &long[..], "body", "50 000"),
    ] {
        let answer = app.open_thread("educacion", title, body).await;
        assert_eq!(answer.status, 422, "{field}");
        let doc = answer.html();
        assert!(
            texts(&doc, &format!("#f-{field}-error"))[0].contains(says),
            "{field}"
        );
        assert_eq!(attr(&doc, "#f-title", "value").as_deref(), Some(title));
        assert_eq!(texts(&doc, "#f-body")[0], body.trim(), "the body is kept");
    }
    let thread = app.new_thread("educacion", "Un buen título", "Hola").await;
    let answer = app.reply(thread, "", None).await;
    assert_eq!(answer.status, 422);
    assert!(!texts(&answer.html(), "#f-body-error").is_empty());
    let kept = app.reply(thread, &long, None).await;
    assert_eq!(kept.status, 422);
    assert_eq!(texts(&kept.html(), "#f-body")[0].len(), long.len());
}

#[tokio::test]
async fn hostile_markup_in_posts_renders_inert() {
    let app = spawn_app().await;
    app.member("ana").await;
    let thread = app
        .new_thread("ciberseguridad", "Pruebas de seguridad", "Inicio")
        .await;
    let payloads = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[clic](javascript:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[datos](data:text/html;base64,PHNjcmlwdD4=)",
        "<svg onload=alert(1)>",
        "<iframe src=//evil.example></iframe>",
        "<p style=\"position:fixed\">x</p>",
        "![img](https://evil.example/pixel.png)",
        "<a href=\"https://ok.example\" onclick=\"alert(1)\">ok</a>",
    ];
    for p in payloads {
        app.new_reply(thread, p, None).await;
    }
    let (_, doc) = app.get_html(&format!("/t/{thread}")).await;
    let html = doc.html();
    assert!(texts(&doc, ".body script, .body img, .body svg, .body iframe").is_empty());
    let sel = scraper::Selector::parse(".body *").unwrap();
    for el in doc.select(&sel) {
        for (name, value) in el.value().attrs() {
            assert!(
                !name.starts_with("on") && name != "style",
                "{name} in {html}"
            );
            assert!(
                !value.to_lowercase().starts_with("javascript:") && !value.starts_with("data:"),
                "{value}"
            );
        }
    }
    let links = scraper::Selector::parse(".body a[href^='http']").unwrap();
    for a in doc.select(&links) {
        assert_eq!(a.value().attr("rel"), Some("nofollow ugc noopener"));
    }
}

#[tokio::test]
async fn concurrent_replies_keep_exact_counts() {
    let app = spawn_app().await;
    app.member("ana").await;
    let thread = app
        .new_thread("educacion", "Muchas respuestas a la vez", "Inicio")
        .await;
    let token = app.csrf_token("/").await;
    let mut tasks = Vec::new();
    for n in 0..12 {
        let client = app.client.clone();
        let url = format!("{}/t/{thread}/reply", app.address);
        let token = token.clone();
        tasks.push(tokio::spawn(async move {
            client
                .post(url)
                .form(&[
                    ("csrf_token", token.as_str()),
                    ("body", &format!("Respuesta {n}")),
                    ("parent_id", ""),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 303);
    }
    let (_, doc) = app.get_html(&format!("/t/{thread}")).await;
    assert_eq!(texts(&doc, ".post").len(), 13);
    // Each reply took the next number: no two share one, none is skipped.
    let numbers: Vec<String> = (1..=13).map(|n| format!("Mensaje #{n}")).collect();
    assert_eq!(texts(&doc, ".post .num"), numbers);
    assert!(texts(&doc, "p.meta")[0].starts_with("12 respuestas"));
    let (_, home) = app.home().await;
    assert!(texts(&home, ".board .meta")[2].starts_with("1 hilo · 13 mensajes"));
    let (_, profile) = app.get_html("/u/ana").await;
    assert_eq!(texts(&profile, ".facts dd")[1], "13");
}
