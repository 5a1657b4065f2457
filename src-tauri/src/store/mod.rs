//! The local store: one SQLite file in the app's config folder, opened and migrated with
//! [`open`] (by the app just after its window, and by the tests, the crash harness and the
//! benchmark), its pool held by tauri-plugin-sql, and queried here with sqlx.

pub mod drafts;
pub mod facility_cache;
pub mod facility_reader;

use std::path::Path;
use std::str::FromStr;

use futures_core::future::BoxFuture;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};

/// The database's name in tauri-plugin-sql's list of pools.
pub const DB_URL: &str = "sqlite:madoguchi.db";
/// Its file in the app's config folder.
pub const DB_FILE: &str = "madoguchi.db";

/// (version, description, SQL), as sqlx's migrator records them. Earlier builds had
/// tauri-plugin-sql run them, with the same bookkeeping (reversible "up" migrations), so a
/// database it made opens here as migrated.
pub const MIGRATIONS: &[(i64, &str, &str)] = &[(
    1,
    "local store",
    include_str!("../../migrations/0001_local_store.sql"),
)];

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("local database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("local database (facility look-up): {0}")]
    Read(#[from] rusqlite::Error),
    #[error("the facility look-up failed earlier and was left unusable")]
    Poisoned,
    #[error("local database migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("the local database is not open")]
    NotOpen,
    #[error("facility snapshot: {0}")]
    Snapshot(String),
}

#[derive(Debug)]
struct Source;

impl MigrationSource<'static> for Source {
    fn resolve(self) -> BoxFuture<'static, Result<Vec<Migration>, sqlx::error::BoxDynError>> {
        Box::pin(async {
            Ok(MIGRATIONS
                .iter()
                .map(|(v, d, sql)| {
                    Migration::new(
                        *v,
                        (*d).into(),
                        MigrationType::ReversibleUp,
                        (*sql).into(),
                        false,
                    )
                })
                .collect())
        })
    }
}

/// Opens (creating) the store at `path` and brings its schema up to date.
pub async fn open(path: &Path) -> Result<SqlitePool, StoreError> {
    // A file name, not a URL: a Windows path or a Japanese user name needs no escaping.
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true);
    let pool = SqlitePoolOptions::new().connect_with(options).await?;
    Migrator::new(Source).await?.run(&pool).await?;
    prepare(&pool).await?;
    Ok(pool)
}

/// The same schema in memory, for the workflows' unit tests: one connection, kept open,
/// since each SQLite connection to `:memory:` is a database of its own.
pub async fn open_in_memory() -> Result<SqlitePool, StoreError> {
    let options = SqliteConnectOptions::from_str("sqlite::memory:")?;
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .connect_with(options)
        .await?;
    Migrator::new(Source).await?.run(&pool).await?;
    Ok(pool)
}

/// Once per start: write-ahead logging, so that lookups read while a sync or a draft save
/// writes. It is kept in the file; synchronous stays FULL, so a commit survives a crash.
pub async fn prepare(pool: &SqlitePool) -> Result<(), StoreError> {
    sqlx::query("PRAGMA journal_mode = WAL")
        .execute(pool)
        .await?;
    Ok(())
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
