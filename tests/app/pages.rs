//! A visitor reads the board index and a board, in Spanish and in English.

use crate::helpers::{attr, spawn_app, texts};

const SPANISH: [&str; 6] = [
    "Ciberseguridad",
    "Neutralidad de la red",
    "Educación",
    "Políticas públicas",
    "Transformación digital",
    "Blockchain",
];
const ENGLISH: [&str; 6] = [
    "Cybersecurity",
    "Network neutrality",
    "Education",
    "Public policies",
    "Digital transformation",
    "Blockchain",
];

#[tokio::test]
async fn the_home_page_lists_the_six_boards_in_spanish_by_default() {
    let app = spawn_app().await;
    let (status, doc) = app.home().await;
    assert_eq!(status, 200);
    assert_eq!(attr(&doc, "html", "lang").as_deref(), Some("es"));
    assert_eq!(texts(&doc, ".board h2"), SPANISH);
    assert_eq!(texts(&doc, "title"), ["Foros · Tertulia"]);
    assert_eq!(
        attr(&doc, ".board h2 a", "href").as_deref(),
        Some("/b/ciberseguridad")
    );
    assert!(texts(&doc, ".board .meta")[0].contains("0 hilos · 0 mensajes"));
    assert_eq!(attr(&doc, "a.skip", "href").as_deref(), Some("#main"));
    assert_eq!(texts(&doc, "main#main").len(), 1);
    assert!(texts(&doc, ".account a").contains(&"Iniciar sesión".to_string()));
}

#[tokio::test]
async fn lang_en_switches_to_english_and_is_remembered() {
    let app = spawn_app().await;
    let res = app.get("/?lang=en").await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("lang=en"), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    let doc = scraper::Html::parse_document(&res.text().await.unwrap());
    assert_eq!(attr(&doc, "html", "lang").as_deref(), Some("en"));
    assert_eq!(texts(&doc, ".board h2"), ENGLISH);
    assert_eq!(texts(&doc, "title"), ["Boards · Tertulia"]);

    // The cookie keeps English on the next page, without the parameter.
    let (_, doc) = app.board("educacion").await;
    assert_eq!(texts(&doc, "h1"), ["Education"]);
    assert_eq!(texts(&doc, ".empty"), ["No threads yet in this board."]);

    // And ?lang=es switches back.
    let (_, doc) = app.get_html("/b/educacion?lang=es").await;
    assert_eq!(texts(&doc, "h1"), ["Educación"]);
}

#[tokio::test]
async fn accept_language_picks_english_when_nothing_was_chosen() {
    let app = spawn_app().await;
    let res = app
        .client
        .get(format!("{}/", app.address))
        .header("Accept-Language", "en-GB,en;q=0.9,es;q=0.5")
        .send()
        .await
        .unwrap();
    let doc = scraper::Html::parse_document(&res.text().await.unwrap());
    assert_eq!(attr(&doc, "html", "lang").as_deref(), Some("en"));
}

#[tokio::test]
async fn a_board_page_says_it_has_no_threads_yet() {
    let app = spawn_app().await;
    let (status, doc) = app.board("neutralidad-de-la-red").await;
    assert_eq!(status, 200);
    assert_eq!(texts(&doc, "h1"), ["Neutralidad de la red"]);
    assert_eq!(texts(&doc, "title"), ["Neutralidad de la red · Tertulia"]);
    assert_eq!(
        texts(&doc, ".empty"),
        ["Todavía no hay hilos en este foro."]
    );
    let switch = attr(&doc, ".languages a[hreflang=en]", "href").unwrap();
    assert_eq!(switch, "/b/neutralidad-de-la-red?lang=en");
}

#[tokio::test]
async fn unknown_pages_answer_404_in_the_site_layout_and_language() {
    let app = spawn_app().await;
    for path in ["/b/no-existe", "/nada/aqui"] {
        let (status, doc) = app.get_html(path).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(texts(&doc, "h1"), ["Página no encontrada"], "{path}");
        assert_eq!(attr(&doc, "a.skip", "href").as_deref(), Some("#main"));
    }
    let (status, doc) = app.get_html("/b/no-existe?lang=en").await;
    assert_eq!(status, 404);
    assert_eq!(texts(&doc, "h1"), ["Page not found"]);
    assert_eq!(attr(&doc, "html", "lang").as_deref(), Some("en"));
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in ["/", "/b/educacion", "/missing", "/healthz"] {
        let res = app.get(path).await;
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'none'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
    }
}

#[tokio::test]
async fn pages_use_no_inline_script_or_style() {
    let app = spawn_app().await;
    for path in ["/", "/b/educacion", "/missing"] {
        let (_, doc) = app.get_html(path).await;
        let inline = scraper::Selector::parse("script:not([src])").unwrap();
        assert_eq!(doc.select(&inline).count(), 0, "{path}");
        assert!(texts(&doc, "style").is_empty(), "{path}");
        let styled = scraper::Selector::parse("[style]").unwrap();
        assert_eq!(doc.select(&styled).count(), 0, "{path}");
    }
}

#[tokio::test]
async fn the_stylesheet_is_fingerprinted_and_cached_for_a_year() {
    let app = spawn_app().await;
    let (_, doc) = app.home().await;
    let href = attr(&doc, "link[rel=stylesheet]", "href").unwrap();
    assert!(
        regex_like_fingerprint(&href),
        "expected /assets/css/site.<hash>.css, got {href}"
    );
    let res = app.get(&href).await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/css"));
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("prefers-color-scheme: dark"));
    assert_eq!(app.get("/assets/css/site.css").await.status(), 404);
}

fn regex_like_fingerprint(href: &str) -> bool {
    href.strip_prefix("/assets/css/site.")
        .and_then(|rest| rest.strip_suffix(".css"))
        .is_some_and(|hash| hash.len() == 12 && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

#[tokio::test]
async fn html_is_compressed_when_the_client_accepts_it() {
    let app = spawn_app().await;
    for encoding in ["gzip", "br"] {
        let raw = reqwest::Client::builder()
            .no_gzip()
            .no_brotli()
            .build()
            .unwrap();
        let res = raw
            .get(format!("{}/", app.address))
            .header("Accept-Encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(res.headers()["content-encoding"], encoding);
        let compressed = res.bytes().await.unwrap().len();
        let plain = app.get("/").await.text().await.unwrap().len();
        assert!(
            compressed * 2 < plain,
            "{encoding}: {compressed} of {plain}"
        );
    }
}

#[tokio::test]
async fn healthz_says_ok_when_the_database_answers() {
    let app = spawn_app().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "ok");
    // Liveness does not touch the database at all. The server's own workers query now and
    // then (more often just after start), so look for one request with no statement around it.
    let pool = app.server.as_ref().unwrap();
    let mut fewest = u64::MAX;
    for _ in 0..50 {
        let before = pool.query_count();
        let res = app.get("/livez").await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.text().await.unwrap(), "ok");
        fewest = fewest.min(pool.query_count() - before);
        if fewest == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(fewest, 0, "/livez ran SQL on every try");
}

#[tokio::test]
async fn pages_describe_themselves_and_the_site_has_an_icon_and_crawling_rules() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/login",
        "/register",
        "/rules",
        "/modlog",
        "/search?q=red",
    ] {
        let (status, doc) = app.get_html(path).await;
        assert_eq!(status, 200, "{path}");
        let description = attr(&doc, "meta[name=description]", "content").unwrap_or_default();
        assert!(description.len() > 20, "{path}: {description:?}");
    }
    let (_, home) = app.home().await;
    let icon = attr(&home, "link[rel=icon]", "href").expect("an icon");
    assert!(icon.starts_with("/assets/"), "{icon}");
    let res = app.get(&icon).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/svg+xml");
    let robots = app.get("/robots.txt").await;
    assert_eq!(robots.status(), 200);
    let text = robots.text().await.unwrap();
    assert!(text.starts_with("User-agent: *"), "{text}");
    for private in ["/settings", "/admin", "/mod", "/search"] {
        assert!(text.contains(&format!("Disallow: {private}\n")), "{text}");
    }
    assert!(
        !text.contains("Disallow: /\n"),
        "the conversations stay open"
    );
}

#[tokio::test]
async fn the_home_page_shows_the_latest_activity_across_boards() {
    let app = spawn_app().await;
    let (_, empty) = app.home().await;
    assert!(texts(&empty, ".activity li").is_empty());
    app.member("ana").await;
    let first = app
        .new_thread(
            "educacion",
            "Alfabetización digital",
            "¿Por dónde empezamos?",
        )
        .await;
    let second = app
        .new_thread(
            "ciberseguridad",
            "Contraseñas en la escuela",
            "Ideas, por favor.",
        )
        .await;
    let reply = app.new_reply(first, "Por los docentes.", None).await;
    let visitor = app.other_browser();
    let (_, home) = visitor.home().await;
    let sel = scraper::Selector::parse(".activity li > a").unwrap();
    let links: Vec<(String, String)> = home
        .select(&sel)
        .map(|a| {
            (
                a.text().collect::<String>(),
                a.value().attr("href").unwrap_or_default().to_string(),
            )
        })
        .collect();
    // Newest activity first: the reply moved the first thread ahead of the second.
    assert_eq!(
        links,
        [
            ("Alfabetización digital".to_string(), format!("/p/{reply}")),
            (
                "Contraseñas en la escuela".to_string(),
                format!("/t/{second}")
            ),
        ]
    );
    let meta = texts(&home, ".activity li .meta");
    assert!(meta[0].starts_with("Educación · ana,"), "{meta:?}");
    assert!(meta[1].starts_with("Ciberseguridad · "), "{meta:?}");
}

#[tokio::test]
async fn posts_and_profiles_show_a_letter_avatar_of_their_author() {
    let app = spawn_app().await;
    let before = app.emails_now().len();
    let answer = app
        .register("Ñandú", "nandu@example.org", crate::helpers::PASSWORD)
        .await;
    assert_eq!(answer.status, 303);
    let link = app
        .emails(before + 1)
        .await
        .pop()
        .unwrap()
        .link(&app.address);
    assert_eq!(app.get(&link[app.address.len()..]).await.status(), 303);
    let thread = app
        .new_thread("educacion", "Docentes y redes", "¿Qué necesitan?")
        .await;
    app.new_reply(thread, "Formación continua.", None).await;

    // Each post: a letter avatar, hidden from screen readers (the name follows it).
    let (_, doc) = app.get_html(&format!("/t/{thread}")).await;
    assert_eq!(texts(&doc, ".post .avatar"), ["Ñ", "Ñ"]);
    let avatar = attr(&doc, ".post .avatar", "class").unwrap();
    assert!(avatar.starts_with("avatar hue-"), "{avatar}");
    assert_eq!(
        attr(&doc, ".post .avatar", "aria-hidden").as_deref(),
        Some("true")
    );
    // The same avatar, in the same colour, beside the thread in its board and on the profile.
    let (_, board) = app.board("educacion").await;
    assert_eq!(texts(&board, ".thread .avatar"), ["Ñ"]);
    assert_eq!(
        attr(&board, ".thread .avatar", "class").as_ref(),
        Some(&avatar)
    );
    let (_, profile) = app.get_html("/u/%C3%91and%C3%BA").await;
    assert_eq!(texts(&profile, "h1"), ["Ñandú"]);
    assert_eq!(texts(&profile, ".profile-head .avatar"), ["Ñ"]);
    assert_eq!(
        attr(&profile, ".profile-head .avatar", "class").as_ref(),
        Some(&avatar)
    );
}

#[tokio::test]
async fn a_board_wears_its_colour_wherever_it_is_named() {
    let app = spawn_app().await;
    app.member("ana").await;
    let thread = app
        .new_thread("educacion", "Docentes y redes", "¿Qué necesitan?")
        .await;
    // Education is the third board: the third colour, on every page that names it.
    let (_, home) = app.home().await;
    let sel = scraper::Selector::parse(".board").unwrap();
    let classes: Vec<&str> = home
        .select(&sel)
        .map(|b| b.value().attr("class").unwrap())
        .collect();
    assert_eq!(classes[..3], ["board hue-1", "board hue-2", "board hue-3"]);
    assert_eq!(
        attr(&home, ".activity .board-name", "class").as_deref(),
        Some("board-name hue-3")
    );
    let (_, board) = app.board("educacion").await;
    assert_eq!(
        attr(&board, "h1", "class").as_deref(),
        Some("board-mark hue-3")
    );
    let (_, doc) = app.get_html(&format!("/t/{thread}")).await;
    assert_eq!(
        attr(&doc, ".crumbs .board-name", "class").as_deref(),
        Some("board-name hue-3")
    );
}
