//! Password reset by a mailed link: 24 h, single use; the same answer for any address.

use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Html;
use axum::{Form, Json};
use madoguchi_domain::api::{Accepted, PasswordResetRequest};
use madoguchi_domain::normalize::email_field;
use madoguchi_domain::Password;
use serde::Deserialize;

use super::extract::ApiJson;
use super::AppState;
use crate::db::{self, accounts, outbox, password_resets, sessions};
use crate::mail::templates;
use crate::pages;
use crate::problem::ApiError;
use crate::secrets::{hash_password, new_id, new_token, token_hash, well_formed_token};

const ACCEPTED: &str = "パスワード再設定のご案内を、ご登録のメールアドレス宛にお送りしました。メールが届かない場合は、メールアドレスをご確認ください。";

#[utoipa::path(
    post,
    path = "/api/v1/password-resets",
    request_body = PasswordResetRequest,
    responses((status = 202, body = Accepted), (status = 429, body = madoguchi_domain::api::Problem))
)]
pub async fn request(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<PasswordResetRequest>,
) -> Result<(StatusCode, Json<Accepted>), ApiError> {
    let email = email_field(&request.email);
    state.limits.check_email(&email)?;
    if accounts::exists(&state.db, &email).await? {
        let token = new_token()?;
        let now = db::now();
        let lifetime = state.settings.reset_lifetime_secs;
        password_resets::create(&state.db, &token_hash(&token), &email, now, now + lifetime)
            .await?;
        let base = state.settings.public_base_url.trim_end_matches('/');
        let mail = templates::password_reset(
            &format!("{base}/reset-password?token={token}"),
            (lifetime / 3600).max(1),
            base,
        );
        outbox::enqueue(
            &state.db,
            &new_id()?,
            &email,
            &mail.subject,
            &mail.body,
            now,
        )
        .await?;
        state.mail_wake.notify_one();
    }
    Ok((
        StatusCode::ACCEPTED,
        Json(Accepted {
            message: ACCEPTED.into(),
        }),
    ))
}

#[derive(Deserialize)]
pub struct TokenParam {
    #[serde(default)]
    token: String,
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirmation: String,
}

type Page = (StatusCode, Html<String>);

fn invalid() -> Page {
    (StatusCode::BAD_REQUEST, Html(pages::reset_invalid()))
}

pub async fn page(
    State(state): State<AppState>,
    query: Result<Query<TokenParam>, QueryRejection>,
) -> Result<Page, ApiError> {
    let token = query.map(|Query(q)| q.token).ok().unwrap_or_default();
    if !well_formed_token(&token)
        || !password_resets::usable(&state.db, &token_hash(&token), db::now()).await?
    {
        return Ok(invalid());
    }
    Ok((StatusCode::OK, Html(pages::reset_form(&token, &[]))))
}

pub async fn reset(
    State(state): State<AppState>,
    form: Result<Form<ResetForm>, FormRejection>,
) -> Result<Page, ApiError> {
    let Ok(Form(form)) = form else {
        return Ok(invalid());
    };
    if !well_formed_token(&form.token) {
        return Ok(invalid());
    }
    let password = match Password::parse_confirmed(&form.password, &form.password_confirmation) {
        Ok(p) => p,
        Err(errors) => {
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                Html(pages::reset_form(&form.token, &errors)),
            ));
        }
    };
    let hash = hash_password(password.expose().to_owned()).await?;
    let mut tx = state.db.begin().await?;
    let Some(email) =
        password_resets::consume(&mut tx, &token_hash(&form.token), db::now()).await?
    else {
        tx.rollback().await?;
        return Ok(invalid());
    };
    accounts::set_password(&mut tx, &email, &hash).await?;
    sessions::delete_all(&mut *tx, &email).await?;
    tx.commit().await?;
    tracing::info!("password reset");
    Ok((StatusCode::OK, Html(pages::reset_done())))
}
