//! Password reset links: 24 h, single use, only the token's hash kept.

use sqlx::{Any, Row, Transaction};

use super::Db;

pub async fn create(
    db: &Db,
    token_hash: &str,
    email: &str,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO password_resets (token_hash, email, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash)
        .bind(email)
        .bind(now)
        .bind(expires_at)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn usable(db: &Db, token_hash: &str, now: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("SELECT 1 AS ok FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2")
        .bind(token_hash)
        .bind(now)
        .fetch_optional(db)
        .await?
        .is_some())
}

/// Uses the link: at most one caller gets the address.
pub async fn consume(
    tx: &mut Transaction<'_, Any>,
    token_hash: &str,
    now: i64,
) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query(
        "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL \
         AND expires_at > $1 RETURNING email",
    )
    .bind(now)
    .bind(token_hash)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| r.try_get("email")).transpose()
}

/// After a completed reset no other link of the account works any more.
pub async fn revoke_all(
    tx: &mut Transaction<'_, Any>,
    email: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE password_resets SET used_at = $1 WHERE email = $2 AND used_at IS NULL")
        .bind(now)
        .bind(email)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
