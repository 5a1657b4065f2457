//! The portal's database: SQLite (default, one file) or PostgreSQL, through sqlx's `Any`
//! driver, so that one set of queries (with `$n` placeholders, which both accept) serves
//! both. Times are unix seconds.

pub mod accounts;
pub mod facilities;
pub mod facility_changes;
pub mod idempotency;
pub mod login_failures;
pub mod notices;
pub mod outbox;
pub mod password_resets;
pub mod purge;
pub mod registrations;
pub mod releases;
pub mod sessions;

use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor};

pub type Db = AnyPool;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot open the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("migrations failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Opens the pool and brings the schema up to date.
pub async fn connect(url: &str) -> Result<Db, DbError> {
    sqlx::any::install_default_drivers();
    let sqlite = url.starts_with("sqlite:");
    let pool = AnyPoolOptions::new()
        // SQLite has one writer anyway; PostgreSQL gets more room.
        .max_connections(if sqlite { 8 } else { 16 })
        // A pooled SQLite connection is a file handle in this process: it cannot have gone
        // away, and pinging it before each use cost every request a round trip to its worker
        // thread (bench/portal.sh). A PostgreSQL connection can drop, so it is checked.
        .test_before_acquire(!sqlite)
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if sqlite {
                    // WAL: readers never wait for the writer; NORMAL is durable in WAL mode
                    // across application crashes; the busy timeout queues writers.
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                         PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;",
                    )
                    .await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await
        .map_err(DbError::Connect)?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

/// Creates an empty database on a PostgreSQL server (first set-up, and tests).
pub async fn create_database(admin_url: &str, name: &str) -> Result<(), sqlx::Error> {
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(sqlx::Error::Protocol(format!(
            "not a plain database name: {name:?}"
        )));
    }
    sqlx::any::install_default_drivers();
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(admin_url).await?;
    sqlx::raw_sql(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await?;
    Ok(())
}

/// Seconds since the epoch.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
