//! Migrations: idempotent, and the same schema on both backends.

use std::io::Write;

use tertulia::config::DatabaseUrl;
use tertulia::db::introspect::{list_columns, ColumnInfo};
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
    for statement in [
        "UPDATE users SET suspension_log_id = 999999 WHERE username = 'ana'",
        "UPDATE posts SET moderation_log_id = 999999",
    ] {
        let answer = pool
            .run(move |c| {
                use diesel::connection::SimpleConnection;
                c.batch_execute(statement).map_err(anyhow::Error::from)
            })
            .await;
        assert!(
            answer.is_err(),
            "a dangling log id was accepted: {statement}"
        );
    }
}
