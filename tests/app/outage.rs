//! The database going away under a running server, and coming back.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tertulia::config::DatabaseUrl;
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::task::JoinHandle;

use crate::helpers::{spawn_app_with, texts, POSTGRES_VAR};

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
    let Ok(admin_url) = std::env::var(POSTGRES_VAR) else {
        eprintln!(
            "== outage test NOT RUN on SQLite: a database file cannot go away under a running \
             server the way a database server can; it runs on PostgreSQL =="
        );
        return;
    };
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
    let timed = |started: Instant| {
        let took = started.elapsed();
        assert!(took < Duration::from_secs(2), "took {took:?}");
    };
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
        assert_eq!(res.status(), 503, "{path}");
        assert_eq!(res.headers().get("retry-after").unwrap(), "5");
        let body = res.text().await.unwrap();
        assert!(
            body.contains("Vuelva en un momento"),
            "a page that explains: {body}"
        );
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
