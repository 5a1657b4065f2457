//! Idempotency keys: a retried registration gets the first answer back.

use sqlx::{Any, Row, Transaction};

pub struct Stored {
    pub request_hash: String,
    pub status: u16,
    pub body: String,
}

pub async fn find(tx: &mut Transaction<'_, Any>, key: &str) -> Result<Option<Stored>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE idem_key = $1",
    )
    .bind(key)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| {
        Ok(Stored {
            request_hash: r.try_get("request_hash")?,
            status: u16::try_from(r.try_get::<i64, _>("response_status")?).unwrap_or(500),
            body: r.try_get("response_body")?,
        })
    })
    .transpose()
}

/// Claims `key` for this request. False when another request holds it already; on
/// PostgreSQL a concurrent claim waits here until the first transaction ends.
pub async fn claim(
    tx: &mut Transaction<'_, Any>,
    key: &str,
    request_hash: &str,
    status: u16,
    body: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO idempotency_keys (idem_key, request_hash, response_status, response_body, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (idem_key) DO NOTHING",
    )
    .bind(key)
    .bind(request_hash)
    .bind(i64::from(status))
    .bind(body)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
