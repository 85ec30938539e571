//! CSRF, login throttling, enumeration resistance and session revocation.

use crate::helpers::{spawn_app, spawn_app_with, texts, PASSWORD};

#[tokio::test]
async fn posts_without_the_right_csrf_token_are_refused_with_an_explanation() {
    let app = spawn_app().await;
    app.member("ana").await;
    for action in [
        "/login",
        "/register",
        "/password/forgot",
        "/logout",
        "/settings",
        "/settings/delete",
        "/verify/resend",
    ] {
        let missing = app
            .post_raw(action, &[("login", "ana"), ("password", PASSWORD)])
            .await;
        assert_eq!(missing.status, 403, "{action} without a token");
        let doc = missing.html();
        assert_eq!(texts(&doc, "h1"), ["Formulario vencido"], "{action}");
        let wrong = app
            .post_raw(action, &[("csrf_token", "AAAA"), ("login", "ana")])
            .await;
        assert_eq!(wrong.status, 403, "{action} with a wrong token");
    }
    // A token taken from another visitor's page does not work either.
    let stranger = app.other_browser();
    let theirs = stranger.csrf_token("/login").await;
    let answer = app
        .post_raw(
            "/settings",
            &[
                ("csrf_token", &theirs),
                ("form", "locale"),
                ("locale", "en"),
            ],
        )
        .await;
    assert_eq!(answer.status, 403);
    assert_eq!(
        app.logged_in_as().await.as_deref(),
        Some("ana"),
        "still logged in"
    );
}

#[tokio::test]
async fn unknown_users_and_wrong_passwords_get_the_same_answer() {
    let app = spawn_app().await;
    app.member("ana").await;
    app.logout().await;
    let wrong = app.login("ana", "no es la contraseña").await;
    let unknown = app.login("nadie", "no es la contraseña").await;
    assert_eq!(wrong.status, 422);
    assert_eq!(unknown.status, 422);
    let message = |a: &crate::helpers::Answer| texts(&a.html(), ".form-error");
    assert_eq!(
        message(&wrong),
        ["El usuario o la contraseña no son correctos."]
    );
    assert_eq!(message(&wrong), message(&unknown));
    // The login typed is kept, the password is not.
    assert!(unknown.body.contains("value=\"nadie\""));

    let known = app.forgot("ana@example.org").await;
    let nobody = app.forgot("nadie@example.org").await;
    assert_eq!(
        (known.status, &known.location),
        (nobody.status, &nobody.location)
    );
    assert_eq!(known.body, nobody.body);
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_a_while_with_a_clear_message() {
    let app = spawn_app().await;
    app.member("ana").await;
    app.logout().await;
    for _ in 0..5 {
        assert_eq!(app.login("ana", "no es la contraseña").await.status, 422);
    }
    let locked = app.login("ana", PASSWORD).await;
    assert_eq!(locked.status, 429, "even the right password waits");
    let message = texts(&locked.html(), ".form-error").remove(0);
    assert!(
        message.contains("Inténtelo de nuevo en 15 minutos"),
        "{message}"
    );
    // Another account from the same address is not locked by ana's failures.
    app.member("beto").await;
    app.logout().await;
    assert_eq!(app.login("beto", PASSWORD).await.status, 303);
}

#[tokio::test]
async fn one_address_guessing_many_accounts_is_slowed_down() {
    let app = spawn_app_with(|s| s.limits.login_failures_per_ip = 3).await;
    for name in ["uno", "dos", "tres"] {
        assert_eq!(app.login(name, "no es la contraseña").await.status, 422);
    }
    let answer = app.login("cuatro", "no es la contraseña").await;
    assert_eq!(answer.status, 429);
}

#[tokio::test]
async fn sign_up_floods_from_one_address_are_limited() {
    let app = spawn_app_with(|s| s.limits.registrations_per_ip_per_hour = 2).await;
    assert_eq!(
        app.register("uno", "uno@example.org", PASSWORD)
            .await
            .status,
        303
    );
    assert_eq!(
        app.register("dos", "dos@example.org", PASSWORD)
            .await
            .status,
        303
    );
    let third = app.register("tres", "tres@example.org", PASSWORD).await;
    assert_eq!(third.status, 429);
    let doc = third.html();
    assert!(texts(&doc, ".form-error")[0].contains("minutos"));
    assert!(
        third.body.contains("value=\"tres@example.org\""),
        "input kept"
    );
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions_only() {
    let app = spawn_app().await;
    app.member("ana").await;
    let phone = app.other_browser();
    assert_eq!(phone.login("ana", PASSWORD).await.status, 303);
    assert_eq!(phone.logged_in_as().await.as_deref(), Some("ana"));
    let new = "otra frase larga para entrar";
    let answer = app
        .settings(&[
            ("form", "password"),
            ("current_password", PASSWORD),
            ("new_password", new),
        ])
        .await;
    assert_eq!(answer.status, 303);
    assert_eq!(
        app.logged_in_as().await.as_deref(),
        Some("ana"),
        "this session stays"
    );
    assert_eq!(phone.logged_in_as().await, None, "the other one ended");
    assert_eq!(phone.login("ana", new).await.status, 303);
}

#[tokio::test]
async fn session_cookies_are_http_only_and_same_site() {
    let app = spawn_app().await;
    app.member("ana").await;
    let token = app.csrf_token("/login").await;
    let res = app
        .other_browser()
        .client
        .post(format!("{}/login", app.address))
        .form(&[
            ("csrf_token", token.as_str()),
            ("login", "ana"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    // A token from another browser is refused, so log in properly and inspect the cookie.
    assert_eq!(res.status(), 403);
    let fresh = app.other_browser();
    let token = fresh.csrf_token("/login").await;
    let res = fresh
        .client
        .post(format!("{}/login", app.address))
        .form(&[
            ("csrf_token", token.as_str()),
            ("login", "ana"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("tertulia_session="))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(cookie.contains("Max-Age=2592000"), "{cookie}");
    let value = cookie.split(';').next().unwrap().split('=').nth(1).unwrap();
    assert_eq!(value.len(), 43, "256 random bits");
}
