//! Visitors without a session get cached pages, revalidated with ETag, never stale.

use crate::helpers::{spawn_app, texts, PASSWORD};

#[tokio::test]
async fn cached_pages_revalidate_and_follow_every_write_on_every_instance() {
    let app = spawn_app().await;
    app.member("ana").await;
    let thread = app
        .new_thread("educacion", "Un hilo muy leído", "Primer mensaje")
        .await;
    let other = app.second_instance().await;
    let visitor = other.other_browser();
    let path = format!("/t/{thread}");

    let first = visitor.get(&path).await;
    let etag = first.headers()["etag"].to_str().unwrap().to_string();
    let second = visitor.get(&path).await;
    assert_eq!(
        second.headers()["etag"].to_str().unwrap(),
        etag,
        "served from the cache"
    );
    let revalidated = visitor
        .client
        .get(format!("{}{path}", visitor.address))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(revalidated.status(), 304);
    assert!(revalidated.bytes().await.unwrap().is_empty());

    // A reply through the first instance shows at once on the second.
    app.new_reply(thread, "Respuesta nueva", None).await;
    let (_, doc) = visitor.get_html(&path).await;
    assert_eq!(texts(&doc, ".post").len(), 2, "no stale page after a write");
    let after = visitor.get(&path).await;
    assert_ne!(after.headers()["etag"].to_str().unwrap(), etag);

    // Logged-in members are never served from the cache.
    let (_, doc) = app.get_html(&path).await;
    assert!(!texts(&doc, "#reply textarea").is_empty());
}

#[tokio::test]
async fn a_page_with_a_form_token_is_never_shared_between_visitors() {
    let app = spawn_app().await;
    app.member("ana").await;
    let first = app.other_browser();
    for _ in 0..3 {
        assert_eq!(first.get("/login").await.status(), 200);
    }
    let second = app.other_browser();
    assert_eq!(second.login("ana", PASSWORD).await.status, 303);
}

#[tokio::test]
async fn writes_no_visitor_can_see_leave_every_cached_page_alone() {
    let app = spawn_app().await;
    app.member("ana").await;
    let thread = app
        .new_thread("educacion", "Un hilo muy leído", "Primer mensaje")
        .await;
    let version = || tertulia::db::content_version(&mut app.direct()).unwrap();

    // Failed and successful logins, a watch and a password change are the member's alone:
    // on a busy site they would otherwise empty every instance's cache all day.
    let before = version();
    let guesser = app.other_browser();
    for _ in 0..3 {
        assert_eq!(guesser.login("ana", "no es la clave").await.status, 422);
    }
    let second = app.other_browser();
    assert_eq!(second.login("ana", PASSWORD).await.status, 303);
    let watch = second
        .submit(&format!("/t/{thread}"), &format!("/t/{thread}/watch"), &[])
        .await;
    assert_eq!(watch.status, 303, "{}", watch.body);
    assert_eq!(version(), before, "nothing a visitor sees changed");

    // A reply changes what visitors see: the version moves once it is committed.
    app.new_reply(thread, "Respuesta nueva", None).await;
    assert!(version() > before, "a reply moves the content version");
}
