//! The outbox: retries with backoff, permanent failures, and `tertulia outbox send`.

use crate::helpers::{spawn_app_with, test_settings, TestDatabase, PASSWORD};
use crate::mail::{read_dir, SmtpSink};
use tertulia::config::MailTransport;
use tertulia::domain::Locale;
use tertulia::services::mail::{enqueue, Email, Message};
use tertulia::startup::{migrate, open_pool};

#[tokio::test]
async fn a_refusing_smtp_server_still_gets_the_message_exactly_once() {
    let sink = SmtpSink::start_refusing(2, 451).await;
    let url = sink.url();
    let app = spawn_app_with(|s| {
        s.mail.transport = MailTransport::Smtp;
        s.mail.smtp_url = Some(url.clone().into());
        s.mail.retry_base_seconds = 1;
        s.mail.max_attempts = 5;
    })
    .await;
    app.register("ana", "ana@example.org", PASSWORD).await;
    let received = sink.wait_for(1).await;
    assert_eq!(received.len(), 1);
    app.deliver_mail().await;
    let rows = app.outbox();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].recipient.as_str(), rows[0].status.as_str()),
        ("ana@example.org", "sent")
    );
    assert_eq!(sink.received().len(), 1, "delivered once, not again");
}

async fn queued_database(dir: &std::path::Path) -> (TestDatabase, String) {
    let db = TestDatabase::create(dir);
    let mut settings = test_settings();
    settings.database.url = db.url();
    let pool = open_pool(&settings).unwrap();
    migrate(&pool).await.unwrap();
    pool.run(|c| {
        enqueue(
            c,
            Email {
                key: "test:1".into(),
                to: "ana@example.org",
                locale: Locale::En,
                message: Message::Verify {
                    username: "ana".into(),
                    link: "/verify/x".into(),
                    hours: 48,
                },
            },
        )
        .map_err(anyhow::Error::from)?;
        // The same key again queues nothing.
        enqueue(
            c,
            Email {
                key: "test:1".into(),
                to: "ana@example.org",
                locale: Locale::En,
                message: Message::AlreadyRegistered {
                    username: "ana".into(),
                },
            },
        )
        .map_err(anyhow::Error::from)
    })
    .await
    .unwrap();
    let url = db.url_string();
    (db, url)
}

#[tokio::test]
async fn outbox_send_delivers_what_is_queued_once() {
    let dir = tempfile::tempdir().unwrap();
    let (_db, url) = queued_database(dir.path()).await;
    let mail = dir.path().join("mail");
    let mail_dir = mail.display().to_string();
    let run = || {
        crate::process::run(
            &["outbox", "send"],
            &[
                ("TERTULIA_DATABASE_URL", &url),
                ("TERTULIA_MAIL_DIR", &mail_dir),
            ],
        )
    };
    let first = run();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(String::from_utf8_lossy(&first.stdout).starts_with("1 sent"));
    let second = run();
    assert!(String::from_utf8_lossy(&second.stdout).starts_with("0 sent"));
    let files = read_dir(&mail);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].subject, "Confirm your email on Tertulia");
}

#[tokio::test]
async fn outbox_send_fails_loudly_when_the_server_refuses_for_good() {
    let sink = SmtpSink::start_refusing(10, 550).await;
    let dir = tempfile::tempdir().unwrap();
    let (_db, url) = queued_database(dir.path()).await;
    let smtp = sink.url();
    let out = tokio::task::spawn_blocking(move || {
        crate::process::run(
            &["outbox", "send"],
            &[
                ("TERTULIA_DATABASE_URL", &url),
                ("TERTULIA_MAIL_TRANSPORT", "smtp"),
                ("TERTULIA_SMTP_URL", &smtp),
            ],
        )
    })
    .await
    .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 failed for good"));
    assert!(sink.received().is_empty());
}
