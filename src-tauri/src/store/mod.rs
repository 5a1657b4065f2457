//! The local store: one SQLite file in the app's config folder, owned by tauri-plugin-sql
//! (which opens it and runs [`MIGRATIONS`]) and queried here with sqlx. Tests, the crash
//! harness and the benchmark open the same schema with [`open`].

pub mod drafts;
pub mod facility_cache;
pub mod facility_reader;

use std::path::Path;
use std::str::FromStr;

use futures_core::future::BoxFuture;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};

/// The plugin's database address: relative, so it lands in the app's config folder.
pub const DB_URL: &str = "sqlite:madoguchi.db";
/// The same file's name in that folder (tauri-plugin-sql joins the two).
pub const DB_FILE: &str = "madoguchi.db";

/// (version, description, SQL): given to tauri-plugin-sql and to [`open`] alike, so both
/// keep the same migration bookkeeping.
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

pub fn plugin_migrations() -> Vec<tauri_plugin_sql::Migration> {
    MIGRATIONS
        .iter()
        .map(|(version, description, sql)| tauri_plugin_sql::Migration {
            version: *version,
            description,
            sql,
            kind: tauri_plugin_sql::MigrationKind::Up,
        })
        .collect()
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

/// Opens (creating) the store at `path` outside Tauri, with the same migrations.
pub async fn open(path: &Path) -> Result<SqlitePool, StoreError> {
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
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
