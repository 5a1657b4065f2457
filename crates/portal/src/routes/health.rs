use axum::extract::State;
use axum::Json;
use serde::Serialize;

use super::AppState;
use crate::problem::ApiError;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    pub status: &'static str,
    pub database: &'static str,
}

/// Up, and the database answers.
#[utoipa::path(get, path = "/health", responses((status = 200, body = Health)))]
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    sqlx::query("SELECT 1").execute(&state.db).await?;
    Ok(Json(Health {
        status: "ok",
        database: if state.settings.database_url.starts_with("postgres") {
            "postgresql"
        } else {
            "sqlite"
        },
    }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Live {
    pub status: &'static str,
}

/// The process answers (a liveness probe): no database, no work. bench/portal.sh also
/// loads it as the floor of what HTTP costs on this machine.
#[utoipa::path(get, path = "/health/live", responses((status = 200, body = Live)))]
pub async fn live() -> Json<Live> {
    Json(Live { status: "ok" })
}
