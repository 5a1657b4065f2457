//! Login (with lockout), the signed-in account, logout.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use madoguchi_domain::api::{Account, LoginRequest, LoginResponse};
use madoguchi_domain::{EmailAddress, FacilityKind, RegistrationNumber};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::extract::{ApiJson, Bearer};
use super::AppState;
use crate::audit::{self, Event};
use crate::client::ClientNet;
use crate::config::LockoutSettings;
use crate::db::outbox::{self, OutMail};
use crate::db::{self, accounts, login_failures, sessions};
use crate::mail::templates;
use crate::problem::ApiError;
use crate::rate_limit::Flow;
use crate::secrets::{new_id, new_token, token_hash, verify_password};

/// One answer for every failure: unknown address, wrong password, locked, not activated.
fn login_failed() -> ApiError {
    ApiError::Unauthorized(
        "メールアドレスまたはパスワードが正しくありません。続けて5回失敗すると、しばらくログインできなくなります。",
    )
}

/// How long an attempt waits once the account has failed `failed_logins` times in a row:
/// the rest of the world is slowed down, never refused.
pub fn slowdown(lockout: &LockoutSettings, failed_logins: i64) -> Duration {
    let over = u64::try_from(failed_logins - lockout.slowdown_after).unwrap_or(0);
    Duration::from_millis(
        over.saturating_mul(lockout.slowdown_step_ms)
            .min(lockout.slowdown_max_ms),
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
    net: ClientNet,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    let email = authenticate(&state, net, &request).await?;
    let token = new_token()?;
    let now = db::now();
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

/// The checks of every login, the API's and the web page's: limits, lockout, the password.
/// Answers the account's address.
pub async fn authenticate(
    state: &AppState,
    net: ClientNet,
    request: &LoginRequest,
) -> Result<String, ApiError> {
    // Judged first: an address the rules refuse costs no limiter key, query or hash.
    let Ok(email) = EmailAddress::parse(&request.email) else {
        return Err(login_failed());
    };
    if let Err(refused) = state.limits.check_flow(Flow::Login, &email, net) {
        audit::record(Event::RateLimited, Some(email.as_str()), Some(net));
        return Err(refused);
    }
    let email = email.as_str().to_owned();
    let account = audit::account_key(&email);
    let network = net.to_string();
    let lockout = &state.settings.lockout;
    let now = db::now();
    let credentials = accounts::credentials(&state.db, &email).await?;
    // Read for unknown addresses too, so that both cost the same queries.
    let network_record = login_failures::get(&state.db, &account, &network).await?;
    let network_locked = network_record
        .as_ref()
        .and_then(|r| r.locked_until)
        .is_some_and(|until| until > now);
    if let Some(c) = &credentials {
        let wait = slowdown(lockout, c.failed_logins);
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
    }
    let account_locked = credentials
        .as_ref()
        .and_then(|c| c.locked_until)
        .is_some_and(|until| until > now);
    let locked = account_locked || network_locked;
    // Verified even when locked or unknown, so that timing tells nothing.
    let stored = credentials
        .as_ref()
        .filter(|_| !locked)
        .map(|c| c.password_hash.clone());
    let ok = verify_password(request.password.clone(), stored).await?;
    let Some(credentials) = credentials else {
        audit::record(Event::LoginFailed, Some(&email), Some(net));
        return Err(login_failed());
    };
    if locked {
        // A locked attempt never reached the password: it does not count again.
        audit::record(Event::LoginFailed, Some(&email), Some(net));
        return Err(login_failed());
    }
    if !ok {
        audit::record(Event::LoginFailed, Some(&email), Some(net));
        if login_failures::record(
            &state.db,
            &account,
            &network,
            now,
            lockout.max_failures,
            lockout.lock_secs,
        )
        .await?
        {
            audit::record(Event::NetworkLocked, Some(&email), Some(net));
        }
        let in_a_row = accounts::count_failure(&state.db, &email).await?;
        if in_a_row >= lockout.hard_lock_failures
            && accounts::hard_lock(&state.db, &email, now, now + lockout.hard_lock_secs).await?
        {
            audit::record(Event::AccountLocked, Some(&email), Some(net));
            let mail = templates::account_locked(
                state.settings.public_base_url.trim_end_matches('/'),
                (lockout.hard_lock_secs / 3600).max(1),
            );
            outbox::enqueue(&state.db, &new_id()?, &email, OutMail::from(&mail), now).await?;
            state.mail_wake.notify_one();
        }
        return Err(login_failed());
    }
    if credentials.failed_logins > 0 || credentials.locked_until.is_some() {
        accounts::clear_failures(&state.db, &email).await?;
        if credentials.locked_until.is_some() {
            audit::record(Event::Unlocked, Some(&email), Some(net));
        }
    }
    // Only a network that had failed writes anything: a clean login stays a read.
    if network_record.is_some() {
        login_failures::clear(&state.db, &account, &network).await?;
    }
    audit::record(Event::LoginSucceeded, Some(&email), Some(net));
    Ok(email)
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
