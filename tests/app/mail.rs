//! Reading what the application sent: `.eml` files from the file transport, and a real SMTP
//! sink running inside the test.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mail_parser::MessageParser;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// One received message, decoded.
#[derive(Debug, Clone)]
pub struct Received {
    pub raw: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
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

/// A minimal SMTP server that keeps what it receives; it can refuse the first attempts.
#[derive(Clone)]
pub struct SmtpSink {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    refuse_first: Arc<AtomicUsize>,
    refuse_code: u16,
}

impl SmtpSink {
    /// Starts listening before returning, so no send can race it.
    pub async fn start() -> Self {
        Self::start_refusing(0, 451).await
    }

    /// Refuses the first `n` messages with `code` (4xx transient, 5xx permanent).
    pub async fn start_refusing(n: usize, code: u16) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let sink = Self {
            port: listener.local_addr().unwrap().port(),
            received: Arc::default(),
            refuse_first: Arc::new(AtomicUsize::new(n)),
            refuse_code: code,
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
