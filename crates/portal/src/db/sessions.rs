//! Login sessions: only the token's hash is kept.

use sqlx::{Any, Executor, Row};

use super::Db;

pub async fn create(
    db: &Db,
    token_hash: &str,
    email: &str,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, email, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(email)
    .bind(now)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// The session's e-mail address while it is valid.
pub async fn email_of(db: &Db, token_hash: &str, now: i64) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query("SELECT email FROM sessions WHERE token_hash = $1 AND expires_at > $2")
        .bind(token_hash)
        .bind(now)
        .fetch_optional(db)
        .await?;
    row.map(|r| r.try_get("email")).transpose()
}

pub async fn delete(db: &Db, token_hash: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Ends every session of an account (after a password reset).
pub async fn delete_all<'e, E: Executor<'e, Database = Any>>(
    executor: E,
    email: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE email = $1")
        .bind(email)
        .execute(executor)
        .await?;
    Ok(())
}
