//! Registration: validated with crates/domain, facility checked, password hashed, stored
//! as pending with its activation mail in the same transaction.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use madoguchi_domain::api::{
    facility_not_found, RegistrationAccepted, RegistrationRequest, RegistrationStatus,
    IDEMPOTENCY_KEY_HEADER,
};
use madoguchi_domain::{Registration, RegistrationForm};
use sha2::{Digest, Sha256};

use super::extract::ApiJson;
use super::AppState;
use crate::db::{self, facilities, idempotency, outbox, registrations};
use crate::mail::templates;
use crate::problem::ApiError;
use crate::secrets::{hash_password, new_id, new_token, token_hash, well_formed_token};

/// What identifies "the same request" for an idempotency key: the normalised form without
/// its passwords (a hash of a password would be a weak copy of it).
fn request_fingerprint(form: &RegistrationForm) -> String {
    let n = form.normalized();
    let parts = [
        n.family_name,
        n.given_name,
        n.facility_kind,
        n.judo_prefix,
        n.registration_number,
        n.phone,
        n.email,
    ];
    let mut hasher = Sha256::new();
    for p in parts {
        hasher.update(p.as_bytes());
        hasher.update([0u8]);
    }
    hex::encode(hasher.finalize())
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    match headers.get(IDEMPOTENCY_KEY_HEADER) {
        None => Ok(None),
        Some(v) => {
            let key = v.to_str().unwrap_or_default().trim();
            if key.is_empty() || key.len() > 128 || !key.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(ApiError::BadRequest(
                    "Idempotency-Key は 1～128 文字の英数字・記号で指定してください。".into(),
                ));
            }
            Ok(Some(key.to_owned()))
        }
    }
}

fn accepted(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::ACCEPTED);
    (
        status,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// Registers a facility's account and sends the activation mail.
///
/// The answer is the same whether or not the address already has an account (its owner
/// is told by mail instead). With an `Idempotency-Key`, a retry gets the first answer and
/// sends no second mail.
#[utoipa::path(
    post,
    path = "/api/v1/registrations",
    request_body = RegistrationRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "makes a retried request return the first answer")),
    responses(
        (status = 202, body = RegistrationAccepted),
        (status = 422, body = madoguchi_domain::api::Problem, description = "every field error, with code and message"),
        (status = 429, body = madoguchi_domain::api::Problem),
    )
)]
pub async fn register(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(form): ApiJson<RegistrationRequest>,
) -> Result<Response, ApiError> {
    let key = idempotency_key(&headers)?;
    let registration = Registration::parse(&form).map_err(ApiError::Invalid)?;
    let email = registration.email.as_str().to_owned();
    let fingerprint = request_fingerprint(&form);

    // A retry is answered before any limit or work: it costs nothing and must succeed.
    if let Some(key) = &key {
        if let Some(stored) = replay(&state, key, &fingerprint).await? {
            return Ok(stored);
        }
    }
    state.limits.check_email(&email)?;

    let kind = registration.number.kind();
    let number = registration.number.canonical();
    if facilities::active_name(&state.db, kind.key(), &number)
        .await?
        .is_none()
    {
        return Err(ApiError::Invalid(vec![facility_not_found()]));
    }

    // Hashed in every case, so that the answer takes as long for a known address.
    let password_hash = hash_password(registration.password.expose().to_owned()).await?;
    let receipt = new_token()?;
    let token = new_token()?;
    let now = db::now();
    let body = serde_json::to_string(&RegistrationAccepted {
        receipt: receipt.clone(),
        email: email.clone(),
    })
    .map_err(|e| ApiError::Internal(e.to_string()))?;

    let mut tx = state.db.begin().await?;
    if let Some(key) = &key {
        if !idempotency::claim(&mut tx, key, &fingerprint, 202, &body, now).await? {
            // Claimed by a concurrent twin that has committed by now.
            tx.rollback().await?;
            return replay(&state, key, &fingerprint)
                .await?
                .ok_or(ApiError::Conflict(
                    "同じ Idempotency-Key のリクエストを処理中です。",
                ));
        }
    }
    let id = new_id()?;
    let decoy = registrations::insert(
        &mut tx,
        &registrations::NewRegistration {
            id: &id,
            receipt_hash: &token_hash(&receipt),
            token_hash: &token_hash(&token),
            email: &email,
            family_name: registration.family_name.as_str(),
            given_name: registration.given_name.as_str(),
            facility_kind: kind.key(),
            facility_number: &number,
            phone: registration.phone.as_str(),
            password_hash: &password_hash,
            created_at: now,
            expires_at: now + state.settings.activation_lifetime_secs,
        },
    )
    .await?;
    let base = state.settings.public_base_url.trim_end_matches('/');
    let mail = if decoy {
        templates::already_registered(base)
    } else {
        let url = format!("{base}/activate?token={token}");
        let hours = state.settings.activation_lifetime_secs / 3600;
        templates::activation(
            registration.family_name.as_str(),
            registration.given_name.as_str(),
            &url,
            hours.max(1),
            base,
        )
    };
    outbox::enqueue(&mut *tx, &new_id()?, &email, &mail.subject, &mail.body, now).await?;
    tx.commit().await?;
    state.mail_wake.notify_one();
    tracing::info!(registration = %id, kind = kind.key(), "registration accepted");
    Ok(accepted(202, body))
}

/// The stored answer for `key`, or an error if the key came with a different request.
async fn replay(
    state: &AppState,
    key: &str,
    fingerprint: &str,
) -> Result<Option<Response>, ApiError> {
    let mut tx = state.db.begin().await?;
    let stored = idempotency::find(&mut tx, key).await?;
    tx.rollback().await?;
    match stored {
        None => Ok(None),
        Some(s) if s.request_hash == fingerprint => Ok(Some(accepted(s.status, s.body))),
        Some(_) => Err(ApiError::Conflict(
            "この Idempotency-Key は別の内容のリクエストに使われています。",
        )),
    }
}

/// The registration's state: pending (mail sent), active (link used) or expired.
#[utoipa::path(
    get,
    path = "/api/v1/registrations/{receipt}",
    params(("receipt" = String, Path, description = "the receipt of the registration answer")),
    responses((status = 200, body = RegistrationStatus), (status = 404, body = madoguchi_domain::api::Problem))
)]
pub async fn status(
    State(state): State<AppState>,
    Path(receipt): Path<String>,
) -> Result<Json<RegistrationStatus>, ApiError> {
    let not_found = || ApiError::NotFound {
        title: "受付が見つかりません。",
        detail: "受付番号をご確認ください。".into(),
    };
    if !well_formed_token(&receipt) {
        return Err(not_found());
    }
    let state = registrations::state(&state.db, &token_hash(&receipt), db::now())
        .await?
        .ok_or_else(not_found)?;
    Ok(Json(RegistrationStatus { state }))
}
