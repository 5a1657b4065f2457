//! Nothing at rest can be replayed: a link's token is minted as its mail is sent and only
//! its hash is stored, so after delivery no table, WAL file or log holds a token that
//! still works. The activation link's 24 hours count from sending.

use sqlx::Row;

use crate::helpers::{judo_form, spawn_app, token_of, Backend, TestApp};
use crate::on_both_backends;

/// Every byte the database keeps, as text: SQLite's files (with the WAL), or every row of
/// every table on PostgreSQL.
async fn everything_stored(app: &TestApp) -> String {
    match app.backend {
        Backend::Sqlite => {
            let mut all = String::new();
            for entry in std::fs::read_dir(app.data_dir.path()).expect("data dir") {
                let path = entry.expect("entry").path();
                if let Ok(bytes) = std::fs::read(&path) {
                    all.push_str(&String::from_utf8_lossy(&bytes));
                }
            }
            assert!(all.len() > 4096, "the database files were read");
            all
        }
        Backend::Postgres => {
            let tables = sqlx::query(
                "SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = 'public'",
            )
            .fetch_all(&app.db)
            .await
            .expect("tables");
            let mut all = String::new();
            for t in tables {
                let name: String = t.try_get("t").expect("name");
                let rows = sqlx::query(&format!("SELECT CAST(x AS TEXT) AS r FROM \"{name}\" x"))
                    .fetch_all(&app.db)
                    .await
                    .expect("rows");
                for r in rows {
                    all.push_str(&r.try_get::<String, _>("r").unwrap_or_default());
                }
            }
            assert!(
                all.contains("outbox") || all.contains("judo"),
                "rows were read"
            );
            all
        }
    }
}

async fn no_live_token_rests_in_the_database(backend: Backend) {
    let app = spawn_app(backend).await;
    // A pending registration, and an account that asked for a reset.
    app.register(&judo_form("pending@example.jp")).await;
    let activation = app.mail.wait_for("pending@example.jp", 1).await[0].link("http");
    app.registered_account("owner@example.jp").await;
    let r = app
        .client
        .post(app.url("/api/v1/password-resets"))
        .json(&serde_json::json!({ "email": "owner@example.jp" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 202);
    let reset = app.mail.wait_for("owner@example.jp", 3).await[2].link("http");
    let tokens = [token_of(&activation), token_of(&reset)];

    let stored = everything_stored(&app).await;
    for t in &tokens {
        assert_eq!(t.len(), 43);
        assert!(
            !stored.contains(t.as_str()),
            "a live token rests in the database"
        );
    }
    // Both still work: the check above looked for something real.
    let (status, page) = app.open(&activation).await;
    assert_eq!(status, 200, "{page}");
    let (status, _) = app.open(&reset).await;
    assert_eq!(status, 200);
}

on_both_backends!(no_live_token_rests_in_the_database);
