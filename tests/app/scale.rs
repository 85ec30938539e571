//! Many writers at once, and several instances on one database.

use std::time::{Duration, Instant};

use tertulia::domain::Role;

use crate::helpers::{spawn_app_with, texts, TestApp};

async fn reply_raw(b: &TestApp, base: &str, thread: i64, token: &str, body: &str) -> u16 {
    b.client
        .post(format!("{base}/t/{thread}/reply"))
        .form(&[("csrf_token", token), ("body", body), ("parent_id", "")])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn fifty_concurrent_writers_lose_nothing() {
    let app = spawn_app_with(|s| s.limits.posts_per_member_per_minute = 100_000).await;
    let mut writers = Vec::new();
    for n in 0..10 {
        writers.push(app.browser_as(&format!("escritor{n}"), Role::Member).await);
    }
    let thread = writers[0]
        .new_thread("educacion", "Escritura concurrente", "Inicio")
        .await;
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut tasks = Vec::new();
    for w in &writers {
        let token = w.csrf_token("/").await;
        for lane in 0..5 {
            let (client, base, token) = (w.client.clone(), w.address.clone(), token.clone());
            tasks.push(tokio::spawn(async move {
                let (mut ok, mut failed) = (0u32, Vec::new());
                for i in 0..400 {
                    if Instant::now() > deadline {
                        break;
                    }
                    let status = client
                        .post(format!("{base}/t/{thread}/reply"))
                        .form(&[
                            ("csrf_token", token.as_str()),
                            ("body", &format!("carril {lane} mensaje {i}")),
                            ("parent_id", ""),
                        ])
                        .send()
                        .await
                        .unwrap()
                        .status()
                        .as_u16();
                    if status == 303 {
                        ok += 1;
                    } else {
                        failed.push(status);
                    }
                }
                (ok, failed)
            }));
        }
    }
    let mut total = 0;
    for t in tasks {
        let (ok, failed) = t.await.unwrap();
        assert!(failed.is_empty(), "error answers under load: {failed:?}");
        total += ok;
    }
    assert!(total > 50, "only {total} replies in 10 s");
    let (_, doc) = app.get_html(&format!("/t/{thread}")).await;
    assert!(
        texts(&doc, "p.meta")[0].starts_with(&format!("{total} respuestas")),
        "reply count exact"
    );
    let (_, home) = app.home().await;
    assert!(
        texts(&home, ".board .meta")[2].starts_with(&format!("1 hilo · {} mensajes", total + 1))
    );
}

#[tokio::test]
async fn two_instances_share_sessions_counts_and_suspensions() {
    let a = spawn_app_with(|s| s.limits.posts_per_member_per_minute = 100_000).await;
    let b = a.second_instance().await;
    let moderator = a.browser_as("moderadora", Role::Moderator).await;
    let thread = moderator
        .new_thread("educacion", "Un hilo en dos servidores", "Inicio")
        .await;
    let mut members = Vec::new();
    for n in 0..20 {
        members.push(a.browser_as(&format!("vecino{n}"), Role::Member).await);
    }
    let mut tasks = Vec::new();
    for (n, m) in members.iter().enumerate() {
        let token = m.csrf_token("/").await;
        for i in 0..10 {
            let base = if (n + i) % 2 == 0 {
                a.address.clone()
            } else {
                b.address.clone()
            };
            let (client, token) = (m.client.clone(), token.clone());
            tasks.push(tokio::spawn(async move {
                client
                    .post(format!("{base}/t/{thread}/reply"))
                    .form(&[
                        ("csrf_token", token.as_str()),
                        ("body", &format!("vecino {n} mensaje {i}")),
                        ("parent_id", ""),
                    ])
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }));
        }
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 303, "every reply stored");
    }
    for instance in [&a, &b] {
        let (_, doc) = instance
            .other_browser()
            .get_html(&format!("/t/{thread}?page=5"))
            .await;
        assert_eq!(
            texts(&doc, ".post").len(),
            1,
            "201 posts: the fifth page holds the last one"
        );
        let (_, doc) = instance
            .other_browser()
            .get_html(&format!("/t/{thread}"))
            .await;
        assert!(texts(&doc, "p.meta")[0].starts_with("200 respuestas"));
    }
    // A session made on A works on B; a suspension on A refuses the member on B at once.
    let member = &members[0];
    let token = member.csrf_token("/").await;
    assert_eq!(
        reply_raw(member, &b.address, thread, &token, "desde B").await,
        303
    );
    let (_, profile) = moderator.get_html("/u/vecino0").await;
    let action = crate::helpers::attr(&profile, "form[action$='/suspend']", "action").unwrap();
    let done = moderator
        .submit(
            "/u/vecino0",
            &action,
            &[("rule", "1"), ("reason", "prueba")],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let refused = member
        .client
        .get(format!("{}/settings", b.address))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 303, "the session ended on B too");
    let posting = reply_raw(member, &b.address, thread, &token, "¿sigo?").await;
    assert_eq!(posting, 403, "refused on B");
}
