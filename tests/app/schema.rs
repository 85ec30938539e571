//! Migrations: idempotent, and the same schema on both backends.

use std::io::Write;

use tertulia::config::DatabaseUrl;
use tertulia::db::introspect::{list_columns, ColumnInfo};
use tertulia::db::Pool;
use tertulia::startup::{migrate, open_pool};

use crate::helpers::{test_settings, TestDatabase, POSTGRES_VAR};

#[tokio::test]
async fn migrations_run_once_and_then_find_nothing_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDatabase::create(dir.path());
    let mut settings = test_settings();
    settings.database.url = db.url();
    let pool = open_pool(&settings).unwrap();
    assert!(migrate(&pool).await.unwrap() > 0);
    assert_eq!(migrate(&pool).await.unwrap(), 0);
}

async fn columns(url: DatabaseUrl) -> Vec<ColumnInfo> {
    let mut settings = test_settings();
    settings.database.url = url;
    let pool = open_pool(&settings).unwrap();
    migrate(&pool).await.unwrap();
    pool.run(|c| list_columns(c).map_err(anyhow::Error::from))
        .await
        .unwrap()
}

#[tokio::test]
async fn both_backends_have_the_same_tables_and_columns() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = columns(DatabaseUrl::Sqlite(dir.path().join("s.db"))).await;
    assert!(sqlite
        .iter()
        .any(|c| c.table_name == "boards" && c.column_name == "slug"));
    if std::env::var(POSTGRES_VAR).is_err() {
        let _ = writeln!(
            std::io::stderr(),
            "== schema comparison with PostgreSQL NOT run: {POSTGRES_VAR} is not set =="
        );
        return;
    }
    let db = TestDatabase::create(dir.path());
    let postgres = columns(db.url()).await;
    assert_eq!(sqlite, postgres);
}

/// The log ids on members and posts are foreign keys on both backends: a row cannot point at
/// a decision that does not exist.
#[tokio::test]
async fn suspensions_and_removals_point_at_real_log_entries() {
    let app = crate::helpers::spawn_app().await;
    app.member("ana").await;
    app.new_thread("educacion", "Un hilo", "Un mensaje").await;
    let pool = app.server.clone().unwrap();
    refuses(
        &pool,
        "a dangling log id",
        [
            "UPDATE users SET suspension_log_id = 999999 WHERE username = 'ana'",
            "UPDATE posts SET moderation_log_id = 999999",
        ],
    )
    .await;
}

/// Asserts that the database refuses each statement (each would change at least one row).
async fn refuses<const N: usize>(pool: &Pool, what: &str, statements: [&'static str; N]) {
    for statement in statements {
        let answer = pool
            .run(move |c| {
                use diesel::connection::SimpleConnection;
                c.batch_execute(statement).map_err(anyhow::Error::from)
            })
            .await;
        assert!(answer.is_err(), "{what} was accepted: {statement}");
    }
}

/// Every stored name (status, role, language, log action, report reason, email kind, digest
/// frequency) is one the code knows: on both backends each column's constraint lets in exactly
/// its type's names, and a write of any other fails.
#[tokio::test]
async fn the_database_refuses_names_the_code_does_not_know() {
    use tertulia::domain::{
        EmailKind, Frequency, Locale, ModAction, NotificationKind, NotifyEmail, Origin, PostStatus,
        ReportReason, Role,
    };
    fn names<T: std::fmt::Display>(all: &[T]) -> Vec<String> {
        all.iter().map(ToString::to_string).collect()
    }
    let app = crate::helpers::spawn_app().await;
    app.member("ana").await;
    app.new_thread("educacion", "Un hilo", "Un mensaje").await;
    let pool = app.server.clone().unwrap();
    let columns = [
        ("users", "role", names(&Role::ALL)),
        ("users", "locale", names(&Locale::ALL)),
        ("threads", "status", names(&PostStatus::ALL)),
        ("posts", "status", names(&PostStatus::ALL)),
        ("flags", "reason", names(&ReportReason::ALL)),
        ("modlog", "action", names(&ModAction::ALL)),
        ("modlog", "origin", names(&Origin::ALL)),
        ("outbox", "kind", names(&EmailKind::ALL)),
        ("outbox", "locale", names(&Locale::ALL)),
        ("subscribers", "locale", names(&Locale::ALL)),
        ("subscriptions", "frequency", names(&Frequency::ALL)),
        ("subscription_requests", "frequency", names(&Frequency::ALL)),
        ("subscription_requests", "locale", names(&Locale::ALL)),
        ("notifications", "kind", names(&NotificationKind::ALL)),
        ("users", "notify_email", names(&NotifyEmail::ALL)),
    ];
    for (table, column, expected) in columns {
        let known = pool
            .run(move |c| {
                tertulia::db::introspect::known_names(c, table, column).map_err(anyhow::Error::from)
            })
            .await
            .unwrap();
        assert_eq!(known, expected, "the names {table}.{column} lets in");
    }
    refuses(
        &pool,
        "an unknown name",
        [
            "UPDATE users SET role = 'root' WHERE username = 'ana'",
            "UPDATE users SET locale = 'fr' WHERE username = 'ana'",
            "UPDATE users SET notify_email = 'daily' WHERE username = 'ana'",
            "UPDATE posts SET status = 'borrador'",
            "UPDATE threads SET status = 'Published'",
        ],
    )
    .await;
}
