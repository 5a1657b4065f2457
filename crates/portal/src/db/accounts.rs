//! Activated accounts: the e-mail address is the login name and belongs to one account.

use sqlx::{Any, Executor, Row, Transaction};

use super::registrations::Activated;
use super::Db;

pub async fn exists<'e, E: Executor<'e, Database = Any>>(
    executor: E,
    email: &str,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("SELECT 1 AS ok FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_optional(executor)
        .await?
        .is_some())
}

/// Creates the account of an activated registration; false if the address got an account
/// in the meantime (through another registration's link).
pub async fn create(
    tx: &mut Transaction<'_, Any>,
    a: &Activated,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO accounts (email, registration_id, family_name, given_name, facility_kind, \
         facility_number, phone, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (email) DO NOTHING",
    )
    .bind(&a.email)
    .bind(&a.id)
    .bind(&a.family_name)
    .bind(&a.given_name)
    .bind(&a.facility_kind)
    .bind(&a.facility_number)
    .bind(&a.phone)
    .bind(&a.password_hash)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
pub struct Credentials {
    pub password_hash: String,
    pub failed_logins: i64,
    pub locked_until: Option<i64>,
}

pub async fn credentials(db: &Db, email: &str) -> Result<Option<Credentials>, sqlx::Error> {
    sqlx::query_as::<_, Credentials>(
        "SELECT password_hash, failed_logins, locked_until FROM accounts WHERE email = $1",
    )
    .bind(email)
    .fetch_optional(db)
    .await
}

/// Counts one more failed login in a row, from anywhere; returns the new count. One
/// statement, so that failures sent to several portal processes all count.
pub async fn count_failure(db: &Db, email: &str) -> Result<i64, sqlx::Error> {
    let row = sqlx::query(
        "UPDATE accounts SET failed_logins = failed_logins + 1 WHERE email = $1 RETURNING failed_logins",
    )
    .bind(email)
    .fetch_optional(db)
    .await?;
    Ok(match row {
        Some(r) => r.try_get("failed_logins")?,
        None => 0,
    })
}

/// Locks the account for everyone until `until`; true if this call set the lock (so that
/// the owner is mailed once). The count starts afresh: after the lock, it takes another
/// full run of failures to lock it again.
pub async fn hard_lock(db: &Db, email: &str, now: i64, until: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE accounts SET locked_until = $1, failed_logins = 0 WHERE email = $2 \
         AND (locked_until IS NULL OR locked_until <= $3)",
    )
    .bind(until)
    .bind(email)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn clear_failures<'e, E: Executor<'e, Database = Any>>(
    executor: E,
    email: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE email = $1")
        .bind(email)
        .execute(executor)
        .await?;
    Ok(())
}

pub async fn set_password(
    tx: &mut Transaction<'_, Any>,
    email: &str,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET password_hash = $1, failed_logins = 0, locked_until = NULL WHERE email = $2")
        .bind(password_hash)
        .bind(email)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct Profile {
    pub email: String,
    pub family_name: String,
    pub given_name: String,
    pub facility_kind: String,
    pub facility_number: String,
    pub facility_name: Option<String>,
}

pub async fn profile(db: &Db, email: &str) -> Result<Option<Profile>, sqlx::Error> {
    sqlx::query_as::<_, Profile>(
        "SELECT a.email, a.family_name, a.given_name, a.facility_kind, a.facility_number, f.name AS facility_name \
         FROM accounts a LEFT JOIN facilities f ON f.kind = a.facility_kind AND f.number = a.facility_number \
         WHERE a.email = $1",
    )
    .bind(email)
    .fetch_optional(db)
    .await
}
