//! Failed logins per account and client network. A network that fails too often is locked
//! out of that account for a while; other networks, the owner's among them, are not.

use sqlx::{Any, Executor, Row};

use super::Db;

pub struct NetworkRecord {
    pub failures: i64,
    pub locked_until: Option<i64>,
}

pub async fn get(
    db: &Db,
    account_key: &str,
    network: &str,
) -> Result<Option<NetworkRecord>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT failures, locked_until FROM login_failures WHERE account_key = $1 AND network = $2",
    )
    .bind(account_key)
    .bind(network)
    .fetch_optional(db)
    .await?;
    row.map(|r| {
        Ok(NetworkRecord {
            failures: r.try_get("failures")?,
            locked_until: r.try_get("locked_until")?,
        })
    })
    .transpose()
}

/// Counts a failure from `network` (afresh once an earlier lock has run out) and locks the
/// network out for `lock_secs` when it reaches `max_failures`. Returns true when this
/// failure set the lock.
pub async fn record(
    db: &Db,
    account_key: &str,
    network: &str,
    now: i64,
    max_failures: i64,
    lock_secs: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "INSERT INTO login_failures (account_key, network, failures, locked_until, updated_at) \
         VALUES ($1, $2, 1, NULL, $3) \
         ON CONFLICT (account_key, network) DO UPDATE SET \
           failures = CASE WHEN login_failures.locked_until IS NOT NULL \
             AND login_failures.locked_until <= $3 THEN 1 ELSE login_failures.failures + 1 END, \
           locked_until = CASE WHEN login_failures.locked_until IS NOT NULL \
             AND login_failures.locked_until <= $3 THEN NULL ELSE login_failures.locked_until END, \
           updated_at = $3",
    )
    .bind(account_key)
    .bind(network)
    .bind(now)
    .execute(db)
    .await?;
    let locked = sqlx::query(
        "UPDATE login_failures SET locked_until = $1 WHERE account_key = $2 AND network = $3 \
         AND failures >= $4 AND locked_until IS NULL",
    )
    .bind(now + lock_secs)
    .bind(account_key)
    .bind(network)
    .bind(max_failures)
    .execute(db)
    .await?;
    Ok(locked.rows_affected() == 1)
}

/// A success from `network` starts its count afresh.
pub async fn clear(db: &Db, account_key: &str, network: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE account_key = $1 AND network = $2")
        .bind(account_key)
        .bind(network)
        .execute(db)
        .await?;
    Ok(())
}

/// A completed password reset lifts every lock of the account; returns how many networks
/// had a record.
pub async fn clear_account<'e, E: Executor<'e, Database = Any>>(
    executor: E,
    account_key: &str,
) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("DELETE FROM login_failures WHERE account_key = $1")
            .bind(account_key)
            .execute(executor)
            .await?
            .rows_affected(),
    )
}
