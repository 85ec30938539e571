//! Many writers at once, and several instances on one database.

use std::time::{Duration, Instant};

use tertulia::domain::Role;

use std::process::Stdio;

use crate::crash::wait_until;
use crate::helpers::{spawn_app_with, test_settings, texts, TestApp, TestDatabase, PASSWORD};
use crate::mail::SmtpSink;
use crate::process::{run_ok, scalar, tertulia, Server};

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

/// Two `tertulia serve` processes on one database, as behind a load balancer.
#[tokio::test]
async fn two_server_processes_share_sessions_counts_suspensions_and_digests() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDatabase::create(dir.path());
    let url = db.url_string();
    let mut settings = test_settings();
    settings.database.url = db.url();
    // Email-only subscribers to the boards, then two instances sending through one SMTP server.
    run_ok(
        &[
            "seed",
            "demo",
            "--threads",
            "1",
            "--posts",
            "1",
            "--members",
            "1",
            "--subscribers",
            "60",
            "--seed",
            "9",
        ],
        &[("TERTULIA_DATABASE_URL", &url)],
    );
    let sink = SmtpSink::start().await;
    let config = env!("CARGO_MANIFEST_DIR").to_string() + "/config/test.toml";
    let smtp = sink.url();
    let env = [
        ("TERTULIA_DATABASE_URL", url.as_str()),
        ("TERTULIA_MAIL_TRANSPORT", "smtp"),
        ("TERTULIA_SMTP_URL", smtp.as_str()),
    ];
    let (server_a, server_b) = (
        Server::start(&["--config", &config], &env),
        Server::start(&["--config", &config], &env),
    );
    let at = |address: &str| TestApp::at(address, &settings);
    let (a, b) = (at(&server_a.address), at(&server_b.address));

    a.make_user("moderadora", Role::Moderator).await;
    let moderator = at(&a.address);
    assert_eq!(moderator.login("moderadora", PASSWORD).await.status, 303);
    let thread = moderator
        .new_thread("educacion", "Un hilo en dos servidores", "Inicio")
        .await;
    // Twenty members, each logged in on one instance, post ten replies each through both.
    let mut members = Vec::new();
    for n in 0..20 {
        let name = format!("vecino{n}");
        a.make_user(&name, Role::Member).await;
        let m = at(if n % 2 == 0 { &a.address } else { &b.address });
        assert_eq!(m.login(&name, PASSWORD).await.status, 303);
        members.push(m);
    }
    let mut tasks = Vec::new();
    for (n, m) in members.iter().enumerate() {
        let token = m.csrf_token("/").await;
        for i in 0..10 {
            let base = if (n + i) % 2 == 0 {
                &a.address
            } else {
                &b.address
            };
            let (client, base, token) = (m.client.clone(), base.clone(), token.clone());
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
    let stored = || {
        scalar(
            &url,
            &format!("SELECT count(*) FROM posts WHERE thread_id = {thread}"),
        )
    };
    assert_eq!(stored(), 201, "each reply stored once");
    assert_eq!(
        scalar(
            &url,
            &format!("SELECT count(DISTINCT body_source) FROM posts WHERE thread_id = {thread}")
        ),
        201
    );
    for instance in [&a, &b] {
        let reader = at(&instance.address);
        let (_, doc) = reader.get_html(&format!("/t/{thread}?page=5")).await;
        assert_eq!(
            texts(&doc, ".post").len(),
            1,
            "201 posts: page 5 holds the last"
        );
        let (_, doc) = reader.get_html(&format!("/t/{thread}")).await;
        assert!(texts(&doc, "p.meta")[0].starts_with("200 respuestas"));
        let (_, home) = reader.home().await;
        assert!(texts(&home, ".board .meta")
            .iter()
            .any(|m| m.contains("201 mensajes")));
    }

    // A suspension on A refuses the member on B at once.
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
    assert_eq!(
        reply_raw(member, &b.address, thread, &token, "¿sigo?").await,
        403
    );

    // Today's digest, run by two processes at once while both servers deliver.
    let tomorrow = (chrono::Utc::now() + chrono::TimeDelta::days(1)).to_rfc3339();
    let runs: Vec<_> = (0..2)
        .map(|_| {
            tertulia(
                &[
                    "--config",
                    &config,
                    "digest",
                    "run",
                    "--frequency",
                    "daily",
                    "--now",
                    &tomorrow,
                ],
                &[("TERTULIA_DATABASE_URL", &url)],
            )
            .stdout(Stdio::null())
            .spawn()
            .unwrap()
        })
        .collect();
    for mut r in runs {
        assert!(r.wait().unwrap().success());
    }
    let subscribers = scalar(
        &url,
        "SELECT count(*) FROM subscriptions s JOIN boards b ON b.id = s.board_id \
         WHERE b.slug = 'educacion' AND s.frequency = 'daily'",
    ) as usize;
    assert!(
        subscribers > 0,
        "the seed subscribed some readers to the board"
    );
    let queued = scalar(&url, "SELECT count(*) FROM outbox WHERE kind = 'digest'") as usize;
    assert!(queued >= subscribers);
    sink.wait_for(queued).await;
    // Every row marked sent (only after the server accepted it): nothing is on its way and
    // nothing can be claimed again, so the sink's count is final without waiting.
    wait_until(30, "every digest is marked sent", || {
        scalar(
            &url,
            "SELECT count(*) FROM outbox WHERE kind = 'digest' AND status <> 'sent'",
        ) == 0
    })
    .await;
    let digests: Vec<_> = sink
        .received()
        .into_iter()
        .filter(|m| {
            m.subject.starts_with("Tertulia: resumen")
                || m.subject.starts_with("Tertulia: weekly")
                || m.subject.starts_with("Tertulia: digest")
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    for m in &digests {
        assert!(
            seen.insert((m.to.clone(), m.subject.clone())),
            "{} got {:?} twice",
            m.to,
            m.subject
        );
    }
    assert_eq!(digests.len(), queued, "each digest delivered once");
    let about_thread = digests
        .iter()
        .filter(|m| m.text.contains("Un hilo en dos servidores"))
        .count();
    assert_eq!(
        about_thread, subscribers,
        "every daily subscriber of the board got today's digest"
    );
    assert_eq!(stored(), 202, "nothing posted after the suspension");
}

#[tokio::test]
async fn four_instances_started_at_once_on_a_fresh_database_all_serve() {
    let config = env!("CARGO_MANIFEST_DIR").to_string() + "/config/test.toml";
    for round in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let db = TestDatabase::create(dir.path());
        let url = db.url_string();
        let starts: Vec<_> = (0..4)
            .map(|_| {
                let (url, config) = (url.clone(), config.clone());
                std::thread::spawn(move || {
                    Server::start(
                        &["--config", &config],
                        &[("TERTULIA_DATABASE_URL", url.as_str())],
                    )
                })
            })
            .collect();
        let servers: Vec<Server> = starts
            .into_iter()
            .map(|s| s.join().expect("every instance starts"))
            .collect();
        for server in &servers {
            let home = reqwest::get(format!("{}/", server.address)).await.unwrap();
            assert_eq!(home.status(), 200, "round {round}");
        }
        assert_eq!(
            scalar(&url, "SELECT count(*) FROM boards"),
            6,
            "round {round}"
        );
        assert_eq!(
            scalar(&url, "SELECT count(*) FROM rules"),
            6,
            "round {round}"
        );
        let secrets = "SELECT count(*) FROM site_settings WHERE key = 'secret'";
        assert_eq!(scalar(&url, secrets), 1, "round {round}");
        drop(servers);
    }
}
