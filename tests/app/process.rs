//! The `tertulia` binary as an operator runs it: one-off commands, and `serve` processes that a
//! test can start, kill with SIGKILL and start again.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};

use diesel::dsl::sql;
use diesel::sql_types::BigInt;
use diesel::{Connection, PgConnection, RunQueryDsl, SqliteConnection};

/// The binary with a clean environment plus `env`.
pub fn tertulia(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tertulia"));
    cmd.args(args).env_clear().env("RUST_LOG", "warn");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// Runs a command to its end.
pub fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    tertulia(args, env).output().expect("the binary runs")
}

/// Runs a command that must succeed; returns what it printed.
pub fn run_ok(args: &[&str], env: &[(&str, &str)]) -> String {
    let out = run(args, env);
    assert!(
        out.status.success(),
        "tertulia {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A `tertulia serve` process; killed (SIGKILL) when dropped.
pub struct Server {
    child: Child,
    pub address: String,
    /// Where the process writes its log (read back when it fails to start).
    _log: tempfile::NamedTempFile,
}

impl Server {
    /// Starts `tertulia [global args] serve --bind 127.0.0.1:0` and waits for its address.
    pub fn start(global: &[&str], env: &[(&str, &str)]) -> Self {
        let mut args = global.to_vec();
        args.extend(["serve", "--bind", "127.0.0.1:0"]);
        let log = tempfile::NamedTempFile::new().expect("a log file");
        let mut child = tertulia(&args, env)
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log.reopen().expect("the log file")))
            .spawn()
            .expect("the binary runs");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let address = line
            .trim()
            .strip_prefix("Tertulia listening on ")
            .unwrap_or_else(|| {
                let _ = child.wait();
                let said = std::fs::read_to_string(log.path()).unwrap_or_default();
                panic!("unexpected first line: {line:?}; the process said: {said}")
            })
            .to_string();
        Self {
            child,
            address,
            _log: log,
        }
    }

    /// Ends the process at once, as a power cut or the OOM killer would (SIGKILL).
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One number from the database at `url`, e.g. `SELECT count(*) FROM outbox`.
pub fn scalar(url: &str, query: &str) -> i64 {
    let select = diesel::select(sql::<BigInt>(&format!("({query})")));
    if let Some(path) = url.strip_prefix("sqlite://") {
        let mut c = SqliteConnection::establish(path).unwrap();
        select.get_result(&mut c).unwrap()
    } else {
        let mut c = PgConnection::establish(url).unwrap();
        select.get_result(&mut c).unwrap()
    }
}
