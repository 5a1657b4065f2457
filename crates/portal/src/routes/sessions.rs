//! Login (with lockout), the signed-in account, logout.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use madoguchi_domain::api::{Account, LoginRequest, LoginResponse};
use madoguchi_domain::normalize::email_field;
use madoguchi_domain::{FacilityKind, RegistrationNumber};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::extract::{ApiJson, Bearer};
use super::AppState;
use crate::db::{self, accounts, sessions};
use crate::problem::ApiError;
use crate::secrets::{new_token, token_hash, verify_password};

/// One answer for every failure: unknown address, wrong password, locked, not activated.
fn login_failed() -> ApiError {
    ApiError::Unauthorized(
        "メールアドレスまたはパスワードが正しくありません。続けて5回失敗すると、しばらくログインできなくなります。",
    )
}

#[utoipa::path(
    post,
    path = "/api/v1/sessions",
    request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse),
        (status = 401, body = madoguchi_domain::api::Problem, description = "the same answer for every failure"),
        (status = 429, body = madoguchi_domain::api::Problem),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    let email = email_field(&request.email);
    state.limits.check_email(&email)?;
    let now = db::now();
    let credentials = accounts::credentials(&state.db, &email).await?;
    let locked = credentials
        .as_ref()
        .and_then(|c| c.locked_until)
        .is_some_and(|until| until > now);
    // Verified even when locked or unknown, so that timing tells nothing.
    let stored = credentials
        .as_ref()
        .filter(|_| !locked)
        .map(|c| c.password_hash.clone());
    let ok = verify_password(request.password.clone(), stored).await?;
    let Some(credentials) = credentials else {
        return Err(login_failed());
    };
    if locked {
        return Err(login_failed());
    }
    if !ok {
        // A lock that has run out starts the count afresh.
        let previous = if credentials.locked_until.is_some() {
            0
        } else {
            credentials.failed_logins
        };
        let failures = previous + 1;
        let lockout = &state.settings.lockout;
        let locked_until = (failures >= lockout.max_failures).then_some(now + lockout.lock_secs);
        accounts::record_failure(&state.db, &email, failures, locked_until).await?;
        if locked_until.is_some() {
            tracing::warn!("account locked after repeated login failures");
        }
        return Err(login_failed());
    }
    if credentials.failed_logins > 0 || credentials.locked_until.is_some() {
        accounts::clear_failures(&state.db, &email).await?;
    }
    let token = new_token()?;
    let expires_at = now + state.settings.session_lifetime_secs;
    sessions::create(&state.db, &token_hash(&token), &email, now, expires_at).await?;
    let expires_at = OffsetDateTime::from_unix_timestamp(expires_at)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default();
    Ok(Json(LoginResponse {
        session_token: token,
        email,
        expires_at,
    }))
}

#[utoipa::path(
    get,
    path = "/api/v1/sessions/current",
    security(("bearer" = [])),
    responses((status = 200, body = Account), (status = 401, body = madoguchi_domain::api::Problem))
)]
pub async fn current(
    State(state): State<AppState>,
    Bearer(token): Bearer,
) -> Result<Json<Account>, ApiError> {
    let expired =
        || ApiError::Unauthorized("ログインの有効期限が切れました。もう一度ログインしてください。");
    let email = sessions::email_of(&state.db, &token_hash(&token), db::now())
        .await?
        .ok_or_else(expired)?;
    let p = accounts::profile(&state.db, &email)
        .await?
        .ok_or_else(expired)?;
    let kind = FacilityKind::from_key(&p.facility_kind).ok_or_else(|| {
        ApiError::Internal(format!("unknown kind in accounts: {}", p.facility_kind))
    })?;
    let display = RegistrationNumber::from_canonical(kind, &p.facility_number)
        .map(|n| n.display())
        .unwrap_or(p.facility_number);
    Ok(Json(Account {
        email: p.email,
        family_name: p.family_name,
        given_name: p.given_name,
        facility_kind: kind,
        facility_number: display,
        facility_name: p.facility_name,
    }))
}

#[utoipa::path(
    delete,
    path = "/api/v1/sessions/current",
    security(("bearer" = [])),
    responses((status = 204), (status = 401, body = madoguchi_domain::api::Problem))
)]
pub async fn logout(
    State(state): State<AppState>,
    Bearer(token): Bearer,
) -> Result<StatusCode, ApiError> {
    if sessions::delete(&state.db, &token_hash(&token)).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::Unauthorized("ログインしていません。"))
    }
}
