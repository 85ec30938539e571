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
async fn repeated_failures_pause_the_account_longer_each_time_and_a_reset_lets_the_owner_in() {
    let app = spawn_app().await;
    app.member("ana").await;
    app.logout().await;
    // The username and the email count as one account.
    for login in ["ana", "ana@example.org", "ANA", "Ana@Example.org", "ana"] {
        assert_eq!(app.login(login, "no es la contraseña").await.status, 422);
    }
    let paused = app.login("ana@example.org", PASSWORD).await;
    assert_eq!(paused.status, 429, "even the right password waits");
    let message = texts(&paused.html(), ".form-error").remove(0);
    assert!(
        message.contains("Inténtelo de nuevo en 1 minuto"),
        "{message}"
    );
    // A pause, not a lock: 30 seconds later one more guess is checked…
    let earlier = "UPDATE rate_events SET created_at = created_at - INTERVAL \
                   WHERE kind = 'login_fail_account'";
    let back = |secs: u32| match app.db {
        crate::helpers::TestDatabase::Sqlite(_) => format!(
            "UPDATE rate_events SET created_at = datetime(created_at, '-{secs} seconds') \
             WHERE kind = 'login_fail_account'"
        ),
        _ => earlier.replace("INTERVAL", &format!("INTERVAL '{secs} seconds'")),
    };
    app.sql(&back(31));
    assert_eq!(app.login("ana", "otra prueba").await.status, 422);
    // …and the next pause is twice as long.
    app.sql(&back(31));
    assert_eq!(app.login("ana", PASSWORD).await.status, 429);
    app.sql(&back(30));
    assert_eq!(app.login("ana", PASSWORD).await.status, 303, "after 61 s");
    app.logout().await;

    // While someone keeps guessing, the owner gets in through a reset link.
    for _ in 0..6 {
        app.login("ana", "no es la contraseña").await;
    }
    assert_eq!(app.login("ana", PASSWORD).await.status, 429);
    let before = app.emails_now().len();
    assert_eq!(app.forgot("ana@example.org").await.status, 303);
    let mail = app.emails(before + 1).await.pop().unwrap();
    let link = mail.link(&format!("{}/password/reset/", app.address));
    let path = &link[app.address.len()..];
    let new = "una contraseña nueva y larga";
    assert_eq!(
        app.submit(path, path, &[("password", new)]).await.status,
        303
    );
    assert_eq!(
        app.login("ana", new).await.status,
        303,
        "no pause after a reset"
    );

    // Another account from the same address is not paused by ana's failures.
    app.logout().await;
    app.member("beto").await;
    app.logout().await;
    assert_eq!(app.login("beto", PASSWORD).await.status, 303);
}

#[tokio::test]
async fn parallel_guesses_and_sign_ups_cannot_slip_past_the_limits() {
    let app = spawn_app_with(|s| s.limits.registrations_per_ip_per_hour = 5).await;
    app.member("ana").await;
    app.logout().await;
    // 40 guesses at once, the right password among the last ones: at most 5 are checked.
    let browsers: Vec<_> = (0..40).map(|_| app.other_browser()).collect();
    let mut tokens = Vec::new();
    for b in &browsers {
        tokens.push(b.csrf_token("/login").await);
    }
    let attempts = browsers.iter().zip(&tokens).enumerate().map(|(n, (b, t))| {
        let password = if n >= 35 {
            PASSWORD
        } else {
            "no es la contraseña"
        };
        async move {
            b.post_raw(
                "/login",
                &[("csrf_token", t), ("login", "ana"), ("password", password)],
            )
            .await
            .status
        }
    });
    let statuses = futures::future::join_all(attempts).await;
    let checked = statuses.iter().filter(|s| **s != 429).count();
    assert!(checked <= 5, "{checked} checked: {statuses:?}");
    assert!(
        statuses.iter().all(|s| [303, 422, 429].contains(s)),
        "{statuses:?}"
    );

    // 12 sign-ups at once from one address, limit 5: exactly 5 accounts.
    let browsers: Vec<_> = (0..12).map(|_| app.other_browser()).collect();
    let mut tokens = Vec::new();
    for b in &browsers {
        tokens.push(b.csrf_token("/register").await);
    }
    let sign_ups = browsers
        .iter()
        .zip(&tokens)
        .enumerate()
        .map(|(n, (b, t))| async move {
            let name = format!("cuenta{n}");
            let email = format!("cuenta{n}@example.org");
            b.post_raw(
                "/register",
                &[
                    ("csrf_token", t),
                    ("username", &name),
                    ("email", &email),
                    ("password", PASSWORD),
                ],
            )
            .await
            .status
        });
    let statuses = futures::future::join_all(sign_ups).await;
    let made = statuses.iter().filter(|s| **s == 303).count();
    assert_eq!(made, 4, "{statuses:?}");
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
