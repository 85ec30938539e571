//! A private Dovecot for the IMAP tests: its own configuration, TLS certificate (from a test
//! CA), maildir and password file in a temporary directory, listening on a free loopback port;
//! stopped when dropped. Without `dovecot` installed the tests say loudly that they did not
//! run, unless `TERTULIA_IMAP_TESTS=required` (CI) makes that a failure.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// `required` (CI sets it) turns a missing Dovecot into a failure.
const REQUIRED_VAR: &str = "TERTULIA_IMAP_TESTS";

pub const USER: &str = "respuestas";
pub const PASSWORD: &str = "clave de prueba";

/// A running Dovecot with one user and an empty INBOX.
pub struct Dovecot {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

impl Dovecot {
    /// Starts one, or `None` (after saying so) when Dovecot is not installed and not required.
    pub fn start(test: &str) -> Option<Self> {
        let Some(binary) = find_dovecot() else {
            let why = "the dovecot binary is not installed (apt-get install dovecot-imapd)";
            if std::env::var(REQUIRED_VAR).is_ok_and(|v| v == "required" || v == "1") {
                panic!("the IMAP test {test} could not run: {why} ({REQUIRED_VAR}=required)");
            }
            eprintln!("== tertulia IMAP test {test}: NOT RUN: {why} (set {REQUIRED_VAR}=required to make this a failure) ==");
            return None;
        };
        let dir = tempfile::tempdir().expect("a temporary directory");
        // Dovecot's login process runs unprivileged and must reach the sockets in here.
        set_mode(dir.path(), 0o755);
        make_certificates(dir.path());
        let users = Users::for_this_process();
        for sub in ["mail", "home"] {
            let path = dir.path().join(sub);
            std::fs::create_dir(&path).unwrap();
            std::os::unix::fs::chown(&path, Some(users.mail_uid), Some(users.mail_gid)).unwrap();
        }
        std::fs::write(
            dir.path().join("passwd"),
            format!("{USER}:{{PLAIN}}{PASSWORD}::::::\n"),
        )
        .unwrap();
        let port = free_port();
        let config = dir.path().join("dovecot.conf");
        std::fs::write(&config, configuration(dir.path(), port, &users)).unwrap();
        let child = Command::new(binary)
            .arg("-F")
            .arg("-c")
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dovecot starts");
        let dovecot = Self { child, port, dir };
        dovecot.wait_until_listening();
        Some(dovecot)
    }

    /// The CA certificate that signed the server's certificate (for `mail.imap_ca_file`).
    pub fn ca_file(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    /// `imaps://USER:PASSWORD@127.0.0.1:PORT/INBOX`, with `password` instead when given.
    pub fn url(&self, password: Option<&str>) -> String {
        let password = password.unwrap_or(PASSWORD).replace(' ', "%20");
        format!("imaps://{USER}:{password}@127.0.0.1:{}/INBOX", self.port)
    }

    /// What Dovecot logged (for failure messages).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("dovecot.log")).unwrap_or_default()
    }

    fn wait_until_listening(&self) {
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            if started.elapsed() > Duration::from_secs(15) {
                panic!("dovecot did not listen on {}: {}", self.port, self.log());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        // SIGTERM lets the master stop its children; SIGKILL if it does not end soon.
        let pid = self.child.id() as libc::pid_t;
        unsafe { libc::kill(pid, libc::SIGTERM) };
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Who runs what: the current user for everything, except as root, where Dovecot refuses to
/// run its login process (and mail) as root, so `nobody` does those.
struct Users {
    internal: String,
    login: String,
    mail_uid: u32,
    mail_gid: u32,
}

impl Users {
    fn for_this_process() -> Self {
        let me = output("id", &["-un"]);
        if unsafe { libc::geteuid() } != 0 {
            return Self {
                internal: me.clone(),
                login: me,
                mail_uid: unsafe { libc::getuid() },
                mail_gid: unsafe { libc::getgid() },
            };
        }
        Self {
            internal: me,
            login: "nobody".into(),
            mail_uid: output("id", &["-u", "nobody"]).parse().unwrap(),
            mail_gid: output("id", &["-g", "nobody"]).parse().unwrap(),
        }
    }
}

fn configuration(dir: &Path, port: u16, users: &Users) -> String {
    let d = dir.display();
    let Users {
        internal,
        login,
        mail_uid,
        mail_gid,
    } = users;
    format!(
        r#"base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
instance_name = tertulia-test-{port}
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{d}/cert.pem
ssl_key = <{d}/key.pem
default_internal_user = {internal}
default_internal_group = {internal_group}
default_login_user = {login}
first_valid_uid = 0
auth_failure_delay = 0
mail_location = maildir:{d}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_uid} gid={mail_gid} home={d}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    port = {port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
"#,
        internal_group = output("id", &["-gn"]),
    )
}

/// A test CA and a certificate for 127.0.0.1 signed by it (rustls refuses a CA certificate
/// used as the server's own).
fn make_certificates(dir: &Path) {
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    let mut ca = vec!["req", "-x509"];
    ca.extend(ec);
    ca.extend(["-keyout", "ca.key", "-out", "ca.pem", "-days", "2"]);
    ca.extend(["-subj", "/CN=Tertulia test IMAP CA"]);
    let mut leaf = vec!["req", "-x509"];
    leaf.extend(ec);
    leaf.extend(["-keyout", "key.pem", "-out", "cert.pem", "-days", "2"]);
    leaf.extend([
        "-subj",
        "/CN=127.0.0.1",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
    ]);
    leaf.extend(["-addext", "subjectAltName=IP:127.0.0.1"]);
    leaf.extend(["-addext", "basicConstraints=critical,CA:FALSE"]);
    for args in [ca, leaf] {
        let out = Command::new("openssl")
            .args(&args)
            .current_dir(dir)
            .output()
            .expect("openssl runs");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn find_dovecot() -> Option<PathBuf> {
    let path = std::env::var("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/usr/local/sbin".into()])
        .map(|dir| dir.join("dovecot"))
        .find(|candidate| candidate.is_file())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn output(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().expect("it runs");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}
