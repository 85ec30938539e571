//! A member who forgot the password gets it back by email.

use crate::helpers::{attr, spawn_app, texts, PASSWORD};

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_ends_every_session() {
    let app = spawn_app().await;
    app.member("ana").await;
    let phone = app.other_browser();
    phone.login("ana", PASSWORD).await;

    let stranger = app.other_browser();
    let answer = stranger.forgot("ANA@example.org").await;
    assert_eq!(answer.status, 303);
    assert_eq!(answer.location.as_deref(), Some("/password/forgot/sent"));
    let mail = app.emails(2).await.remove(1);
    assert_eq!(mail.subject, "Restablezca su contraseña de Tertulia");
    let link = mail.link(&format!("{}/password/reset/", app.address));
    let path = &link[app.address.len()..];

    let (status, doc) = stranger.get_html(path).await;
    assert_eq!(status, 200);
    assert_eq!(attr(&doc, "form", "action").as_deref(), Some(path));
    let weak = stranger
        .submit(path, path, &[("password", "123456789")])
        .await;
    assert_eq!(weak.status, 422);
    assert!(!texts(&weak.html(), "#f-password-error").is_empty());

    let new = "una contraseña nueva y larga";
    let done = stranger.submit(path, path, &[("password", new)]).await;
    assert_eq!(done.status, 303);
    assert_eq!(app.logged_in_as().await, None, "every session ended");
    assert_eq!(phone.logged_in_as().await, None);
    assert_eq!(stranger.login("ana", PASSWORD).await.status, 422);
    assert_eq!(stranger.login("ana", new).await.status, 303);

    let (status, doc) = app.get_html(path).await;
    assert_eq!(status, 410, "used once");
    assert_eq!(
        attr(&doc, "main a[href='/password/forgot']", "href").as_deref(),
        Some("/password/forgot")
    );
}

#[tokio::test]
async fn reset_links_expire_after_an_hour_and_tampered_ones_are_unknown() {
    let app = spawn_app().await;
    app.member("ana").await;
    app.forgot("ana@example.org").await;
    let link = app
        .emails(2)
        .await
        .remove(1)
        .link(&format!("{}/password/reset/", app.address));
    let path = link[app.address.len()..].to_string();
    assert_eq!(
        app.get("/password/reset/not-a-real-token").await.status(),
        404
    );
    app.sql("UPDATE email_tokens SET expires_at = '2000-01-01 00:00:00' WHERE purpose = 'reset'");
    assert_eq!(app.get(&path).await.status(), 410);
    let token = app.csrf_token("/password/forgot").await;
    let answer = app
        .post_raw(
            &path,
            &[
                ("csrf_token", &token),
                ("password", "una contraseña nueva y larga"),
            ],
        )
        .await;
    assert_eq!(answer.status, 410);
}

#[tokio::test]
async fn a_malformed_address_is_explained_and_kept() {
    let app = spawn_app().await;
    let answer = app.forgot("no-es-un-correo").await;
    assert_eq!(answer.status, 422);
    let doc = answer.html();
    assert!(!texts(&doc, "#f-email-error").is_empty());
    assert_eq!(
        attr(&doc, "#f-email", "value").as_deref(),
        Some("no-es-un-correo")
    );
}
