//! A server killed with SIGKILL in the middle of sending the digests, then started again: every
//! recipient ends with exactly one digest.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::helpers::TestDatabase;
use crate::mail::SmtpSink;
use crate::process::{run_ok, scalar, Server};

/// Polls `check` every 50 ms for up to `secs` seconds.
pub(crate) async fn wait_until(secs: u64, what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_server_killed_while_sending_digests_sends_each_exactly_once_after_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDatabase::create(dir.path());
    let url = db.url_string();
    // Ninety days of posts (about 30 a day on six boards) and 80 email subscribers.
    run_ok(
        &[
            "seed",
            "demo",
            "--threads",
            "300",
            "--posts",
            "2700",
            "--members",
            "10",
            "--subscribers",
            "80",
            "--seed",
            "5",
        ],
        &[("TERTULIA_DATABASE_URL", &url)],
    );
    let sink = SmtpSink::start_slow(Duration::from_millis(100)).await;
    let config = dir.path().join("crash.toml");
    std::fs::write(
        &config,
        format!(
            "[mail]\ntransport = \"smtp\"\nsmtp_url = \"{}\"\nlease_seconds = 3\n",
            sink.url()
        ),
    )
    .unwrap();
    let global = ["--config", config.to_str().unwrap()];
    let env = [("TERTULIA_DATABASE_URL", url.as_str())];
    let sent = || scalar(&url, "SELECT count(*) FROM outbox WHERE status = 'sent'") as usize;
    let queued = || scalar(&url, "SELECT count(*) FROM outbox") as usize;

    // At start the scheduler queues the latest daily digest; the worker sends it slowly.
    let server = Server::start(&global, &env);
    wait_until(30, "some digests arrived", || sink.received().len() >= 5).await;
    // Stop the sink from accepting more, and wait until messages are in the middle of their
    // SMTP exchange while every accepted one is recorded as sent; then pull the plug.
    sink.hold();
    wait_until(
        10,
        "messages wait at the server and the rest are recorded",
        || sink.waiting() > 0 && sent() == sink.received().len(),
    )
    .await;
    let in_flight = sink.waiting();
    server.kill();
    sink.release();
    let before = sink.received().len();
    assert!(
        before < queued(),
        "the process was killed in the middle: {before} of {} sent",
        queued()
    );

    // The restarted server queues nothing twice and sends what the dead one had claimed once
    // its lease ends.
    let _server = Server::start(&global, &env);
    wait_until(60, "every digest was sent", || {
        sent() == queued() && sink.received().len() >= queued()
    })
    .await;
    // Every row is marked sent, and a row is marked only after the server accepted it: no
    // send is still on its way and none can start again, so the count below is final.

    let received = sink.received();
    let total = queued();
    assert!(total >= 40, "a meaningful run: {total} digests");
    assert_eq!(received.len(), total, "each queued digest arrived once");
    let mut per_message: HashMap<&str, usize> = HashMap::new();
    let mut per_recipient: HashMap<(&str, &str), usize> = HashMap::new();
    for m in &received {
        *per_message.entry(m.message_id.as_str()).or_default() += 1;
        *per_recipient
            .entry((m.to.as_str(), m.subject.as_str()))
            .or_default() += 1;
    }
    assert!(per_message.values().all(|n| *n == 1), "no message twice");
    assert!(
        per_recipient.values().all(|n| *n == 1),
        "no recipient got the same digest twice"
    );
    assert!(
        in_flight > 0 && before >= 5,
        "killed with {in_flight} in flight after {before}"
    );
}
