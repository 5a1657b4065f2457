//! Registration: validated with crates/domain, facility checked, password hashed, stored
//! as pending with its activation mail in the same transaction.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use madoguchi_domain::api::{
    facility_not_found, RegistrationAccepted, RegistrationRequest, RegistrationStatus,
    ResendAccepted, IDEMPOTENCY_KEY_HEADER,
};
use madoguchi_domain::{Registration, RegistrationForm};
use sha2::{Digest, Sha256};

use super::extract::ApiJson;
use super::AppState;
use crate::audit::{self, Event};
use crate::client::ClientNet;
use crate::db::outbox::{self, OutMail};
use crate::db::registrations::Resend;
use crate::db::{self, facilities, idempotency, registrations};
use crate::mail::armed::Armed;
use crate::mail::templates;
use crate::problem::ApiError;
use crate::rate_limit::Flow;
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
    params(("Idempotency-Key" = Option<String>, Header, description = "makes a retried request return the first answer", pattern = "^[!-~]{1,128}$")),
    responses(
        (status = 202, body = RegistrationAccepted),
        (status = 422, body = madoguchi_domain::api::Problem, description = "every field error, with code and message"),
        (status = 429, body = madoguchi_domain::api::Problem),
    )
)]
pub async fn register(
    State(state): State<AppState>,
    net: ClientNet,
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
    if let Err(refused) = state
        .limits
        .check_flow(Flow::Registration, &registration.email, net)
    {
        audit::record(Event::RateLimited, Some(&email), Some(net));
        return Err(refused);
    }

    let kind = registration.number.kind();
    let number = registration.number.canonical();
    // Before the hash, so that a wrong number costs no hashing: the in-memory master knows
    // an active facility at once; a number it lacks is asked of the database, which it may
    // trail by its refresh. The INSERT checks again, in the transaction.
    let known = state
        .facilities
        .name(&state.db, &registration.number)
        .await?
        .is_some()
        || facilities::active_name(&state.db, kind.key(), &number)
            .await?
            .is_some();
    if !known {
        return Err(ApiError::Invalid(vec![facility_not_found(kind)]));
    }

    // Hashed in every case, so that the answer takes as long for a known address.
    let password_hash = hash_password(registration.password.expose().to_owned()).await?;
    let receipt = new_token()?;
    // The activation link is minted now and held in memory for the worker, which mails it
    // in the next moment; the row holds its hash. (A decoy's row holds it too, but a decoy
    // is never activated and its link never mailed.)
    let link = new_token()?;
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
    let inserted = registrations::insert(
        &mut tx,
        &registrations::NewRegistration {
            id: &id,
            receipt_hash: &token_hash(&receipt),
            token_hash: &token_hash(&link),
            email: &email,
            family_name: registration.family_name.as_str(),
            given_name: registration.given_name.as_str(),
            facility_kind: kind.key(),
            facility_number: &number,
            phone: registration.phone.as_str(),
            password_hash: &password_hash,
            created_at: now,
            // The held link's lifetime: its mail goes out within `armed::FRESH`, or a new
            // link is armed then, with its own lifetime, on every attempt of the outbox.
            expires_at: now + state.settings.activation_lifetime_secs,
            decoy_expires_at: now + state.settings.activation_lifetime_secs,
        },
    )
    .await?;
    let decoy = match inserted {
        registrations::Inserted::Stored { decoy } => decoy,
        registrations::Inserted::NoActiveFacility => {
            tx.rollback().await?;
            return Err(ApiError::Invalid(vec![facility_not_found(kind)]));
        }
    };
    queue_mail(&mut *tx, &state, &id, &email, decoy, now).await?;
    // Held before the commit, so that the worker finds it whenever it sees the row. If the
    // commit fails, the entry names no registration and goes stale.
    if !decoy {
        state.armed.hold(
            &id,
            Armed {
                token: link,
                family_name: registration.family_name.as_str().to_owned(),
                given_name: registration.given_name.as_str().to_owned(),
            },
        );
    }
    tx.commit().await?;
    state.mail_wake.notify_one();
    tracing::info!(registration = %id, kind = kind.key(), "registration accepted");
    Ok(accepted(202, body))
}

/// Queues what a registration's address is sent: the activation mail (its link is made when
/// it is sent), or, when the address already had an account, the note that says so.
async fn queue_mail<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    executor: E,
    state: &AppState,
    id: &str,
    email: &str,
    decoy: bool,
    now: i64,
) -> Result<(), ApiError> {
    let note;
    let mail = if decoy {
        note = templates::already_registered(state.settings.public_base_url.trim_end_matches('/'));
        OutMail::from(&note)
    } else {
        OutMail::Activation {
            registration_id: id,
        }
    };
    outbox::enqueue(executor, &new_id()?, email, mail, now).await?;
    Ok(())
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
    params(("receipt" = String, Path, description = "the receipt of the registration answer", pattern = "^[A-Za-z0-9_-]{43}$")),
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

/// Mails a fresh activation link for a pending registration; the new link replaces the
/// old. The answer is the same whatever the registration's state (pending, activated,
/// expired, unknown, or an address that already had an account); only the cooldown and
/// the daily cap are told, as 429 with Retry-After.
#[utoipa::path(
    post,
    path = "/api/v1/registrations/{receipt}/resend",
    params(("receipt" = String, Path, description = "the receipt of the registration answer", pattern = "^[A-Za-z0-9_-]{43}$")),
    responses(
        (status = 202, body = ResendAccepted, description = "the same answer for a pending, activated, expired or unknown registration"),
        (status = 404, body = madoguchi_domain::api::Problem, description = "not shaped like a receipt"),
        (status = 429, body = madoguchi_domain::api::Problem, description = "too soon after the last mail, or too many today"),
    )
)]
pub async fn resend(
    State(state): State<AppState>,
    Path(receipt): Path<String>,
) -> Result<(StatusCode, Json<ResendAccepted>), ApiError> {
    let cooldown = state.settings.resend.cooldown_secs;
    let answer = || {
        (
            StatusCode::ACCEPTED,
            Json(ResendAccepted {
                message: RESEND_ACCEPTED.into(),
                cooldown_secs: u64::try_from(cooldown).unwrap_or(0),
            }),
        )
    };
    if !well_formed_token(&receipt) {
        // Not a receipt of ours at all (a shape, not a state): as GET on it answers.
        return Err(ApiError::NotFound {
            title: "受付が見つかりません。",
            detail: "受付番号をご確認ください。".into(),
        });
    }
    let now = db::now();
    let claim = registrations::claim_resend(
        &state.db,
        &token_hash(&receipt),
        now,
        cooldown,
        state.settings.resend.per_day,
    )
    .await?;
    match claim {
        Resend::Wait(secs) => Err(ApiError::TooManyRequests {
            retry_after_secs: u64::try_from(secs).unwrap_or(1).max(1),
        }),
        Resend::Nothing => Ok(answer()),
        Resend::Send { id, email, decoy } => {
            queue_mail(&state.db, &state, &id, &email, decoy, now).await?;
            state.mail_wake.notify_one();
            tracing::info!(registration = %id, "activation mail resent");
            Ok(answer())
        }
    }
}

const RESEND_ACCEPTED: &str = "お申し込みが有効な場合は、ユーザー登録用のメールを再送しました。新しいメールのURLをお使いください（以前のURLは無効になります）。";
