//! Pending registrations: one row per accepted request, activated once by its token.

use madoguchi_domain::api::RegistrationState;
use sqlx::{Any, Row, Transaction};

use super::Db;

pub struct NewRegistration<'a> {
    pub id: &'a str,
    pub receipt_hash: &'a str,
    pub token_hash: &'a str,
    pub email: &'a str,
    pub family_name: &'a str,
    pub given_name: &'a str,
    pub facility_kind: &'a str,
    pub facility_number: &'a str,
    pub phone: &'a str,
    pub password_hash: &'a str,
    pub created_at: i64,
    pub expires_at: i64,
}

/// Stores the registration and returns whether it is a decoy (the address already has an
/// account). The account check happens inside the INSERT: on SQLite a transaction must
/// write first, or a concurrent writer makes its later write fail with "database is locked".
pub async fn insert(
    tx: &mut Transaction<'_, Any>,
    r: &NewRegistration<'_>,
) -> Result<bool, sqlx::Error> {
    let row = sqlx::query(
        "INSERT INTO registrations (id, receipt_hash, token_hash, email, family_name, given_name, \
         facility_kind, facility_number, phone, password_hash, decoy, created_at, expires_at) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, \
           CASE WHEN EXISTS (SELECT 1 FROM accounts WHERE email = $4) THEN '' ELSE $10 END, \
           CASE WHEN EXISTS (SELECT 1 FROM accounts WHERE email = $4) THEN 1 ELSE 0 END, \
           $11, $12 \
         RETURNING decoy",
    )
    .bind(r.id)
    .bind(r.receipt_hash)
    .bind(r.token_hash)
    .bind(r.email)
    .bind(r.family_name)
    .bind(r.given_name)
    .bind(r.facility_kind)
    .bind(r.facility_number)
    .bind(r.phone)
    .bind(r.password_hash)
    .bind(r.created_at)
    .bind(r.expires_at)
    .fetch_one(&mut **tx)
    .await?;
    Ok(row.try_get::<i64, _>("decoy")? == 1)
}

/// The state a receipt reports. A decoy (the address had an account) reads like a
/// registration whose link was never used.
pub async fn state(
    db: &Db,
    receipt_hash: &str,
    now: i64,
) -> Result<Option<RegistrationState>, sqlx::Error> {
    let row =
        sqlx::query("SELECT expires_at, activated_at FROM registrations WHERE receipt_hash = $1")
            .bind(receipt_hash)
            .fetch_optional(db)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let expires_at: i64 = row.try_get("expires_at")?;
    let activated_at: Option<i64> = row.try_get("activated_at")?;
    Ok(Some(match activated_at {
        Some(_) => RegistrationState::Active,
        None if expires_at <= now => RegistrationState::Expired,
        None => RegistrationState::Pending,
    }))
}

/// True when the token would activate something now (the GET page; burns nothing).
pub async fn token_usable(db: &Db, token_hash: &str, now: i64) -> Result<bool, sqlx::Error> {
    let row = sqlx::query(
        "SELECT 1 AS ok FROM registrations WHERE token_hash = $1 AND decoy = 0 \
         AND activated_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(row.is_some())
}

pub struct Activated {
    pub id: String,
    pub email: String,
    pub family_name: String,
    pub given_name: String,
    pub facility_kind: String,
    pub facility_number: String,
    pub phone: String,
    pub password_hash: String,
}

/// Uses the token: at most one caller ever gets `Some` for it.
pub async fn consume_token(
    tx: &mut Transaction<'_, Any>,
    token_hash: &str,
    now: i64,
) -> Result<Option<Activated>, sqlx::Error> {
    let row = sqlx::query(
        "UPDATE registrations SET activated_at = $1 WHERE token_hash = $2 AND decoy = 0 \
         AND activated_at IS NULL AND expires_at > $1 \
         RETURNING id, email, family_name, given_name, facility_kind, facility_number, phone, password_hash",
    )
    .bind(now)
    .bind(token_hash)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| {
        Ok(Activated {
            id: r.try_get("id")?,
            email: r.try_get("email")?,
            family_name: r.try_get("family_name")?,
            given_name: r.try_get("given_name")?,
            facility_kind: r.try_get("facility_kind")?,
            facility_number: r.try_get("facility_number")?,
            phone: r.try_get("phone")?,
            password_hash: r.try_get("password_hash")?,
        })
    })
    .transpose()
}
