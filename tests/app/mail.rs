//! Reading what the application sent: `.eml` files from the file transport, and a real SMTP
//! sink running inside the test.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mail_parser::MessageParser;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::watch;

/// One received message, decoded.
#[derive(Debug, Clone)]
pub struct Received {
    pub raw: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub message_id: String,
}

impl Received {
    /// Parses a raw RFC 5322 message.
    pub fn parse(raw: &[u8]) -> Self {
        let msg = MessageParser::default().parse(raw).expect("a MIME message");
        Self {
            raw: String::from_utf8_lossy(raw).into_owned(),
            to: msg
                .to()
                .and_then(|a| a.first())
                .and_then(|a| a.address())
                .unwrap_or_default()
                .to_string(),
            subject: msg.subject().unwrap_or_default().to_string(),
            text: msg.body_text(0).map(|c| c.into_owned()).unwrap_or_default(),
            html: msg.body_html(0).map(|c| c.into_owned()).unwrap_or_default(),
            message_id: msg.message_id().unwrap_or_default().to_string(),
        }
    }

    /// The first link in the text part that starts with `prefix`.
    pub fn link(&self, prefix: &str) -> String {
        let start = self
            .text
            .find(prefix)
            .unwrap_or_else(|| panic!("no link {prefix} in:\n{}", self.text));
        self.text[start..]
            .split_whitespace()
            .next()
            .unwrap()
            .to_string()
    }
}

/// Every `.eml` in `dir`, oldest first.
pub fn read_dir(dir: &Path) -> Vec<Received> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .map(|e| (e.metadata().and_then(|m| m.modified()).ok(), e.path()))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|(_, p)| Received::parse(&std::fs::read(p).unwrap()))
        .collect()
}

/// Waits (up to 10 s) until `dir` holds at least `n` messages.
pub async fn wait_for_files(dir: &Path, n: usize) -> Vec<Received> {
    for _ in 0..200 {
        let found = read_dir(dir);
        if found.len() >= n {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "expected {n} emails in {}, found {}",
        dir.display(),
        read_dir(dir).len()
    );
}

/// A minimal SMTP server that keeps what it receives. It can refuse the first attempts, take
/// its time before accepting each message, and hold every acceptance until released.
///
/// Like a real server, it accepts a message only if the client is still there when it is
/// ready to answer the final dot: a client that hung up earlier did not hand it over.
#[derive(Clone)]
pub struct SmtpSink {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    refuse_first: Arc<AtomicUsize>,
    refuse_code: u16,
    delay: Duration,
    held: Arc<watch::Sender<bool>>,
    waiting: Arc<AtomicUsize>,
}

impl SmtpSink {
    /// Starts listening before returning, so no send can race it.
    pub async fn start() -> Self {
        Self::start_refusing(0, 451).await
    }

    /// Refuses the first `n` messages with `code` (4xx transient, 5xx permanent).
    pub async fn start_refusing(n: usize, code: u16) -> Self {
        Self::start_with(n, code, Duration::ZERO).await
    }

    /// Takes `delay` before accepting each message (a slow or distant server).
    pub async fn start_slow(delay: Duration) -> Self {
        Self::start_with(0, 451, delay).await
    }

    async fn start_with(n: usize, code: u16, delay: Duration) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let sink = Self {
            port: listener.local_addr().unwrap().port(),
            received: Arc::default(),
            refuse_first: Arc::new(AtomicUsize::new(n)),
            refuse_code: code,
            delay,
            held: Arc::new(watch::channel(false).0),
            waiting: Arc::default(),
        };
        let server = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let s = server.clone();
                tokio::spawn(async move {
                    let _ = s.session(stream).await;
                });
            }
        });
        sink
    }

    /// The URL to configure as `mail.smtp_url`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    async fn session(&self, stream: tokio::net::TcpStream) -> std::io::Result<()> {
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read);
        write.write_all(b"220 sink ESMTP\r\n").await?;
        let mut line = String::new();
        loop {
            line.clear();
            if lines.read_line(&mut line).await? == 0 {
                return Ok(());
            }
            let verb = line.trim_end().to_ascii_uppercase();
            if verb.starts_with("EHLO") {
                write.write_all(b"250-sink\r\n250 8BITMIME\r\n").await?;
            } else if verb.starts_with("DATA") {
                write.write_all(b"354 go on\r\n").await?;
                let mut data = Vec::new();
                loop {
                    line.clear();
                    lines.read_line(&mut line).await?;
                    if line == ".\r\n" || line == ".\n" || line.is_empty() {
                        break;
                    }
                    let unstuffed = line.strip_prefix('.').unwrap_or(&line);
                    data.extend_from_slice(unstuffed.as_bytes());
                }
                tokio::time::sleep(self.delay).await;
                self.wait_while_held().await;
                if client_gone(&mut lines).await {
                    return Ok(());
                }
                let refuse = self
                    .refuse_first
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok();
                if refuse {
                    write
                        .write_all(format!("{} try later\r\n", self.refuse_code).as_bytes())
                        .await?;
                } else {
                    self.received.lock().unwrap().push(Received::parse(&data));
                    write.write_all(b"250 queued\r\n").await?;
                }
            } else if verb.starts_with("QUIT") {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            } else if verb.starts_with("RSET")
                || verb.starts_with("NOOP")
                || verb.starts_with("HELO")
                || verb.starts_with("MAIL")
                || verb.starts_with("RCPT")
            {
                write.write_all(b"250 ok\r\n").await?;
            } else {
                write.write_all(b"502 not here\r\n").await?;
            }
        }
    }

    /// From now on, messages wait before being accepted (until `release`).
    pub fn hold(&self) {
        self.held.send_replace(true);
    }

    /// Lets held messages go on.
    pub fn release(&self) {
        self.held.send_replace(false);
    }

    /// How many messages are waiting to be accepted.
    pub fn waiting(&self) -> usize {
        self.waiting.load(Ordering::SeqCst)
    }

    async fn wait_while_held(&self) {
        let mut held = self.held.subscribe();
        self.waiting.fetch_add(1, Ordering::SeqCst);
        let _ = held.wait_for(|h| !*h).await;
        self.waiting.fetch_sub(1, Ordering::SeqCst);
    }

    /// What arrived so far.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits (up to 15 s) until at least `n` messages arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        for _ in 0..300 {
            if self.received().len() >= n {
                return self.received();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "expected {n} messages at the SMTP sink, got {}",
            self.received().len()
        );
    }
}

/// Whether the client closed the connection (nothing more to read, or a reset) rather than
/// waiting for our answer.
async fn client_gone<R: tokio::io::AsyncBufRead + Unpin>(lines: &mut R) -> bool {
    match tokio::time::timeout(Duration::from_millis(5), lines.fill_buf()).await {
        Err(_) => false,
        Ok(Ok(buf)) => buf.is_empty(),
        Ok(Err(_)) => true,
    }
}
