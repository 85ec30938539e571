//! Taking part beyond writing: supporting posts ("apoyo").

use crate::helpers::{attr, spawn_app, texts, TestApp};
use crate::moderation::first_post;

/// What the thread page shows `who` of a post: its support count text and the action of its
/// support form, if any.
async fn support_seen(who: &TestApp, thread: i64, post: i64) -> (Vec<String>, Option<String>) {
    let (status, doc) = who.get_html(&format!("/t/{thread}")).await;
    assert_eq!(status, 200);
    (
        texts(&doc, &format!("#p{post} .supports")),
        attr(&doc, &format!("#p{post} form.support"), "action"),
    )
}

/// A site where `author` opened a thread with `body` in "educacion", and `reader` (another
/// browser) is a member too: (site as the author, thread, its first post, the reader).
async fn thread_and_reader(
    author: &str,
    title: &str,
    body: &str,
    reader: &str,
) -> (TestApp, i64, i64, TestApp) {
    let app = spawn_app().await;
    app.member(author).await;
    let thread = app.new_thread("educacion", title, body).await;
    let post = first_post(&app, thread).await;
    let other = app.other_browser();
    other.member(reader).await;
    (app, thread, post, other)
}

/// A member supports another's post once (a second click changes nothing), sees the count,
/// and takes it back; nobody supports their own post, and a hidden post cannot be supported.
#[tokio::test]
async fn a_member_supports_a_post_once_and_can_take_it_back() {
    let (app, thread, post, reader) = thread_and_reader(
        "autora",
        "Tabletas en la escuela",
        "¿Sirven para aprender?",
        "lectora",
    )
    .await;
    let visitor = app.other_browser();

    // The author sees no support button on her own post; the reader does.
    assert_eq!(support_seen(&app, thread, post).await, (vec![], None));
    let support = format!("/p/{post}/support");
    assert_eq!(
        support_seen(&reader, thread, post).await,
        (vec![], Some(support.clone()))
    );

    let answer = reader.submit(&format!("/t/{thread}"), &support, &[]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    // Pressing again (a double click, a second tab) counts once.
    let token = reader.csrf_token(&format!("/t/{thread}")).await;
    let again = reader.post_raw(&support, &[("csrf_token", &token)]).await;
    assert_eq!(again.status, 303);
    let unsupport = format!("/p/{post}/unsupport");
    assert_eq!(
        support_seen(&reader, thread, post).await,
        (vec!["1 apoyo".to_string()], Some(unsupport.clone()))
    );
    // Everyone sees the count; visitors get no button.
    assert_eq!(
        support_seen(&visitor, thread, post).await,
        (vec!["1 apoyo".to_string()], None)
    );

    // The member's data export lists what they support.
    let export: serde_json::Value =
        serde_json::from_str(&reader.get("/settings/export").await.text().await.unwrap()).unwrap();
    assert_eq!(export["supports"][0]["post_id"], post);

    // Not one's own post, even by sending the form by hand.
    let token = app.csrf_token(&format!("/t/{thread}")).await;
    assert_eq!(
        app.post_raw(&support, &[("csrf_token", &token)])
            .await
            .status,
        403
    );
    // Without the form's token, nothing happens.
    assert_eq!(reader.post_raw(&unsupport, &[]).await.status, 403);

    let answer = reader
        .submit(&format!("/t/{thread}"), &unsupport, &[])
        .await;
    assert_eq!(answer.status, 303);
    assert_eq!(
        support_seen(&reader, thread, post).await,
        (vec![], Some(support.clone()))
    );

    // A post taken out of view cannot be supported.
    app.sql(&format!(
        "UPDATE posts SET status = 'hidden' WHERE id = {post}"
    ));
    let token = reader.csrf_token("/settings").await;
    assert_eq!(
        reader
            .post_raw(&support, &[("csrf_token", &token)])
            .await
            .status,
        404
    );
}

/// Many members supporting the same post at once, each twice, count exactly once each.
#[tokio::test]
async fn concurrent_supports_keep_an_exact_count() {
    let app = spawn_app().await;
    app.member("autora").await;
    let thread = app
        .new_thread("educacion", "Conectividad rural", "Sin señal no hay clase.")
        .await;
    let post = first_post(&app, thread).await;
    let mut members = Vec::new();
    for i in 0..6 {
        let m = app.other_browser();
        m.member(&format!("apoyo{i}")).await;
        let token = m.csrf_token(&format!("/t/{thread}")).await;
        members.push((m, token));
    }
    let action = format!("/p/{post}/support");
    let presses = members.iter().flat_map(|(m, token)| {
        let action = action.clone();
        (0..2).map(move |_| {
            let action = action.clone();
            async move { m.post_raw(&action, &[("csrf_token", token)]).await.status }
        })
    });
    let statuses = futures::future::join_all(presses).await;
    assert!(statuses.iter().all(|s| *s == 303), "{statuses:?}");
    let (shown, _) = support_seen(&app, thread, post).await;
    assert_eq!(shown, vec!["6 apoyos".to_string()]);
    let rows = crate::process::scalar(
        &app.db.url_string(),
        &format!("SELECT count(*) FROM post_supports WHERE post_id = {post}"),
    );
    assert_eq!(rows, 6);
}

/// "Citar" starts the reply with the post quoted and attributed, answering that post, with
/// no JavaScript; the reply shows the quote. A post out of view or of another thread is not
/// quoted.
#[tokio::test]
async fn quoting_a_post_starts_the_reply_with_it() {
    let (app, thread, post, reader) = thread_and_reader(
        "autora",
        "Tabletas en la escuela",
        "¿Sirven para aprender?\n\nYo creo que **sí**.",
        "lectora",
    )
    .await;

    let (_, doc) = reader.get_html(&format!("/t/{thread}")).await;
    let quote_link = format!("?reply_to={post}&quote=1#reply");
    assert!(
        crate::helpers::texts(
            &doc,
            &format!("#p{post} .post-actions a[href='{quote_link}']")
        ) == ["Citar"],
        "no Citar link on the post"
    );
    let page = format!("/t/{thread}?reply_to={post}&quote=1");
    let (_, doc) = reader.get_html(&page).await;
    let body = texts(&doc, "#reply textarea[name=body]").join("");
    assert_eq!(
        body,
        "autora escribió:\n\n> ¿Sirven para aprender?\n>\n> Yo creo que **sí**."
    );
    assert_eq!(
        attr(&doc, "#reply input[name=parent_id]", "value"),
        Some(post.to_string())
    );

    let reply = format!("{body}\n\nDepende del uso que se les dé.");
    let answer = reader
        .submit(
            &page,
            &format!("/t/{thread}/reply"),
            &[("body", &reply), ("parent_id", &post.to_string())],
        )
        .await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    let (_, doc) = reader.get_html(&format!("/t/{thread}")).await;
    let last = texts(&doc, ".post .body blockquote").join(" ");
    assert!(last.contains("¿Sirven para aprender?"), "{last}");
    assert_eq!(texts(&doc, ".post .in-reply a").len(), 1);

    // Another thread's post, or one taken out of view, starts an empty reply.
    let other = app
        .new_thread("educacion", "Otro tema distinto", "Nada que ver.")
        .await;
    let (_, doc) = reader
        .get_html(&format!("/t/{other}?reply_to={post}&quote=1"))
        .await;
    assert_eq!(texts(&doc, "#reply textarea[name=body]").join(""), "");
    app.sql(&format!(
        "UPDATE posts SET status = 'hidden' WHERE id = {post}"
    ));
    let (_, doc) = reader.get_html(&page).await;
    assert_eq!(texts(&doc, "#reply textarea[name=body]").join(""), "");
}

/// `@name` becomes a link to the profile of a member who exists; other names, code and
/// addresses stay text.
#[tokio::test]
async fn mentions_of_members_link_to_their_profiles() {
    let app = spawn_app().await;
    app.member("autora").await;
    let thread = app
        .new_thread("educacion", "Brecha digital", "¿Qué hacemos?")
        .await;
    let reader = app.other_browser();
    reader.member("lectora").await;
    let answer = reader
        .reply(
            thread,
            "Gracias @Autora y @fantasma; escribe a autora@example.org o `@autora`.",
            None,
        )
        .await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    let (_, doc) = app.get_html(&format!("/t/{thread}")).await;
    assert_eq!(texts(&doc, ".post .body a[href='/u/autora']"), ["@Autora"]);
    let body = texts(&doc, ".post .body").join(" ");
    assert!(body.contains("@fantasma"), "{body}");
    assert!(body.contains("autora@example.org"), "{body}");
    assert_eq!(texts(&doc, ".post .body code"), ["@autora"]);
    let (status, _) = app.get_html("/u/autora").await;
    assert_eq!(status, 200);
}

/// A member ignores another: that member's posts fold away for them (still there to open),
/// the list with "Dejar de ignorar" is in /settings; moderators, admins and oneself cannot be
/// ignored.
#[tokio::test]
async fn ignoring_a_member_folds_their_posts() {
    let (app, thread, post, reader) = thread_and_reader(
        "pesada",
        "Otra vez lo mismo",
        "Repito mi opinión.",
        "lectora",
    )
    .await;
    let folded = format!("#p{post} details.ignored");

    let (_, doc) = reader.get_html("/u/pesada").await;
    assert_eq!(
        attr(&doc, "form.ignore", "action"),
        Some("/u/pesada/ignore".to_string())
    );
    let answer = reader.submit("/u/pesada", "/u/pesada/ignore", &[]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    let (_, doc) = reader.get_html(&format!("/t/{thread}")).await;
    assert_eq!(
        texts(&doc, &format!("{folded} summary")),
        ["Mensaje de un miembro que usted ignora (mostrar)"]
    );
    assert!(texts(&doc, &format!("{folded} .body"))[0].contains("Repito mi opinión."));
    // Others still see the post as it is.
    let (_, doc) = app.other_browser().get_html(&format!("/t/{thread}")).await;
    assert!(texts(&doc, &folded).is_empty());

    let (_, doc) = reader.get_html("/settings").await;
    assert_eq!(texts(&doc, "ul.ignored li a"), ["pesada"]);
    let export: serde_json::Value =
        serde_json::from_str(&reader.get("/settings/export").await.text().await.unwrap()).unwrap();
    assert_eq!(export["ignored_members"][0]["username"], "pesada");
    let answer = reader
        .submit("/settings", "/u/pesada/unignore", &[("back", "settings")])
        .await;
    assert_eq!(answer.location.as_deref(), Some("/settings#s-ignored"));
    let (_, doc) = reader.get_html(&format!("/t/{thread}")).await;
    assert!(texts(&doc, &folded).is_empty());
    let (_, doc) = reader.get_html("/settings").await;
    assert!(texts(&doc, "ul.ignored li").is_empty());

    // Not a moderator, not an admin, not oneself: no button, and the form by hand is refused.
    app.make_user("moderadora", tertulia::domain::Role::Moderator)
        .await;
    for name in ["moderadora", "lectora"] {
        let (_, doc) = reader.get_html(&format!("/u/{name}")).await;
        assert_eq!(attr(&doc, "form.ignore", "action"), None, "{name}");
        let token = reader.csrf_token("/settings").await;
        let answer = reader
            .post_raw(&format!("/u/{name}/ignore"), &[("csrf_token", &token)])
            .await;
        assert_eq!(answer.status, 403, "{name}");
    }
    let token = reader.csrf_token("/settings").await;
    let answer = reader
        .post_raw("/u/nadie-asi/ignore", &[("csrf_token", &token)])
        .await;
    assert_eq!(answer.status, 404);
}
