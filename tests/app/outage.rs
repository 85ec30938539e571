//! The database going away under a running server, and coming back: on PostgreSQL the server
//! is cut off; on SQLite another process keeps the file's write lock (a backup, a shell left in
//! a transaction), which is what "the database is away" can mean for a file.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tertulia::config::DatabaseUrl;
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::task::JoinHandle;

use crate::helpers::{spawn_app, spawn_app_with, texts, POSTGRES_VAR};

/// A TCP relay in front of PostgreSQL: stopping it is, for the server, the database going
/// away (every connection cut, new ones refused); starting it again brings it back.
struct Relay {
    port: u16,
    target: String,
    tasks: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Relay {
    async fn start(target: &str) -> Self {
        let mut relay = Self {
            port: 0,
            target: target.to_string(),
            tasks: Arc::default(),
        };
        relay.port = relay.listen(0).await;
        relay
    }

    async fn listen(&self, port: u16) -> u16 {
        let socket = TcpSocket::new_v4().unwrap();
        socket.set_reuseaddr(true).unwrap();
        socket
            .bind(format!("127.0.0.1:{port}").parse().unwrap())
            .unwrap();
        let listener: TcpListener = socket.listen(64).unwrap();
        let port = listener.local_addr().unwrap().port();
        let (target, tasks) = (self.target.clone(), self.tasks.clone());
        let accept = tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let target = target.clone();
                let pipe = tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(&target).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                tasks.lock().unwrap().push(pipe);
            }
        });
        self.tasks.lock().unwrap().push(accept);
        port
    }

    /// Cuts every connection and refuses new ones.
    fn stop(&self) {
        for task in self.tasks.lock().unwrap().drain(..) {
            task.abort();
        }
    }

    /// Listens again on the same port.
    async fn resume(&self) {
        self.listen(self.port).await;
    }
}

// Several threads: the relay must keep relaying while the server opens its pool, which it
// does synchronously at start-up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readers_keep_reading_and_the_rest_is_told_to_wait_while_the_database_is_away() {
    match std::env::var(POSTGRES_VAR) {
        Ok(admin_url) => postgres_stops(&admin_url).await,
        Err(_) => sqlite_write_lock_is_kept_elsewhere().await,
    }
}

/// Within about a second (the pool's fail-fast and SQLite's busy timeout both allow ~1 s).
fn answered_soon(started: Instant) {
    let took = started.elapsed();
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

/// The 503 a writer (or any reader of the uncached) gets: a page that explains, and when to
/// come back.
async fn told_to_come_back(res: reqwest::Response, what: &str) {
    assert_eq!(res.status(), 503, "{what}");
    assert_eq!(res.headers().get("retry-after").unwrap(), "5", "{what}");
    let body = res.text().await.unwrap();
    assert!(
        body.contains("Vuelva en un momento"),
        "{what}: a page that explains: {body}"
    );
}

async fn sqlite_write_lock_is_kept_elsewhere() {
    use diesel::connection::SimpleConnection;
    use diesel::{Connection, SqliteConnection};

    let app = spawn_app().await;
    let DatabaseUrl::Sqlite(path) = app.settings.database.url.clone() else {
        unreachable!("SQLite without the PostgreSQL variable")
    };
    let member = app.other_browser();
    member.member("ana").await;
    let thread = member
        .new_thread("educacion", "Un hilo antes del bloqueo", "Hola")
        .await;
    let visitor = app.other_browser();

    // Another process takes the write lock and keeps it.
    let mut other = SqliteConnection::establish(&path.to_string_lossy()).unwrap();
    other.batch_execute("BEGIN IMMEDIATE").unwrap();

    // Everyone still reads every page, at once (the file is there; WAL lets readers in).
    for (who, path) in [
        (&visitor, "/".to_string()),
        (&visitor, format!("/t/{thread}")),
        (&visitor, "/rules".to_string()),
        (&member, "/".to_string()),
        (&member, format!("/t/{thread}")),
    ] {
        let started = Instant::now();
        let (status, doc) = who.get_html(&path).await;
        answered_soon(started);
        assert_eq!(status, 200, "{path}");
        assert!(!texts(&doc, "main").is_empty(), "{path}");
    }
    // A write is told to come back, within about a second, and nothing half-done is kept.
    for _ in 0..2 {
        let started = Instant::now();
        let token = member.csrf_token(&format!("/t/{thread}")).await;
        let res = member
            .client
            .post(format!("{}/t/{thread}/reply", app.address))
            .form(&[
                ("csrf_token", token.as_str()),
                ("body", "Durante el bloqueo"),
            ])
            .send()
            .await
            .unwrap();
        answered_soon(started);
        told_to_come_back(res, "a reply while the lock is held").await;
    }

    // The lock is released: writing works again by itself.
    other.batch_execute("ROLLBACK").unwrap();
    assert_eq!(
        member
            .reply(thread, "Después del bloqueo", None)
            .await
            .status,
        303
    );
    let (_, doc) = visitor.get_html(&format!("/t/{thread}")).await;
    let bodies = texts(&doc, ".body").join("\n");
    assert!(bodies.contains("Después del bloqueo"), "{bodies}");
    assert!(!bodies.contains("Durante el bloqueo"), "{bodies}");
}

async fn postgres_stops(admin_url: &str) {
    let admin: url::Url = admin_url.parse().unwrap();
    let target = format!(
        "{}:{}",
        admin.host_str().unwrap(),
        admin.port().unwrap_or(5432)
    );
    let relay = Relay::start(&target).await;
    let port = relay.port;
    let app = spawn_app_with(move |s| {
        if let DatabaseUrl::Postgres(url) = &s.database.url {
            let mut url: url::Url = url.parse().unwrap();
            url.set_port(Some(port)).unwrap();
            s.database.url = DatabaseUrl::Postgres(url.to_string());
        }
    })
    .await;
    let member = app.other_browser();
    member.member("ana").await;
    let thread = member
        .new_thread("educacion", "Un hilo antes del corte", "Hola")
        .await;
    let visitor = app.other_browser();
    assert_eq!(visitor.get("/").await.status(), 200, "cached now");

    relay.stop();
    let timed = answered_soon;
    // A visitor still reads the cached home page, at once.
    for _ in 0..3 {
        let started = Instant::now();
        let (status, doc) = visitor.get_html("/").await;
        timed(started);
        assert_eq!(status, 200);
        assert!(!texts(&doc, ".board").is_empty());
    }
    // What was never cached, and members' pages, answer 503 with Retry-After, at once.
    for (who, path) in [
        (&visitor, format!("/t/{thread}")),
        (&visitor, "/rules".to_string()),
        (&member, "/".to_string()),
    ] {
        let started = Instant::now();
        let res = who.get(&path).await;
        timed(started);
        told_to_come_back(res, &path).await;
    }
    assert_eq!(app.get("/healthz").await.status(), 503);

    // It comes back by itself.
    relay.resume().await;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let status = member.get("/").await.status();
        if status == 200 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "still {status} after the database returned"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(member.logged_in_as().await.as_deref(), Some("ana"));
    assert_eq!(
        member.reply(thread, "Después del corte", None).await.status,
        303
    );
    assert_eq!(visitor.get("/rules").await.status(), 200);
}

/// A busy SQLite file is not an outage: writers of one process take turns, so three
/// transactions that each keep the write lock 0.6 s all succeed, though together they outlast
/// the 1 s busy timeout that tells a lock kept by another process.
#[tokio::test]
async fn writers_of_one_process_take_turns_however_long_the_queue() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = crate::helpers::test_settings();
    settings.database.url = DatabaseUrl::Sqlite(dir.path().join("turns.db"));
    let pool = tertulia::startup::open_pool(&settings).unwrap();
    tertulia::startup::migrate(&pool).await.unwrap();
    let started = Instant::now();
    let writes = (0..3).map(|_| {
        let pool = pool.clone();
        async move {
            pool.run(|c| {
                c.in_transaction(|_| {
                    std::thread::sleep(Duration::from_millis(600));
                    Ok::<_, anyhow::Error>(())
                })
            })
            .await
        }
    });
    for result in futures::future::join_all(writes).await {
        result.unwrap();
    }
    assert!(
        started.elapsed() >= Duration::from_millis(1800),
        "they took turns"
    );
}
