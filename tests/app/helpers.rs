//! The test application: a real server, a fresh database, and one helper per endpoint.

use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Once;

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use tempfile::TempDir;
use tertulia::config::{DatabaseUrl, Settings};
use tertulia::startup::{Application, Background};

/// The variable that selects PostgreSQL for the whole suite.
pub const POSTGRES_VAR: &str = "TERTULIA_TEST_POSTGRES_URL";

static ANNOUNCE: Once = Once::new();

/// Says once, past the test harness's capture, which backend this run uses.
fn announce_backend() {
    ANNOUNCE.call_once(|| {
        let line = match std::env::var(POSTGRES_VAR) {
            Ok(_) => "== tertulia tests: running on PostgreSQL ==".to_string(),
            Err(_) => format!(
                "== tertulia tests: running on SQLite only; the PostgreSQL suite was NOT run \
                 (set {POSTGRES_VAR}=postgres://user@host/db to run it) =="
            ),
        };
        let _ = writeln!(std::io::stderr(), "{line}");
    });
}

/// A database that exists for one test and is removed afterwards.
pub enum TestDatabase {
    Sqlite(PathBuf),
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    /// A fresh, empty database on the backend this run uses.
    pub fn create(dir: &Path) -> Self {
        announce_backend();
        match std::env::var(POSTGRES_VAR) {
            Ok(admin_url) => {
                tertulia::db::init_tls();
                let name = format!("tertulia_test_{}", random_suffix());
                let mut admin = PgConnection::establish(&admin_url)
                    .unwrap_or_else(|e| panic!("{POSTGRES_VAR} cannot be reached: {e}"));
                admin
                    .batch_execute(&format!("CREATE DATABASE \"{name}\""))
                    .expect("create the test database");
                TestDatabase::Postgres { admin_url, name }
            }
            Err(_) => TestDatabase::Sqlite(dir.join("tertulia.db")),
        }
    }

    /// Its URL as the application takes it.
    pub fn url(&self) -> DatabaseUrl {
        match self {
            TestDatabase::Sqlite(path) => DatabaseUrl::Sqlite(path.clone()),
            TestDatabase::Postgres { admin_url, name } => {
                let mut url = url::Url::parse(admin_url).expect("a postgres URL");
                url.set_path(&format!("/{name}"));
                DatabaseUrl::Postgres(url.to_string())
            }
        }
    }

    /// Its URL as written in configuration.
    pub fn url_string(&self) -> String {
        match self.url() {
            DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
            DatabaseUrl::Postgres(url) => url,
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let TestDatabase::Postgres { admin_url, name } = self {
            if let Ok(mut admin) = PgConnection::establish(admin_url) {
                let _ = admin
                    .batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
            }
        }
    }
}

fn random_suffix() -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..12)
        .map(|_| char::from(b'a' + rng.random_range(0..26u8)))
        .collect()
}

/// The settings every test starts from: `config/test.toml`.
pub fn test_settings() -> Settings {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/test.toml");
    Settings::load_from(Some(&file), &[]).expect("config/test.toml is valid")
}

/// One message in the outbox, as tests look at it.
#[derive(Debug, diesel::QueryableByName)]
pub struct OutboxRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub recipient: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub kind: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub status: String,
    #[diesel(sql_type = diesel::sql_types::Timestamp)]
    pub next_attempt_at: chrono::NaiveDateTime,
}

/// A running server and a browser-like client with its own cookie jar.
#[allow(dead_code)] // the database and folder live as long as the app; later tests read them
pub struct TestApp {
    pub server: Option<tertulia::db::Pool>,
    /// Whether the server's background jobs are off (the test runs them).
    pub jobs_off: bool,
    pub address: String,
    pub client: reqwest::Client,
    pub settings: Settings,
    pub db: TestDatabase,
    pub dir: TempDir,
}

/// Starts the application on a random port with a fresh database.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like `spawn_app`, with settings adjusted first.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    spawn(adjust, Background::Run).await
}

/// A server whose background jobs never run on their own: mail leaves only when the test
/// calls `deliver_mail()` or `run_jobs()`.
pub async fn spawn_app_without_jobs(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    spawn(adjust, Background::Off).await
}

async fn spawn(adjust: impl FnOnce(&mut Settings), background: Background) -> TestApp {
    if std::env::var("TEST_LOG").is_ok() {
        tertulia::telemetry::init();
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = TestDatabase::create(dir.path());
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = listener.local_addr().unwrap().port();
    let address = format!("http://127.0.0.1:{port}");
    let mut settings = test_settings();
    settings.database.url = db.url();
    settings.server.bind = listener.local_addr().unwrap();
    settings.site.base_url = address.parse().unwrap();
    settings.mail.dir = dir.path().join("mail");
    adjust(&mut settings);
    let app = Application::build_with(settings.clone(), listener, background)
        .await
        .expect("the application starts");
    let server = Some(app.pool());
    tokio::spawn(app.run_until_stopped());
    TestApp {
        server,
        jobs_off: background == Background::Off,
        address,
        client: client(),
        settings,
        db,
        dir,
    }
}

/// A client that keeps cookies and does not follow redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        // Shorter than the server's keep-alive, so an idle connection is never reused just as
        // the server closes it.
        .pool_idle_timeout(std::time::Duration::from_secs(2))
        .build()
        .unwrap()
}

impl TestApp {
    /// GET a path on this server.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("the server answers")
    }

    /// GET a path and return status and body.
    pub async fn get_html(&self, path: &str) -> (u16, scraper::Html) {
        let res = self.get(path).await;
        let status = res.status().as_u16();
        (
            status,
            scraper::Html::parse_document(&res.text().await.unwrap()),
        )
    }

    /// `GET /`
    pub async fn home(&self) -> (u16, scraper::Html) {
        self.get_html("/").await
    }

    /// `GET /b/{slug}`
    pub async fn board(&self, slug: &str) -> (u16, scraper::Html) {
        self.get_html(&format!("/b/{slug}")).await
    }
}

/// The texts of every element matching `selector`.
pub fn texts(doc: &scraper::Html, selector: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// The value of `attr` on the first element matching `selector`.
pub fn attr(doc: &scraper::Html, selector: &str, attr: &str) -> Option<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .next()
        .and_then(|e| e.value().attr(attr).map(str::to_string))
}

/// A strong password the tests use.
pub const PASSWORD: &str = "caballo correcto batería grapa";

/// What a form POST answered.
pub struct Answer {
    pub status: u16,
    pub location: Option<String>,
    pub body: String,
}

impl Answer {
    /// The body as an HTML document.
    pub fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.body)
    }
}

impl TestApp {
    /// The folder the file transport writes to.
    pub fn mail_dir(&self) -> PathBuf {
        self.settings.mail.dir.clone()
    }

    /// Waits for at least `n` emails and returns them, oldest first (delivering what is due
    /// first when the server's jobs are off).
    pub async fn emails(&self, n: usize) -> Vec<crate::mail::Received> {
        if self.jobs_off {
            self.deliver_mail().await;
        }
        crate::mail::wait_for_files(&self.mail_dir(), n).await
    }

    /// Waits for the first email to `to` among those sent after the first `skip`.
    pub async fn email_to(&self, to: &str, skip: usize) -> crate::mail::Received {
        self.first_email(&format!("an email to {to} after the first {skip}"), |all| {
            all.into_iter().skip(skip).find(|m| m.to.contains(to))
        })
        .await
    }

    /// Waits (up to 10 s) until `pick` finds an email among those sent so far.
    pub async fn first_email(
        &self,
        what: &str,
        pick: impl Fn(Vec<crate::mail::Received>) -> Option<crate::mail::Received>,
    ) -> crate::mail::Received {
        for _ in 0..200 {
            if let Some(mail) = pick(self.emails_now()) {
                return mail;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("no {what}");
    }

    /// Delivers every message due now, as the outbox worker does, and returns once none is
    /// left queued or in another worker's hands: what was queued has then been delivered,
    /// and a count of emails after it is exact (no waiting to see that nothing more comes).
    pub async fn deliver_mail(&self) {
        let pool = self.server.clone().expect("an in-process server");
        let worker = tertulia::startup::outbox_worker(&pool, &self.settings).unwrap();
        for _ in 0..400 {
            worker.deliver_due(false).await.expect("delivery runs");
            let now = chrono::Utc::now().naive_utc();
            let pending = self
                .outbox()
                .iter()
                .filter(|m| {
                    m.status == "sending" || (m.status == "queued" && m.next_attempt_at <= now)
                })
                .count();
            if pending == 0 {
                return;
            }
            // Held by the background worker: it finishes within its lease.
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        panic!("mail still pending after 10 s: {:?}", self.outbox());
    }

    /// Runs the background jobs once, to completion, as if their time had come: every watched
    /// thread's batch goes out whatever its age; then the mail is delivered.
    pub async fn run_jobs(&self) {
        let pool = self.server.clone().expect("an in-process server");
        let batch = self.settings.mail.watch_batch_seconds;
        let later =
            chrono::Utc::now().naive_utc() + chrono::TimeDelta::seconds(i64::from(batch) + 1);
        let notices = self.notices().await;
        tertulia::services::watches::flush(&pool, batch, notices.replies.as_ref(), later)
            .await
            .expect("the watch batches run");
        tertulia::services::notifications::flush(&pool, &notices, later)
            .await
            .expect("the notification emails run");
        self.deliver_mail().await;
    }

    /// What the notification emails of this site are made with.
    pub async fn notices(&self) -> tertulia::services::notifications::MailContext {
        let pool = self.server.clone().expect("an in-process server");
        let secret = pool
            .run(|c| tertulia::services::site::ensure_secret(c).map_err(anyhow::Error::from))
            .await
            .unwrap();
        tertulia::services::notifications::MailContext {
            batch_seconds: self.settings.mail.watch_batch_seconds,
            replies: tertulia::services::replies_by_email::ReplyHeaders::new(
                &self.settings,
                &secret,
            ),
            secret,
            base_url: self.settings.site.base_url.to_string(),
        }
    }

    /// Every outbox row (recipient, kind, status), oldest first.
    pub fn outbox(&self) -> Vec<OutboxRow> {
        use diesel::RunQueryDsl;
        diesel::sql_query("SELECT recipient, kind, status, next_attempt_at FROM outbox ORDER BY id")
            .load(&mut self.direct())
            .unwrap()
    }

    /// The emails sent so far.
    pub fn emails_now(&self) -> Vec<crate::mail::Received> {
        crate::mail::read_dir(&self.mail_dir())
    }

    /// The `csrf_token` of the first form on the page at `path`.
    pub async fn csrf_token(&self, path: &str) -> String {
        let (_, doc) = self.get_html(path).await;
        attr(&doc, "input[name=csrf_token]", "value")
            .unwrap_or_else(|| panic!("no csrf_token on {path}"))
    }

    /// POSTs a form as a browser would after loading `form_path` (which supplies the token).
    pub async fn submit(&self, form_path: &str, action: &str, fields: &[(&str, &str)]) -> Answer {
        let token = self.csrf_token(form_path).await;
        let mut body: Vec<(&str, &str)> = vec![("csrf_token", &token)];
        body.extend_from_slice(fields);
        self.post_raw(action, &body).await
    }

    /// POSTs exactly these fields (no token added).
    pub async fn post_raw(&self, action: &str, fields: &[(&str, &str)]) -> Answer {
        let res = self
            .client
            .post(format!("{}{action}", self.address))
            .form(fields)
            .send()
            .await
            .expect("the server answers");
        let status = res.status().as_u16();
        let location = res
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_string());
        Answer {
            status,
            location,
            body: res.text().await.unwrap(),
        }
    }

    /// `POST /register`
    pub async fn register(&self, username: &str, email: &str, password: &str) -> Answer {
        self.submit(
            "/register",
            "/register",
            &[
                ("username", username),
                ("email", email),
                ("password", password),
            ],
        )
        .await
    }

    /// `POST /login`
    pub async fn login(&self, login: &str, password: &str) -> Answer {
        self.submit(
            "/login",
            "/login",
            &[("login", login), ("password", password)],
        )
        .await
    }

    /// `POST /logout` (with the token from the home page's header).
    pub async fn logout(&self) -> Answer {
        self.submit("/", "/logout", &[]).await
    }

    /// `POST /password/forgot`
    pub async fn forgot(&self, email: &str) -> Answer {
        self.submit("/password/forgot", "/password/forgot", &[("email", email)])
            .await
    }

    /// `POST /settings` for one of its forms.
    pub async fn settings(&self, fields: &[(&str, &str)]) -> Answer {
        self.submit("/settings", "/settings", fields).await
    }

    /// The username shown in the header when logged in.
    pub async fn logged_in_as(&self) -> Option<String> {
        let (_, doc) = self.home().await;
        texts(&doc, ".account .me").into_iter().next()
    }

    /// Registers `username`, follows the emailed link, and logs in.
    pub async fn member(&self, username: &str) -> String {
        let email = format!("{username}@example.org");
        let before = self.emails_now().len();
        assert_eq!(self.register(username, &email, PASSWORD).await.status, 303);
        let mail = self.emails(before + 1).await.pop().unwrap();
        let link = mail.link(&self.address);
        // Verifying in the browser that registered signs the member in.
        assert_eq!(self.get(&link[self.address.len()..]).await.status(), 303);
        email
    }

    /// A second browser on the same server.
    pub fn other_browser(&self) -> TestApp {
        TestApp {
            server: self.server.clone(),
            jobs_off: self.jobs_off,
            address: self.address.clone(),
            client: client(),
            settings: self.settings.clone(),
            db: TestDatabase::Sqlite(PathBuf::new()),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// Runs SQL on the test database (to age tokens, for instance).
    pub fn sql(&self, statement: &str) {
        self.direct().batch_execute(statement).unwrap();
    }

    /// A connection of the test's own to the app's database (not from the server's pool,
    /// whose connections the server may be holding), patient with SQLite's write lock.
    pub fn direct(&self) -> tertulia::db::DbConn {
        use tertulia::db::DbConn;
        match self.settings.database.url.clone() {
            DatabaseUrl::Sqlite(path) => {
                let mut c = diesel::SqliteConnection::establish(&path.to_string_lossy()).unwrap();
                c.batch_execute("PRAGMA busy_timeout = 5000").unwrap();
                DbConn::Sqlite(c)
            }
            DatabaseUrl::Postgres(url) => DbConn::Pg(PgConnection::establish(&url).unwrap()),
        }
    }
}

impl TestApp {
    /// `POST /b/{slug}` from the new-thread form; returns the answer.
    pub async fn open_thread(&self, slug: &str, title: &str, body: &str) -> Answer {
        self.submit(
            &format!("/b/{slug}/new"),
            &format!("/b/{slug}"),
            &[("title", title), ("body", body)],
        )
        .await
    }

    /// Opens a thread and returns its id.
    pub async fn new_thread(&self, slug: &str, title: &str, body: &str) -> i64 {
        let answer = self.open_thread(slug, title, body).await;
        assert_eq!(answer.status, 303, "{}", answer.body);
        id_after(answer.location.as_deref().unwrap(), "/t/")
    }

    /// `POST /t/{id}/reply`; returns the answer.
    pub async fn reply(&self, thread: i64, body: &str, parent: Option<i64>) -> Answer {
        let parent = parent.map(|p| p.to_string()).unwrap_or_default();
        self.submit(
            &format!("/t/{thread}"),
            &format!("/t/{thread}/reply"),
            &[("body", body), ("parent_id", &parent)],
        )
        .await
    }

    /// Replies and returns the new post's id.
    pub async fn new_reply(&self, thread: i64, body: &str, parent: Option<i64>) -> i64 {
        let answer = self.reply(thread, body, parent).await;
        assert_eq!(answer.status, 303, "{}", answer.body);
        let location = answer.location.unwrap();
        location.rsplit("#p").next().unwrap().parse().unwrap()
    }

    /// Reports `post` to the moderators from its report page.
    pub async fn report(&self, post: i64, reason: &str, note: &str) -> Answer {
        let page = format!("/p/{post}/flag");
        self.submit(&page, &page, &[("reason", reason), ("note", note)])
            .await
    }

    /// Deletes `post` from its confirmation page, as a member does after tapping "Eliminar".
    pub async fn delete_post(&self, post: i64) -> Answer {
        let page = format!("/p/{post}/delete");
        self.submit(&page, &page, &[("confirm", "1")]).await
    }

    /// `POST /mod/posts/{post}/{action}` (approve, reject, hide…) from the moderation queue.
    pub async fn moderate(&self, post: i64, action: &str, fields: &[(&str, &str)]) -> Answer {
        self.submit("/mod", &format!("/mod/posts/{post}/{action}"), fields)
            .await
    }
}

/// The number after `prefix` in a location like `/t/12` or `/t/12?page=2#p40`.
pub fn id_after(location: &str, prefix: &str) -> i64 {
    location
        .strip_prefix(prefix)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no id in {location}"))
}

impl TestApp {
    /// Creates a verified account with `role` directly (as `tertulia user create` does).
    pub async fn make_user(&self, username: &str, role: tertulia::domain::Role) {
        // The server's own pool: a second one opening the same SQLite file at a busy moment
        // can meet "database is locked".
        let pool = match &self.server {
            Some(pool) => pool.clone(),
            None => tertulia::startup::open_pool(&self.settings).unwrap(),
        };
        tertulia::services::users::create(
            &pool,
            username,
            &format!("{username}@example.org"),
            role,
            PASSWORD,
            tertulia::domain::Locale::Es,
        )
        .await
        .unwrap();
    }

    /// A new browser logged in as a new account with `role`.
    pub async fn browser_as(&self, username: &str, role: tertulia::domain::Role) -> TestApp {
        self.make_user(username, role).await;
        let b = self.other_browser();
        assert_eq!(b.login(username, PASSWORD).await.status, 303);
        b
    }
}

impl TestApp {
    /// A new browser for a server started elsewhere (another process) on `settings`' database.
    pub fn at(address: &str, settings: &Settings) -> TestApp {
        TestApp {
            server: None,
            jobs_off: false,
            address: address.to_string(),
            client: client(),
            settings: settings.clone(),
            db: TestDatabase::Sqlite(PathBuf::new()),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A second server on the same database (another instance of the same site).
    pub async fn second_instance(&self) -> TestApp {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let mut settings = self.settings.clone();
        settings.server.bind = listener.local_addr().unwrap();
        let app = Application::build_on(settings.clone(), listener)
            .await
            .expect("the second instance starts");
        let address = format!("http://127.0.0.1:{}", app.port());
        let server = Some(app.pool());
        tokio::spawn(app.run_until_stopped());
        TestApp {
            server,
            jobs_off: false,
            address,
            client: client(),
            settings,
            db: TestDatabase::Sqlite(PathBuf::new()),
            dir: tempfile::tempdir().unwrap(),
        }
    }
}

impl TestApp {
    /// The fewest SQL statements the server ran for `GET path` over three tries (the mail
    /// worker's occasional poll cannot inflate the minimum).
    pub async fn queries_for(&self, path: &str) -> u64 {
        let pool = self.server.as_ref().expect("a server pool");
        let mut fewest = u64::MAX;
        for n in 0..3 {
            let before = pool.query_count();
            let sep = if path.contains('?') { '&' } else { '?' };
            let res = self.get(&format!("{path}{sep}nocache={n}")).await;
            assert_eq!(res.status(), 200, "{path}");
            res.bytes().await.unwrap();
            fewest = fewest.min(pool.query_count() - before);
        }
        fewest
    }
}
