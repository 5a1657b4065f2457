//! The facility master read in change order: delta sync for the apps' offline caches,
//! and the snapshot they are seeded from.

use madoguchi_domain::api::{FacilityCursor, FacilityRecord};
use madoguchi_domain::FacilityKind;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::Db;

fn record(row: &AnyRow) -> Result<FacilityRecord, sqlx::Error> {
    let kind: String = row.try_get("kind")?;
    let kind = FacilityKind::from_key(&kind).ok_or_else(|| {
        sqlx::Error::Decode(format!("unknown facility kind {kind:?} in the master").into())
    })?;
    Ok(FacilityRecord {
        kind,
        number: row.try_get("number")?,
        name: row.try_get("name")?,
        prefecture: row.try_get("prefecture")?,
        active: row.try_get::<String, _>("status")? == "active",
        version: row.try_get("version")?,
    })
}

/// Up to `limit` rows changed after `after`, in (version, kind, number) order.
pub async fn after(
    db: &Db,
    after: &FacilityCursor,
    limit: i64,
) -> Result<Vec<FacilityRecord>, sqlx::Error> {
    // Row-value comparison works on SQLite (≥ 3.15) and PostgreSQL and uses the index.
    let rows = sqlx::query(
        "SELECT kind, number, name, prefecture, status, version FROM facilities \
         WHERE version > $1 OR (version = $1 AND $2 <> '' AND (kind, number) > ($2, $3)) \
         ORDER BY version, kind, number LIMIT $4",
    )
    .bind(after.version)
    .bind(after.kind.clone())
    .bind(after.number.clone())
    .bind(limit)
    .fetch_all(db)
    .await?;
    rows.iter().map(record).collect()
}

pub async fn latest_version(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COALESCE(MAX(version), 0) AS v FROM facilities")
        .fetch_one(db)
        .await?
        .try_get("v")
}
