use axum::extract::{Path, State};
use axum::Json;
use madoguchi_domain::api::FacilityLookup;
use madoguchi_domain::{FacilityKind, RegistrationNumber};

use super::AppState;
use crate::problem::ApiError;

/// The facility behind a registration number: what the form fills in by itself.
#[utoipa::path(
    get,
    path = "/api/v1/facilities/{kind}/{number}",
    params(
        ("kind" = madoguchi_domain::FacilityKind, Path, description = "judo | ahaki | kenshin | josan"),
        ("number" = String, Path, description = "canonical number: 契012345678 (柔道整復), or 10 digits", pattern = "^(協|契)?[0-9]{9,10}$"),
    ),
    responses(
        (status = 200, body = FacilityLookup),
        (status = 404, body = madoguchi_domain::api::Problem, description = "not in the master (a facility new to 受領委任 can take about a month)"),
        (status = 422, body = madoguchi_domain::api::Problem),
    )
)]
pub async fn lookup(
    State(state): State<AppState>,
    Path((kind, number)): Path<(String, String)>,
) -> Result<Json<FacilityLookup>, ApiError> {
    let kind = FacilityKind::parse(&kind).map_err(|e| ApiError::Invalid(vec![e]))?;
    let number = RegistrationNumber::from_canonical(kind, &number).map_err(ApiError::Invalid)?;
    let name = state
        .facilities
        .name(&state.db, &number)
        .await?
        .ok_or_else(|| ApiError::NotFound {
            title: "施術所等が見つかりません。",
            detail: kind.terms().not_found.to_owned(),
        })?;
    Ok(Json(FacilityLookup {
        kind,
        number: number.canonical(),
        display: number.display(),
        name,
    }))
}
