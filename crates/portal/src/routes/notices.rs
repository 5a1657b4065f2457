use axum::extract::State;
use axum::Json;
use madoguchi_domain::api::Notice;
use time::macros::format_description;
use time::OffsetDateTime;

use super::AppState;
use crate::db::notices;
use crate::problem::ApiError;

/// お知らせ, newest first (at most 20).
#[utoipa::path(get, path = "/api/v1/notices", responses((status = 200, body = [Notice])))]
pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<Notice>>, ApiError> {
    let day = format_description!("[year]-[month]-[day]");
    let list = notices::latest(&state.db, 20)
        .await?
        .into_iter()
        .map(|n| Notice {
            date: OffsetDateTime::from_unix_timestamp(n.published_at)
                .ok()
                .and_then(|t| t.format(&day).ok())
                .unwrap_or_default(),
            title: n.title,
            body: n.body,
        })
        .collect();
    Ok(Json(list))
}
