//! The only place that knows diesel: the two-backend connection, its pool, migrations, schema
//! and one module of queries per table.

pub mod boards;
pub mod bulk;
pub mod consultations;
pub mod digests;
pub mod email_tokens;
pub mod exports;
pub mod ignores;
pub mod inbound_messages;
pub mod introspect;
mod migrations;
pub mod moderation;
pub mod notifications;
pub mod outbox;
pub mod personal;
pub mod posts;
mod prepared;
pub mod rate_events;
pub mod retention;
pub mod schema;
pub mod search;
pub mod sessions;
pub mod site_settings;
pub mod stakeholders;
pub mod subscriptions;
pub mod supports;
pub mod thread_reads;
pub mod threads;
pub mod transparency;
mod types;
pub mod users;
pub mod watches;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, RunQueryDsl};

use crate::config::DatabaseUrl;

pub use diesel::result::Error as DbError;
pub use diesel::QueryResult;
pub use migrations::{exclusively as exclusively_for_setup, run_pending as run_migrations};
pub use prepared::{paged, prepared};

/// Inserts `values` into `table` unless a unique index already holds such a row; evaluates to
/// true when inserted and returns a database error from the caller. (Concurrent duplicates
/// are ignored by the database, not refused with an error.)
macro_rules! insert_unless_present {
    ($conn:expr, $table:expr, $values:expr) => {{
        let inserted = match $conn {
            DbConn::Pg(c) => diesel::insert_into($table)
                .values($values)
                .on_conflict_do_nothing()
                .execute(c)?,
            DbConn::Sqlite(c) => diesel::insert_or_ignore_into($table)
                .values($values)
                .execute(c)?,
        };
        inserted == 1
    }};
}
pub(crate) use insert_unless_present;

/// One database connection, PostgreSQL or SQLite, chosen by the configured URL.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

impl DbConn {
    /// Runs `f` inside one write transaction (services only) that changes what visitors may
    /// see, and moves the content version, which every instance compares before serving a
    /// cached page, so no page rendered before the write is served after it.
    ///
    /// On SQLite the version row is bumped first, inside the transaction: that first write
    /// takes the write lock, so concurrent writers wait for each other instead of failing when
    /// a reader tries to become a writer, and readers see the new version with the write.
    /// Writers of this process take turns before they begin (see [`WriteTurn`]), so only
    /// another process's lock can make one wait the busy timeout.
    ///
    /// On PostgreSQL writers do not queue: the version is a sequence, moved after the
    /// outermost transaction commits (see [`VisibleWrite`]). A page read at the old version
    /// may have been rendered from before the commit; it is never served after the move, and
    /// the move comes before the writer's answer.
    pub fn in_transaction<T, E, F>(&mut self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E>,
        E: From<DbError>,
    {
        match self {
            DbConn::Sqlite(_) => self.sqlite_write(BUMP_VERSION, f),
            DbConn::Pg(_) => VisibleWrite::run(self, |c| {
                VisibleWrite::mark();
                c.transaction(f)
            }),
        }
    }
}

impl DbConn {
    /// Runs `f` inside one write transaction that changes nothing a visitor sees (queued mail,
    /// watch positions, sessions, failed logins), so cached pages stay valid on every
    /// instance. On SQLite it first takes the write lock with a write that changes nothing,
    /// for the reason `in_transaction` does.
    pub fn in_unseen_transaction<T, E, F>(&mut self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E>,
        E: From<DbError>,
    {
        match self {
            DbConn::Sqlite(_) => self.sqlite_write(TAKE_WRITE_LOCK, f),
            // A visible write nested inside still moves the version once this one commits.
            DbConn::Pg(_) => VisibleWrite::run(self, |c| c.transaction(f)),
        }
    }
}

impl DbConn {
    /// A SQLite write transaction whose first statement, `first`, takes the write lock, in
    /// this process's turn (see [`WriteTurn`]).
    fn sqlite_write<T, E, F>(&mut self, first: &str, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E>,
        E: From<DbError>,
    {
        let _turn = WriteTurn::take(self);
        self.transaction(|c| {
            c.batch_execute(first)?;
            f(c)
        })
    }
}

thread_local! {
    /// Whether the PostgreSQL transaction this thread is in has made a visible write.
    static VISIBLE_WRITE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The content version's move on PostgreSQL, after the outermost transaction commits. Moving
/// it inside the transaction would hold a lock every writer of every instance queues on (an
/// updated row) or, with a sequence, let a reader see the new version before the write is
/// visible and keep a stale page under it.
struct VisibleWrite;

impl VisibleWrite {
    /// Notes that the current transaction changes what visitors see.
    fn mark() {
        VISIBLE_WRITE.with(|v| v.set(true));
    }

    /// Runs `work`; when it was the outermost transaction and it committed a visible write,
    /// moves the version. A failed move is logged: the write stands, and cached pages catch
    /// up with the next write.
    fn run<T, E>(
        conn: &mut DbConn,
        work: impl FnOnce(&mut DbConn) -> Result<T, E>,
    ) -> Result<T, E> {
        use diesel::connection::TransactionManager;
        let status =
            <DbConn as Connection>::TransactionManager::transaction_manager_status_mut(conn);
        let outermost = matches!(status.transaction_depth(), Ok(None));
        if !outermost {
            return work(conn);
        }
        VISIBLE_WRITE.with(|v| v.set(false));
        let out = work(conn);
        let visible = VISIBLE_WRITE.with(|v| v.replace(false));
        if out.is_ok() && visible {
            if let Err(e) = note_content_changed(conn) {
                tracing::error!(error = %e, "the content version could not be moved after a write");
            }
        }
        out
    }
}

thread_local! {
    /// The write turns of the SQLite pool whose connection this thread is using, if any.
    static POOL_TURNS: std::cell::RefCell<Option<Arc<WriteTurns>>> =
        const { std::cell::RefCell::new(None) };
    /// Whether this thread holds a turn (a transaction inside a transaction takes none).
    static HOLDING_TURN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The turns of one SQLite pool's writers.
type WriteTurns = tokio::sync::Mutex<()>;

/// One SQLite writer of this process at a time. SQLite has one write lock per file and its
/// busy timeout is short (a lock kept by another process is told in a second, see
/// `SQLITE_SETUP`); writers of the same process queue here instead, however many there are
/// and however slow the machine, so only another process can make a write wait it out.
struct WriteTurn {
    _guard: tokio::sync::OwnedMutexGuard<()>,
}

impl WriteTurn {
    /// Waits for this pool's turn when `conn` is SQLite, the thread works for a pool (see
    /// `Pool::run`) and it holds no turn yet.
    fn take(conn: &DbConn) -> Option<WriteTurn> {
        if !matches!(conn, DbConn::Sqlite(_)) || HOLDING_TURN.with(|h| h.get()) {
            return None;
        }
        let turns = POOL_TURNS.with(|t| t.borrow().clone())?;
        // `Pool::run` runs on a blocking thread, where waiting is allowed.
        let guard = turns.blocking_lock_owned();
        HOLDING_TURN.with(|h| h.set(true));
        Some(WriteTurn { _guard: guard })
    }
}

impl Drop for WriteTurn {
    fn drop(&mut self) {
        HOLDING_TURN.with(|h| h.set(false));
    }
}

/// Marks the current thread as working for a pool's writers until dropped.
struct ForPool;

impl ForPool {
    fn enter(turns: Option<Arc<WriteTurns>>) -> Self {
        POOL_TURNS.with(|t| *t.borrow_mut() = turns);
        ForPool
    }
}

impl Drop for ForPool {
    fn drop(&mut self) {
        POOL_TURNS.with(|t| *t.borrow_mut() = None);
    }
}

const TAKE_WRITE_LOCK: &str =
    "UPDATE site_settings SET value = value WHERE key = 'content_version'";

const BUMP_VERSION: &str = "UPDATE site_settings \
    SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE key = 'content_version'";

/// The content version: it changes with every write visitors can see.
pub fn content_version(conn: &mut DbConn) -> QueryResult<i64> {
    match conn {
        DbConn::Pg(c) => {
            #[derive(diesel::QueryableByName)]
            struct Version {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                last_value: i64,
            }
            let read: Version =
                prepared(diesel::sql_query("SELECT last_value FROM content_version"))
                    .get_result(c)?;
            Ok(read.last_value)
        }
        DbConn::Sqlite(_) => Ok(site_settings::find(conn, "content_version")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)),
    }
}

/// Moves the content version by hand (tests and tools that write with plain SQL): on
/// PostgreSQL call it after the write committed.
pub fn note_content_changed(conn: &mut DbConn) -> QueryResult<()> {
    match conn {
        DbConn::Pg(c) => c.batch_execute("SELECT nextval('content_version')"),
        DbConn::Sqlite(c) => c.batch_execute(BUMP_VERSION),
    }
}

/// Why a connection could not be opened, with the backend's own words.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("cannot connect to the database: {0}")]
    Connection(#[from] diesel::ConnectionError),
    #[error("cannot prepare the database: {0}")]
    Setup(#[from] DbError),
    #[error("cannot create the database folder {0}: {1}")]
    Folder(String, std::io::Error),
}

/// Opens connections for r2d2, picking the backend from the URL so errors stay precise.
#[derive(Debug, Clone)]
pub struct Manager {
    url: DatabaseUrl,
    /// Statements run through this pool's connections (diesel's instrumentation).
    queries: Arc<AtomicU64>,
    health: Arc<Health>,
}

/// Counts statements, and notices when another process keeps a SQLite file's write lock (a
/// statement failing with "database is locked") and when writes succeed again.
fn instrumentation(
    queries: &Arc<AtomicU64>,
    health: &Arc<Health>,
) -> impl diesel::connection::Instrumentation {
    use diesel::connection::InstrumentationEvent;
    let (queries, health) = (queries.clone(), health.clone());
    move |event: InstrumentationEvent<'_>| match event {
        InstrumentationEvent::StartQuery { .. } => {
            queries.fetch_add(1, Ordering::Relaxed);
        }
        InstrumentationEvent::FinishQuery { error: Some(e), .. } if is_locked(e) => {
            health.mark_locked()
        }
        InstrumentationEvent::FinishQuery {
            query, error: None, ..
        } if health.is_locked() => {
            let sql = query.to_string();
            let verb = sql.trim_start().get(..6).unwrap_or_default();
            if ["INSERT", "UPDATE", "DELETE"]
                .iter()
                .any(|w| verb.eq_ignore_ascii_case(w))
            {
                health.mark_unlocked();
            }
        }
        _ => {}
    }
}

/// SQLite's answer when another connection (often another process: a backup, a shell left
/// in a transaction) has held the write lock for longer than the busy timeout.
pub fn is_locked(e: &DbError) -> bool {
    matches!(e, DbError::DatabaseError(_, info) if info.message() == "database is locked")
}

/// The busy timeout is how long a writer waits for SQLite's write lock: far longer than any
/// of Tertulia's write transactions, short enough that a writer is told to come back (503)
/// within a second when another process keeps the lock.
const SQLITE_SETUP: &str = "PRAGMA busy_timeout = 1000;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;
PRAGMA mmap_size = 268435456;";

/// Sets what every SQLite connection of this process shares, before its first one opens:
///
/// - Memory statistics off: they take one global mutex on every allocation, which serialises
///   all connections of the process.
/// - Plans that do not depend on bound values (SQLite's "query planner stability guarantee").
///   Otherwise a statement whose plan might change with a value (a `LIMIT ?`, a column
///   compared with a partial index's literal, a sampled statistic) is compiled again each
///   time a value is bound: the kept statements of the session lookup and of `.first()`
///   queries were parsed and planned anew on every request, a fifth of a member's thread page.
fn sqlite_process_settings() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: sqlite3_config is called once, before this process opens a connection
        // through the pool; if SQLite was already initialised it only answers SQLITE_MISUSE.
        let rc = unsafe {
            libsqlite3_sys::sqlite3_config(
                libsqlite3_sys::SQLITE_CONFIG_MEMSTATUS,
                0 as std::os::raw::c_int,
            )
        };
        if rc != libsqlite3_sys::SQLITE_OK {
            tracing::debug!(rc, "SQLite memory statistics stay on (already initialised)");
        }
        // SAFETY: registers a function with the signature SQLite expects; it runs for every
        // connection opened after this, on the opening thread.
        let rc = unsafe { libsqlite3_sys::sqlite3_auto_extension(Some(stable_plans)) };
        if rc != libsqlite3_sys::SQLITE_OK {
            tracing::warn!(
                rc,
                "SQLite plans will follow bound values (slower kept statements)"
            );
        }
    });
}

/// Run by SQLite for each new connection: its plans stop depending on bound values.
unsafe extern "C" fn stable_plans(
    db: *mut libsqlite3_sys::sqlite3,
    _error: *mut *mut std::os::raw::c_char,
    _api: *const libsqlite3_sys::sqlite3_api_routines,
) -> std::os::raw::c_int {
    // SAFETY: `db` is the connection SQLite is opening; the option takes an int and an
    // optional out-pointer.
    unsafe {
        libsqlite3_sys::sqlite3_db_config(
            db,
            libsqlite3_sys::SQLITE_DBCONFIG_ENABLE_QPSG,
            1 as std::os::raw::c_int,
            std::ptr::null_mut::<std::os::raw::c_int>(),
        );
    }
    libsqlite3_sys::SQLITE_OK
}

/// Initialises the TLS library PostgreSQL connections use, asking it not to clean up at exit.
///
/// By default OpenSSL frees its global state from an `atexit` handler while the process's other
/// threads may still be using it (a pool refilling itself, a server thread mid-query): the
/// process then dies of a segmentation fault on its way out, after its work is done. Initialised
/// here first, before libpq initialises it, the handler is never registered. Call it before the
/// first PostgreSQL connection of the process; later calls do nothing.
pub fn init_tls() {
    openssl_sys::init();
}

impl Manager {
    fn open(&self) -> Result<DbConn, ConnectError> {
        match &self.url {
            DatabaseUrl::Postgres(url) => {
                init_tls();
                let mut conn = PgConnection::establish(url)?;
                conn.set_instrumentation(instrumentation(&self.queries, &self.health));
                Ok(DbConn::Pg(conn))
            }
            DatabaseUrl::Sqlite(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)
                        .map_err(|e| ConnectError::Folder(dir.display().to_string(), e))?;
                }
                sqlite_process_settings();
                let mut conn = SqliteConnection::establish(&path.to_string_lossy())?;
                // Turning WAL on needs the file to itself for a moment: while another process
                // sets up a fresh database (its migrations), that waits out the busy timeout
                // and is told "locked". It is tried again, as the set-up itself is.
                let mut tries = 0;
                loop {
                    match conn.batch_execute(SQLITE_SETUP) {
                        Err(e) if is_locked(&e) && tries < 10 => {
                            tries += 1;
                            std::thread::sleep(Duration::from_millis(200));
                        }
                        result => break result?,
                    }
                }
                conn.set_instrumentation(instrumentation(&self.queries, &self.health));
                Ok(DbConn::Sqlite(conn))
            }
        }
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = DbConn;
    type Error = ConnectError;

    fn connect(&self) -> Result<DbConn, ConnectError> {
        self.open()
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), ConnectError> {
        Ok(conn.batch_execute("SELECT 1")?)
    }

    fn has_broken(&self, _conn: &mut DbConn) -> bool {
        false
    }
}

/// A pooled connection.
pub type PooledConn = r2d2::PooledConnection<Manager>;

/// Failure to get a connection or to run a database task.
#[derive(Debug, thiserror::Error)]
pub enum PoolError {
    /// The database cannot be reached (it refused or dropped connections just now).
    #[error("the database is unreachable")]
    Unavailable,
    #[error("no database connection available: {0}")]
    Checkout(#[from] r2d2::Error),
    #[error("database task failed to finish: {0}")]
    Join(#[from] tokio::task::JoinError),
}

/// The connection pool shared by the whole process.
#[derive(Clone)]
pub struct Pool {
    inner: r2d2::Pool<Manager>,
    health: Arc<Health>,
    queries: Arc<AtomicU64>,
    /// SQLite: the turns of this process's writers.
    turns: Option<Arc<WriteTurns>>,
}

impl Pool {
    /// Tells this pool (this site) apart from others in the same process.
    pub fn id(&self) -> usize {
        Arc::as_ptr(&self.queries) as usize
    }

    /// Opens a pool; the first connection is made now so a wrong URL fails at start-up.
    pub fn open(url: &DatabaseUrl) -> Result<Self, ConnectError> {
        let queries = Arc::new(AtomicU64::new(0));
        let health = Arc::<Health>::default();
        let manager = Manager {
            url: url.clone(),
            queries: queries.clone(),
            health: health.clone(),
        };
        let size = match url {
            DatabaseUrl::Sqlite(_) => 4,
            DatabaseUrl::Postgres(_) => 10,
        };
        manager.open()?;
        let inner = r2d2::Pool::builder()
            .max_size(size)
            .min_idle(Some(1))
            .connection_timeout(Duration::from_secs(10))
            .build_unchecked(manager);
        Ok(Self {
            inner,
            health,
            queries,
            turns: matches!(url, DatabaseUrl::Sqlite(_)).then(Default::default),
        })
    }

    /// How long the database has been unreachable, if it is.
    pub fn unreachable_for(&self) -> Option<Duration> {
        self.health.down_since().map(|t| t.elapsed())
    }

    /// How many SQL statements this pool's connections have run so far.
    pub fn query_count(&self) -> u64 {
        self.queries.load(Ordering::Relaxed)
    }

    /// Checks a connection out, blocking; for the CLI and for code already off the executor.
    pub fn get(&self) -> Result<PooledConn, r2d2::Error> {
        self.inner.get()
    }

    /// Runs `f` with a connection on the blocking thread pool, keeping the caller's span.
    pub async fn run<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<PoolError> + Send + 'static,
    {
        let (pool, health) = (self.inner.clone(), self.health.clone());
        let turns = self.turns.clone();
        let span = tracing::Span::current();
        tokio::task::spawn_blocking(move || {
            let _entered = span.enter();
            let _for_pool = ForPool::enter(turns);
            let mut conn = health.checkout(&pool)?;
            f(&mut conn)
        })
        .await
        .map_err(PoolError::from)?
    }
}

/// Whether the database answered lately, for one pool. While it does not, requests fail at
/// once (503) instead of each waiting for the pool's timeout, one of them a second tries it
/// again, and the outage is logged once when it starts and once when it ends.
/// On SQLite the file cannot go away, but another process can keep its write lock: readers
/// go on (WAL), writers are answered 503 after the busy timeout, and the episode is logged
/// once when it starts and once when writes succeed again.
#[derive(Default)]
struct Health {
    state: std::sync::Mutex<HealthState>,
    /// Whether SQLite's write lock is held elsewhere (a cheap check on every statement).
    locked: std::sync::atomic::AtomicBool,
}

impl std::fmt::Debug for Health {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Health")
            .field("down_since", &self.down_since())
            .field("locked", &self.is_locked())
            .finish()
    }
}

#[derive(Default)]
struct HealthState {
    down_since: Option<std::time::Instant>,
    last_probe: Option<std::time::Instant>,
    locked_since: Option<std::time::Instant>,
}

/// How long one wait for a connection lasts before the health is looked at again.
const CHECKOUT_SLICE: Duration = Duration::from_millis(250);
/// How long a request waits for a busy (but reachable) pool.
const CHECKOUT_MAX: Duration = Duration::from_secs(10);
/// While the database is down, how often one request tries it.
const PROBE_EVERY: Duration = Duration::from_secs(1);
/// How long connections must keep failing before the database counts as down (a SQLite file
/// busy for a moment, or one refused connection, is not an outage).
const DOWN_AFTER: Duration = Duration::from_millis(750);

impl Health {
    fn lock(&self) -> std::sync::MutexGuard<'_, HealthState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn down_since(&self) -> Option<std::time::Instant> {
        self.lock().down_since
    }

    /// While down: whether this request is the one that tries again now.
    fn may_probe(&self) -> bool {
        let mut s = self.lock();
        match (s.down_since, s.last_probe) {
            (None, _) => true,
            (Some(_), Some(at)) if at.elapsed() < PROBE_EVERY => false,
            (Some(_), _) => {
                s.last_probe = Some(std::time::Instant::now());
                true
            }
        }
    }

    fn mark_down(&self, why: &str) {
        let mut s = self.lock();
        if s.down_since.is_none() {
            s.down_since = Some(std::time::Instant::now());
            s.last_probe = Some(std::time::Instant::now());
            tracing::error!(
                error = why,
                "the database is unreachable; answering 503 (cached pages for visitors) until it returns"
            );
        }
    }

    fn is_locked(&self) -> bool {
        self.locked.load(Ordering::Relaxed)
    }

    fn mark_locked(&self) {
        let mut s = self.lock();
        if s.locked_since.is_none() {
            s.locked_since = Some(std::time::Instant::now());
            self.locked.store(true, Ordering::Relaxed);
            tracing::error!(
                "the database file's write lock is held by another process; writes answer 503 until it is released"
            );
        }
    }

    fn mark_unlocked(&self) {
        let mut s = self.lock();
        if let Some(since) = s.locked_since.take() {
            self.locked.store(false, Ordering::Relaxed);
            tracing::warn!(
                seconds = since.elapsed().as_secs(),
                "the database file's write lock was released; writing again"
            );
        }
    }

    fn mark_up(&self) {
        let mut s = self.lock();
        if let Some(since) = s.down_since.take() {
            tracing::warn!(
                seconds = since.elapsed().as_secs(),
                "the database is reachable again"
            );
        }
    }

    /// A connection, or `Unavailable` as soon as the database is known to be unreachable.
    fn checkout(&self, pool: &r2d2::Pool<Manager>) -> Result<PooledConn, PoolError> {
        if !self.may_probe() {
            return Err(PoolError::Unavailable);
        }
        let started = std::time::Instant::now();
        loop {
            match pool.get_timeout(CHECKOUT_SLICE) {
                Ok(conn) => {
                    self.mark_up();
                    return Ok(conn);
                }
                Err(e) => {
                    // r2d2 names the last connection error when it could not make one; a
                    // plain timeout only means every connection is busy.
                    let text = e.to_string();
                    if self.down_since().is_some() {
                        return Err(PoolError::Unavailable);
                    }
                    if text.contains(": ") && started.elapsed() >= DOWN_AFTER {
                        self.mark_down(&text);
                        return Err(PoolError::Unavailable);
                    }
                    if started.elapsed() >= CHECKOUT_MAX {
                        return Err(PoolError::Checkout(e));
                    }
                }
            }
        }
    }
}

/// A trivial round trip to the database.
pub fn ping(conn: &mut DbConn) -> QueryResult<()> {
    conn.batch_execute("SELECT 1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sqlite_connection_plans_without_looking_at_bound_values() {
        sqlite_process_settings();
        let mut db: *mut libsqlite3_sys::sqlite3 = std::ptr::null_mut();
        let mut on: std::os::raw::c_int = -1;
        // SAFETY: a private in-memory database, opened, asked and closed here.
        unsafe {
            let rc = libsqlite3_sys::sqlite3_open(c":memory:".as_ptr(), &mut db);
            assert_eq!(rc, libsqlite3_sys::SQLITE_OK);
            libsqlite3_sys::sqlite3_db_config(
                db,
                libsqlite3_sys::SQLITE_DBCONFIG_ENABLE_QPSG,
                -1 as std::os::raw::c_int,
                &mut on as *mut std::os::raw::c_int,
            );
            libsqlite3_sys::sqlite3_close(db);
        }
        assert_eq!(on, 1, "a new connection keeps its plans whatever is bound");
    }
}
