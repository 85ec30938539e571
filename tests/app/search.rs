//! Search in Spanish, with and without accents; feeds; link previews.

use std::str::FromStr;

use crate::helpers::{attr, spawn_app, texts};

#[tokio::test]
async fn search_finds_spanish_words_with_or_without_accents() {
    let app = spawn_app().await;
    app.member("ana").await;
    let t1 = app
        .new_thread(
            "educacion",
            "Educación digital en las escuelas",
            "Los docentes piden formación.",
        )
        .await;
    app.new_thread(
        "ciberseguridad",
        "Ciberseguridad para municipios",
        "Contraseñas y copias de respaldo.",
    )
    .await;
    let gone = app
        .new_reply(t1, "Un mensaje sobre criptografía que luego se borra", None)
        .await;
    app.delete_post(gone).await;

    let titles = |doc: &scraper::Html| texts(doc, ".results h2 a");
    for q in ["educacion", "EDUCACIÓN", "educativa", "Educación"] {
        let (status, doc) = app.get_html(&format!("/search?q={}", urlencode(q))).await;
        assert_eq!(status, 200);
        assert!(
            titles(&doc).contains(&"Educación digital en las escuelas".to_string()),
            "{q}: {:?}",
            titles(&doc)
        );
    }
    let (_, doc) = app.get_html("/search?q=ciberseguridad").await;
    assert_eq!(titles(&doc), ["Ciberseguridad para municipios"]);
    let (_, doc) = app.get_html("/search?q=contrasenas").await;
    assert_eq!(titles(&doc), ["Ciberseguridad para municipios"]);
    let marked = texts(&doc, ".excerpt mark");
    assert!(
        !marked.is_empty()
            && marked
                .iter()
                .all(|m| m.to_lowercase().starts_with("contrase")),
        "the matched words are highlighted: {marked:?}"
    );
    // Deleted posts are not found; the board filter narrows.
    let (_, doc) = app.get_html("/search?q=criptografia").await;
    assert!(titles(&doc).is_empty());
    assert_eq!(
        texts(&doc, ".empty"),
        ["No encontramos mensajes con esas palabras."]
    );
    let (_, doc) = app
        .get_html("/search?q=docentes&board=ciberseguridad")
        .await;
    assert!(titles(&doc).is_empty());
    let (_, doc) = app.get_html("/search?q=docentes&board=educacion").await;
    assert_eq!(titles(&doc).len(), 1);
    // Search syntax in the input is only text.
    let (status, _) = app.get_html("/search?q=%22%20OR%20*%20NEAR(").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn search_results_are_threads_with_their_matches_sorted_by_relevance_or_date() {
    let app = spawn_app().await;
    app.member("ana").await;
    let net = app
        .new_thread(
            "educacion",
            "Neutralidad de la red en las escuelas",
            "¿La neutralidad protege a las escuelas rurales?",
        )
        .await;
    let first_reply = app
        .new_reply(net, "La neutralidad importa en el aula.", None)
        .await;
    app.new_reply(net, "Estoy de acuerdo con lo anterior.", None)
        .await;
    let later = app
        .new_thread(
            "ciberseguridad",
            "Ciberseguridad municipal",
            "Los municipios también hablan de neutralidad.",
        )
        .await;
    let later_post: i64 = app
        .get_html(&format!("/t/{later}"))
        .await
        .1
        .select(&scraper::Selector::parse("li.post").unwrap())
        .next()
        .and_then(|li| li.value().id())
        .and_then(|id| id.trim_start_matches('p').parse().ok())
        .expect("the thread's first post");

    let (status, doc) = app.get_html("/search?q=neutralidad").await;
    assert_eq!(status, 200);
    // One result per thread: the thread whose title matches ranks first.
    assert_eq!(
        texts(&doc, ".results h2 a"),
        [
            "Neutralidad de la red en las escuelas",
            "Ciberseguridad municipal"
        ]
    );
    assert_eq!(
        texts(&doc, ".count"),
        ["2 hilos con 4 mensajes que coinciden"],
        "every post of the first thread matches by its title"
    );
    assert_eq!(
        texts(&doc, ".results .matches"),
        ["3 mensajes coinciden", "1 mensaje coincide"]
    );
    assert_eq!(
        texts(&doc, ".results h2 mark"),
        ["Neutralidad"],
        "the matched word is marked in the title too"
    );
    assert_eq!(
        texts(&doc, ".results .meta a[href^='/b/']"),
        ["Educación", "Ciberseguridad"]
    );
    // The title leads to the first matching post; the excerpt to the best one.
    let first_href = attr(&doc, ".results h2 a", "href").unwrap();
    let first_post: i64 = first_href.trim_start_matches("/p/").parse().unwrap();
    assert!(first_post < first_reply, "{first_href}");
    let excerpt = texts(&doc, ".results .excerpt p");
    assert!(excerpt[0].contains("neutralidad"), "{excerpt:?}");
    assert_eq!(
        attr(&doc, ".results li:nth-child(2) h2 a", "href").unwrap(),
        format!("/p/{later_post}")
    );

    // Newest first: the later thread leads, and the sort is kept in the form.
    let (_, doc) = app.get_html("/search?q=neutralidad&sort=date").await;
    assert_eq!(
        texts(&doc, ".results h2 a"),
        [
            "Ciberseguridad municipal",
            "Neutralidad de la red en las escuelas"
        ]
    );
    assert_eq!(
        attr(&doc, "#f-sort option[selected]", "value").as_deref(),
        Some("date")
    );
    // In English the count speaks English.
    let (_, doc) = app.get_html("/search?q=neutralidad&lang=en").await;
    assert_eq!(texts(&doc, ".count"), ["2 threads with 4 matching posts"]);
    // Past the last page: not found.
    assert_eq!(app.get("/search?q=neutralidad&page=2").await.status(), 404);
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("q", s)]).unwrap()[2..].to_string()
}

#[tokio::test]
async fn feeds_list_published_posts_with_absolute_links() {
    let app = spawn_app().await;
    app.member("ana").await;
    let thread = app
        .new_thread(
            "blockchain",
            "Cadenas de bloques y votos",
            "¿Sirven para votar?",
        )
        .await;
    app.new_reply(thread, "No para elecciones públicas.", None)
        .await;
    let (_, page) = app.board("blockchain").await;
    assert_eq!(
        attr(
            &page,
            "link[rel=alternate][type='application/atom+xml']",
            "href"
        )
        .as_deref(),
        Some("/b/blockchain/feed.atom")
    );
    for path in [
        "/b/blockchain/feed.atom".to_string(),
        format!("/t/{thread}/feed.atom"),
    ] {
        let res = app.get(&path).await;
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/atom+xml"));
        let feed = atom_syndication::Feed::from_str(&res.text().await.unwrap()).unwrap();
        assert_eq!(feed.entries().len(), 2, "{path}");
        for entry in feed.entries() {
            assert!(
                entry.links()[0].href().starts_with(&app.address),
                "absolute links"
            );
            assert_eq!(entry.title().as_str(), "Cadenas de bloques y votos");
            assert_eq!(entry.authors()[0].name(), "ana");
        }
        assert!(feed.links().iter().any(|l| l.rel() == "self"));
    }
}

#[tokio::test]
async fn a_shared_thread_shows_a_proper_card() {
    let app = spawn_app().await;
    app.member("ana").await;
    let thread = app
        .new_thread(
            "educacion",
            "Alfabetización digital",
            "Una propuesta para **bibliotecas** públicas.",
        )
        .await;
    let (_, doc) = app.get_html(&format!("/t/{thread}")).await;
    assert_eq!(
        attr(&doc, "meta[property='og:title']", "content").as_deref(),
        Some("Alfabetización digital")
    );
    assert_eq!(
        attr(&doc, "meta[property='og:description']", "content").as_deref(),
        Some("Una propuesta para bibliotecas públicas.")
    );
    assert_eq!(
        attr(&doc, "link[rel=canonical]", "href"),
        Some(format!("{}/t/{thread}", app.address))
    );
    assert!(texts(&doc, ".post time").len() == 1);
}

#[tokio::test]
async fn a_board_feed_holds_its_newest_posts_across_many_threads() {
    let app = spawn_app().await;
    app.member("ana").await;
    let mut threads = Vec::new();
    for n in 0..51 {
        threads.push(
            app.new_thread("educacion", &format!("Hilo número {n}"), "Primer mensaje")
                .await,
        );
    }
    // The oldest thread comes back to life: its reply is the newest post of the board.
    app.new_reply(threads[0], "Volvemos a este tema", None)
        .await;
    let res = app.get("/b/educacion/feed.atom").await;
    let feed = atom_syndication::Feed::from_str(&res.text().await.unwrap()).unwrap();
    let titles: Vec<&str> = feed.entries().iter().map(|e| e.title().as_str()).collect();
    let mut expected = vec!["Hilo número 0".to_string()];
    expected.extend((2..51).rev().map(|n| format!("Hilo número {n}")));
    assert_eq!(titles, expected, "the 50 newest posts, newest first");
}

#[tokio::test]
async fn search_excerpts_never_turn_text_in_posts_into_markup() {
    let app = spawn_app().await;
    app.member("ana").await;
    app.new_thread(
        "ciberseguridad",
        "Etiquetas en los mensajes",
        "Quien escribe `<script>alert(1)</script>` habla de ciberdefensa, no la ejecuta.",
    )
    .await;
    let (status, doc) = app.get_html("/search?q=ciberdefensa").await;
    assert_eq!(status, 200);
    // SQLite's excerpt keeps the code as text; PostgreSQL's headline drops what looks like a
    // tag. Either way it never reaches the page as markup.
    assert!(
        !doc.html().contains("<script>alert(1)"),
        "markup in an excerpt is escaped"
    );
    assert_eq!(texts(&doc, ".excerpt mark"), ["ciberdefensa"]);
}

/// Search results are shared between members while nothing changes, and never outlive a
/// change: a reply is found by the next search, by its author and by another member, and a
/// deleted one is gone from the next search.
#[tokio::test]
async fn a_search_sees_every_write_at_once() {
    let app = spawn_app().await;
    app.member("ana").await;
    let other = app.other_browser();
    other.member("beto").await;
    let thread = app
        .new_thread("educacion", "Huertos escolares", "Plantamos lechugas.")
        .await;
    let titles = |doc: &scraper::Html| texts(doc, ".results h2 a");
    for who in [&app, &other] {
        let (_, doc) = who.get_html("/search?q=zanahorias").await;
        assert!(titles(&doc).is_empty());
    }
    let reply = app.new_reply(thread, "Y también zanahorias.", None).await;
    for who in [&app, &other] {
        let (_, doc) = who.get_html("/search?q=zanahorias").await;
        assert_eq!(titles(&doc), ["Huertos escolares"]);
    }
    app.delete_post(reply).await;
    for who in [&other, &app] {
        let (_, doc) = who.get_html("/search?q=zanahorias").await;
        assert!(titles(&doc).is_empty(), "{:?}", titles(&doc));
    }
}

/// A site upgraded from an index that kept its own copy of every post's text finds, marks
/// and forgets its old posts as before: the upgrade converts the index it had.
#[tokio::test]
async fn an_upgraded_index_still_finds_old_posts() {
    use diesel::connection::SimpleConnection;
    use diesel::sql_types::{BigInt, Text};
    use diesel::RunQueryDsl;
    use tertulia::db::DbConn;
    use tertulia::domain::{markdown, search};

    let app = spawn_app().await;
    app.member("ana").await;
    let thread = app
        .new_thread(
            "educacion",
            "Huertos escolares",
            "Plantamos *zanahorias* en el patio. La huerta enseña paciencia.",
        )
        .await;
    let reply = app
        .new_reply(thread, "Las zanahorias crecieron despacio.", None)
        .await;
    if let DbConn::Sqlite(mut c) = app.direct() {
        // The index as the previous version kept it: its own copy of each post's text.
        #[derive(diesel::QueryableByName)]
        struct Post {
            #[diesel(sql_type = BigInt)]
            id: i64,
            #[diesel(sql_type = Text)]
            title: String,
            #[diesel(sql_type = Text)]
            html: String,
        }
        let posts: Vec<Post> = diesel::sql_query(
            "SELECT p.id, t.title, p.body_html AS html FROM posts p \
             JOIN threads t ON t.id = p.thread_id WHERE p.status = 'published'",
        )
        .load(&mut c)
        .unwrap();
        assert_eq!(posts.len(), 2);
        c.batch_execute(
            "DROP TABLE post_search; \
             CREATE VIRTUAL TABLE post_search USING fts5(title, body, stems, \
               tokenize = 'unicode61 remove_diacritics 2'); \
             DELETE FROM __diesel_schema_migrations WHERE version = '20261130000025';",
        )
        .unwrap();
        for p in &posts {
            let text = markdown::plain_text(&p.html);
            diesel::sql_query(
                "INSERT INTO post_search (rowid, title, body, stems) VALUES (?, ?, ?, ?)",
            )
            .bind::<BigInt, _>(p.id)
            .bind::<Text, _>(&p.title)
            .bind::<Text, _>(&text)
            .bind::<Text, _>(search::stems(&format!("{} {text}", p.title)))
            .execute(&mut c)
            .unwrap();
        }
        let url = app.db.url_string();
        let out = crate::process::run_ok(&["migrate"], &[("TERTULIA_DATABASE_URL", &url)]);
        assert!(out.starts_with("1 migration"), "{out}");
        let kept: i64 = diesel::select(diesel::dsl::sql::<BigInt>(
            "(SELECT COUNT(*) FROM post_search_content)",
        ))
        .get_result(&mut c)
        .unwrap_or(-1);
        assert_eq!(kept, -1, "the index keeps no copy of the text any more");
    }
    // Found by the word and by its stem, marked in the title and the excerpt.
    let (_, doc) = app.get_html("/search?q=zanahoria").await;
    assert_eq!(texts(&doc, ".results h2 a"), ["Huertos escolares"]);
    let (_, doc) = app.get_html("/search?q=zanahorias").await;
    assert_eq!(texts(&doc, ".excerpt mark"), ["zanahorias"]);
    let (_, doc) = app.get_html("/search?q=huertos%20paciencia").await;
    assert_eq!(texts(&doc, ".results h2 mark"), ["Huertos"]);
    // (PostgreSQL's excerpts also mark words sharing a stem: "huerta".)
    assert!(texts(&doc, ".excerpt mark").contains(&"paciencia".to_string()));
    // An old post deleted after the upgrade leaves the index.
    app.delete_post(reply).await;
    let (_, doc) = app.get_html("/search?q=despacio").await;
    assert!(texts(&doc, ".results h2 a").is_empty());
}
