//! Retention: what is no longer needed is deleted, so that neither a backup nor a leak
//! holds more than the portal needs. Run now and then by the server.

use sqlx::Row;

use super::Db;
use crate::config::RetentionSettings;

/// Rows removed (or emptied) by one purge, per table.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub registrations: u64,
    pub password_hashes: u64,
    pub password_resets: u64,
    pub sessions: u64,
    pub idempotency_keys: u64,
    pub outbox: u64,
    pub login_failures: u64,
}

/// How long a gave-up mail stays for the operator to see, and an idle failure record.
const GAVE_UP_KEPT_SECS: i64 = 7 * 24 * 60 * 60;
const IDLE_FAILURES_SECS: i64 = 24 * 60 * 60;

async fn exec(db: &Db, sql: &str, t: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(sql).bind(t).execute(db).await?.rows_affected())
}

pub async fn run(db: &Db, now: i64, r: &RetentionSettings) -> Result<Purged, sqlx::Error> {
    Ok(Purged {
        // An expired registration can never be activated: its password hash goes at once,
        // the row (which the app still reads as 期限切れ) later.
        password_hashes: exec(
            db,
            "UPDATE registrations SET password_hash = '' WHERE activated_at IS NULL \
             AND expires_at <= $1 AND password_hash <> ''",
            now,
        )
        .await?,
        registrations: exec(
            db,
            "DELETE FROM registrations WHERE activated_at IS NULL AND expires_at <= $1",
            now - r.expired_registration_secs,
        )
        .await?,
        password_resets: exec(
            db,
            "DELETE FROM password_resets WHERE used_at IS NOT NULL OR expires_at <= $1",
            now,
        )
        .await?,
        sessions: exec(db, "DELETE FROM sessions WHERE expires_at <= $1", now).await?,
        idempotency_keys: exec(
            db,
            "DELETE FROM idempotency_keys WHERE created_at <= $1",
            now - r.idempotency_secs,
        )
        .await?,
        outbox: exec(db, "DELETE FROM outbox WHERE sent_at IS NOT NULL", now).await?
            + exec(
                db,
                "DELETE FROM outbox WHERE gave_up_at IS NOT NULL AND gave_up_at <= $1",
                now - GAVE_UP_KEPT_SECS,
            )
            .await?,
        login_failures: sqlx::query(
            "DELETE FROM login_failures WHERE updated_at <= $1 \
             AND (locked_until IS NULL OR locked_until <= $2)",
        )
        .bind(now - IDLE_FAILURES_SECS)
        .bind(now)
        .execute(db)
        .await?
        .rows_affected(),
    })
}

/// Rows of `table`; for tests and diagnostics.
pub async fn count(db: &Db, table: &str) -> Result<i64, sqlx::Error> {
    let allowed = [
        "registrations",
        "password_resets",
        "sessions",
        "idempotency_keys",
        "outbox",
        "login_failures",
    ];
    if !allowed.contains(&table) {
        return Err(sqlx::Error::Protocol(format!(
            "not a purged table: {table}"
        )));
    }
    sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
        .fetch_one(db)
        .await?
        .try_get("n")
}
