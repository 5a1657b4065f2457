//! The desktop app's updater: is there a newer release, and its signed artifact.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use madoguchi_domain::api::UpdateManifest;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::AppState;
use crate::db::releases;
use crate::problem::ApiError;
use crate::releases::{newest_after, parse_version, Platform};

fn platform(target: &str, arch: &str, bundle: &str) -> Result<Platform, ApiError> {
    Platform::parse(target, arch, bundle).map_err(|e| ApiError::BadRequest(e.to_string()))
}

/// The newest release after `current_version` for this platform: 200 with Tauri's manifest,
/// or 204 when the app is up to date.
#[utoipa::path(
    get,
    path = "/api/v1/updates/{target}/{arch}/{bundle}/{current_version}",
    params(
        ("target" = String, Path, description = "linux | windows | darwin", pattern = "^(linux|windows|darwin)$"),
        ("arch" = String, Path, description = "x86_64 | aarch64 | i686 | armv7", pattern = "^(x86_64|aarch64|i686|armv7)$"),
        ("bundle" = String, Path, description = "deb | rpm | appimage | msi | nsis | app", pattern = "^(deb|rpm|appimage|msi|nsis|app)$"),
        ("current_version" = String, Path, description = "the running version (semver)", pattern = "^(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})$"),
    ),
    responses(
        (status = 200, body = UpdateManifest),
        (status = 204, description = "up to date"),
        (status = 400, body = madoguchi_domain::api::Problem),
    )
)]
pub async fn check(
    State(state): State<AppState>,
    Path((target, arch, bundle, current)): Path<(String, String, String, String)>,
) -> Result<Response, ApiError> {
    let platform = platform(&target, &arch, &bundle)?;
    let current = parse_version(&current).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let Some((version, release)) = newest_after(
        releases::for_platform(&state.db, &platform).await?,
        &current,
    ) else {
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    let base = state.settings.public_base_url.trim_end_matches('/');
    let manifest = UpdateManifest {
        url: format!(
            "{base}/api/v1/releases/{target}/{arch}/{bundle}/{version}/{}",
            release.file_name
        ),
        version: version.to_string(),
        notes: release.notes,
        pub_date: OffsetDateTime::from_unix_timestamp(release.published_at)
            .ok()
            .and_then(|t| t.format(&Rfc3339).ok())
            .unwrap_or_default(),
        signature: release.signature,
    };
    Ok(Json(manifest).into_response())
}

/// The artifact of a published release, byte for byte.
#[utoipa::path(
    get,
    path = "/api/v1/releases/{target}/{arch}/{bundle}/{version}/{file}",
    params(
        ("target" = String, Path, pattern = "^(linux|windows|darwin)$"),
        ("arch" = String, Path, pattern = "^(x86_64|aarch64|i686|armv7)$"),
        ("bundle" = String, Path, pattern = "^(deb|rpm|appimage|msi|nsis|app)$"),
        ("version" = String, Path, pattern = "^(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})$"),
        ("file" = String, Path, description = "the package's file name, as the update manifest gives it"),
    ),
    responses(
        (status = 200, content_type = "application/octet-stream", description = "the package, streamed; ETag is its SHA-256"),
        (status = 304, description = "If-None-Match named the ETag"),
        (status = 404, body = madoguchi_domain::api::Problem),
    )
)]
pub async fn download(
    State(state): State<AppState>,
    Path((target, arch, bundle, version, file)): Path<(String, String, String, String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let platform = platform(&target, &arch, &bundle)?;
    let meta = match releases::artifact_meta(&state.db, &platform, &version).await? {
        Some(m) if m.file_name == file => m,
        _ => {
            return Err(ApiError::NotFound {
                title: "リリースが見つかりません。",
                detail: format!("{target}/{arch}/{bundle} {version} {file}"),
            })
        }
    };
    // A published version never changes: cache it for good, by its hash.
    let etag = format!("\"{}\"", meta.sha256);
    let cached = [
        (header::ETAG, etag.clone()),
        (
            header::CACHE_CONTROL,
            "public, max-age=31536000, immutable".to_owned(),
        ),
    ];
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if unchanged {
        return Ok((StatusCode::NOT_MODIFIED, cached).into_response());
    }
    let db = state.db.clone();
    let chunks = futures_util::stream::try_unfold(0_i64, move |offset| {
        let (db, version) = (db.clone(), version.clone());
        async move {
            if offset >= meta.len {
                return Ok::<_, sqlx::Error>(None);
            }
            let chunk =
                releases::artifact_chunk(&db, &platform, &version, offset, CHUNK_BYTES).await?;
            if chunk.is_empty() {
                return Ok(None);
            }
            let next = offset + i64::try_from(chunk.len()).unwrap_or(CHUNK_BYTES);
            Ok(Some((axum::body::Bytes::from(chunk), next)))
        }
    });
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (header::CONTENT_LENGTH, meta.len.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", meta.file_name),
            ),
        ],
        cached,
        axum::body::Body::from_stream(chunks),
    )
        .into_response())
}

/// Bytes read from the database per piece of a download.
const CHUNK_BYTES: i64 = 256 * 1024;
