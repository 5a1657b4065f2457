//! The facility master: imported from CSV, looked up by kind and canonical number.

use sqlx::Row;

use super::Db;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacilityRow {
    pub kind: String,
    pub number: String,
    pub name: String,
    pub prefecture: String,
    pub status: String,
}

/// An active facility's name, or `None` when the number is unknown or closed.
pub async fn active_name(db: &Db, kind: &str, number: &str) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT name FROM facilities WHERE kind = $1 AND number = $2 AND status = 'active'",
    )
    .bind(kind)
    .bind(number)
    .fetch_optional(db)
    .await?;
    row.map(|r| r.try_get::<String, _>("name")).transpose()
}

/// Rows per INSERT: keeps every statement under SQLite's 32,766 bound parameters.
const BATCH: usize = 500;

/// A multi-row upsert with numbered placeholders. (QueryBuilder<Any> writes `?`, which
/// PostgreSQL does not accept; both accept `$n`.)
fn upsert_sql(rows: usize) -> String {
    const COLUMNS: usize = 7;
    let values: Vec<String> = (0..rows)
        .map(|r| {
            let params: Vec<String> = (1..=COLUMNS)
                .map(|c| format!("${}", r * COLUMNS + c))
                .collect();
            format!("({})", params.join(", "))
        })
        .collect();
    // Re-importing the same row changes nothing, not even its version.
    format!(
        "INSERT INTO facilities (kind, number, name, prefecture, status, version, updated_at) VALUES {} \
         ON CONFLICT (kind, number) DO UPDATE SET name = excluded.name, \
         prefecture = excluded.prefecture, status = excluded.status, \
         version = excluded.version, updated_at = excluded.updated_at \
         WHERE facilities.name <> excluded.name OR facilities.prefecture <> excluded.prefecture \
         OR facilities.status <> excluded.status",
        values.join(", ")
    )
}

/// Inserts or updates `rows` in one transaction; rows whose content changed get the new
/// master version. Returns how many rows were written.
pub async fn upsert(db: &Db, rows: &[FacilityRow], now: i64) -> Result<u64, sqlx::Error> {
    // Read before the transaction: on SQLite a transaction that reads first cannot become a
    // writer while the server writes. Two imports at once could share a version, which only
    // makes a later delta sync send a few rows twice.
    let version: i64 = sqlx::query("SELECT COALESCE(MAX(version), 0) + 1 AS v FROM facilities")
        .fetch_one(db)
        .await?
        .try_get("v")?;
    let mut tx = db.begin().await?;
    let mut written = 0;
    for chunk in rows.chunks(BATCH) {
        let sql = upsert_sql(chunk.len());
        let mut q = sqlx::query(&sql);
        for r in chunk {
            q = q
                .bind(r.kind.clone())
                .bind(r.number.clone())
                .bind(r.name.clone())
                .bind(r.prefecture.clone())
                .bind(r.status.clone())
                .bind(version)
                .bind(now);
        }
        written += q.execute(&mut *tx).await?.rows_affected();
    }
    tx.commit().await?;
    Ok(written)
}

pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM facilities")
        .fetch_one(db)
        .await?
        .try_get("n")
}
