//! Releases of the desktop app for its updater.

use sqlx::Row;

use super::Db;
use crate::releases::{Platform, Release, ReleaseMeta};

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

/// What a download needs to start: the file's name, its size and its SHA-256 (the ETag).
pub struct ArtifactMeta {
    pub file_name: String,
    pub len: i64,
    pub sha256: String,
}

pub async fn artifact_meta(
    db: &Db,
    platform: &Platform,
    version: &str,
) -> Result<Option<ArtifactMeta>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT file_name, sha256, CAST(length(artifact) AS BIGINT) AS len FROM releases \
         WHERE target = $1 AND arch = $2 AND bundle = $3 AND version = $4",
    )
    .bind(platform.target.as_str())
    .bind(platform.arch.as_str())
    .bind(platform.bundle.as_str())
    .bind(version)
    .fetch_optional(db)
    .await?;
    row.map(|r| {
        Ok(ArtifactMeta {
            file_name: r.try_get("file_name")?,
            len: r.try_get("len")?,
            sha256: r.try_get("sha256")?,
        })
    })
    .transpose()
}

/// `len` bytes of the artifact from byte `offset` (0-based): downloads are streamed in
/// pieces, so that a request never holds a whole package in memory.
pub async fn artifact_chunk(
    db: &Db,
    platform: &Platform,
    version: &str,
    offset: i64,
    len: i64,
) -> Result<Vec<u8>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT substr(artifact, CAST($1 AS INTEGER), CAST($2 AS INTEGER)) AS chunk FROM releases \
         WHERE target = $3 AND arch = $4 AND bundle = $5 AND version = $6",
    )
    .bind(offset + 1)
    .bind(len)
    .bind(platform.target.as_str())
    .bind(platform.arch.as_str())
    .bind(platform.bundle.as_str())
    .bind(version)
    .fetch_optional(db)
    .await?;
    match row {
        Some(r) => r.try_get("chunk"),
        None => Ok(Vec::new()),
    }
}
