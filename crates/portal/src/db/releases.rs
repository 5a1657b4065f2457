//! Releases of the desktop app for its updater.

use sqlx::Row;

use super::Db;
use crate::releases::{Platform, Release};

/// What the update check needs of a release (not its bytes).
pub struct ReleaseMeta {
    pub version: String,
    pub file_name: String,
    pub signature: String,
    pub notes: String,
    pub published_at: i64,
}

/// Publishes a release, or replaces the one with the same platform and version.
pub async fn publish(db: &Db, release: &Release, now: i64) -> Result<(), sqlx::Error> {
    let p = &release.platform;
    sqlx::query(
        "INSERT INTO releases \
         (target, arch, bundle, version, file_name, signature, notes, sha256, published_at, artifact) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (target, arch, bundle, version) DO UPDATE SET \
         file_name = excluded.file_name, signature = excluded.signature, notes = excluded.notes, \
         sha256 = excluded.sha256, published_at = excluded.published_at, artifact = excluded.artifact",
    )
    .bind(p.target.as_str())
    .bind(p.arch.as_str())
    .bind(p.bundle.as_str())
    .bind(release.version.to_string())
    .bind(&release.file_name)
    .bind(&release.signature)
    .bind(&release.notes)
    .bind(&release.sha256)
    .bind(now)
    .bind(release.artifact.as_slice())
    .execute(db)
    .await?;
    Ok(())
}

/// Every release for one platform (the caller orders them by semantic version).
pub async fn for_platform(db: &Db, platform: &Platform) -> Result<Vec<ReleaseMeta>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT version, file_name, signature, notes, published_at FROM releases \
         WHERE target = $1 AND arch = $2 AND bundle = $3",
    )
    .bind(platform.target.as_str())
    .bind(platform.arch.as_str())
    .bind(platform.bundle.as_str())
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(ReleaseMeta {
                version: r.try_get("version")?,
                file_name: r.try_get("file_name")?,
                signature: r.try_get("signature")?,
                notes: r.try_get("notes")?,
                published_at: r.try_get("published_at")?,
            })
        })
        .collect()
}

/// The artifact's file name and bytes.
pub async fn artifact(
    db: &Db,
    platform: &Platform,
    version: &str,
) -> Result<Option<(String, Vec<u8>)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT file_name, artifact FROM releases \
         WHERE target = $1 AND arch = $2 AND bundle = $3 AND version = $4",
    )
    .bind(platform.target.as_str())
    .bind(platform.arch.as_str())
    .bind(platform.bundle.as_str())
    .bind(version)
    .fetch_optional(db)
    .await?;
    row.map(|r| Ok((r.try_get("file_name")?, r.try_get("artifact")?)))
        .transpose()
}
