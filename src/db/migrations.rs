//! Embedded migrations, one folder per backend with the same version names.

use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::DbConn;

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Applies every pending migration; returns how many ran.
pub fn run_pending(conn: &mut DbConn) -> anyhow::Result<usize> {
    let applied = match conn {
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE).map(|v| v.len()),
        DbConn::Pg(c) => c.run_pending_migrations(POSTGRES).map(|v| v.len()),
    };
    applied.map_err(|e| anyhow::anyhow!("cannot apply database migrations: {e}"))
}

/// The PostgreSQL advisory lock that only Tertulia's set-up (migrations, seeding) takes.
const SETUP_LOCK: i64 = 0x7465_7274_756c_6961;

/// Runs `setup` (migrations and seeding) so that instances starting at once on one database do
/// it one after another. On PostgreSQL a session advisory lock is held meanwhile. On SQLite a
/// second process that meets a half-applied migration, or the write lock, tries again.
pub fn exclusively<T>(
    conn: &mut DbConn,
    mut setup: impl FnMut(&mut DbConn) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    use diesel::connection::SimpleConnection;
    match conn {
        DbConn::Pg(c) => {
            c.batch_execute(&format!("SELECT pg_advisory_lock({SETUP_LOCK})"))?;
            let result = setup(conn);
            if let DbConn::Pg(c) = conn {
                c.batch_execute(&format!("SELECT pg_advisory_unlock({SETUP_LOCK})"))?;
            }
            result
        }
        DbConn::Sqlite(_) => {
            let mut tries = 0;
            loop {
                match setup(conn) {
                    Err(e) if tries < 20 => {
                        tries += 1;
                        tracing::debug!(error = %e, "database set-up raced another process; again");
                        std::thread::sleep(std::time::Duration::from_millis(100 * tries));
                    }
                    result => return result,
                }
            }
        }
    }
}
