use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use madoguchi_domain::api::{FacilityChanges, FacilityCursor};
use serde::Deserialize;

use super::AppState;
use crate::db::facility_changes;
use crate::problem::ApiError;

const DEFAULT_LIMIT: i64 = 1_000;
const MAX_LIMIT: i64 = 5_000;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesQuery {
    /// The cursor's version (0, or below: from the start).
    #[serde(default)]
    #[param(required = false)]
    version: i64,
    /// The cursor's kind; empty when all of `version` was applied.
    #[serde(default)]
    #[param(required = false)]
    kind: String,
    #[serde(default)]
    #[param(required = false)]
    number: String,
    /// Rows per page (default 1,000); any integer is taken into 1 to 5,000.
    limit: Option<i64>,
}

/// The master's rows changed after a cursor, for the apps' offline caches.
#[utoipa::path(
    get,
    path = "/api/v1/facility-changes",
    params(ChangesQuery),
    responses((status = 200, body = FacilityChanges))
)]
pub async fn changes(
    State(state): State<AppState>,
    query: Result<Query<ChangesQuery>, QueryRejection>,
) -> Result<Json<FacilityChanges>, ApiError> {
    let Query(q) = query.map_err(|r| ApiError::BadRequest(r.body_text()))?;
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let cursor = FacilityCursor {
        version: q.version.max(0),
        kind: q.kind,
        number: q.number,
    };
    let latest_version = facility_changes::latest_version(&state.db).await?;
    let facilities = facility_changes::after(&state.db, &cursor, limit).await?;
    let more = i64::try_from(facilities.len()).unwrap_or(i64::MAX) == limit;
    let next = match facilities.last() {
        Some(last) if more => FacilityCursor {
            version: last.version,
            kind: last.kind.key().to_owned(),
            number: last.number.clone(),
        },
        // Everything up to the newest row read (or the cursor) is applied.
        Some(last) => FacilityCursor {
            version: last.version.max(latest_version),
            ..FacilityCursor::default()
        },
        None => FacilityCursor {
            version: cursor.version.max(latest_version),
            ..FacilityCursor::default()
        },
    };
    Ok(Json(FacilityChanges {
        facilities,
        next,
        more,
        latest_version,
    }))
}
