//! Password reset by a mailed link: 24 h, single use; the same answer for any address.

use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Html;
use axum::{Form, Json};
use madoguchi_domain::api::{Accepted, PasswordResetRequest};
use madoguchi_domain::{EmailAddress, Password};
use serde::Deserialize;

use super::extract::ApiJson;
use super::AppState;
use crate::audit::{self, Event};
use crate::client::ClientNet;
use crate::db::outbox::{self, OutMail};
use crate::db::{self, accounts, login_failures, password_resets, sessions};
use crate::mail::templates;
use crate::pages;
use crate::problem::ApiError;
use crate::rate_limit::Flow;
use crate::secrets::{hash_password, new_id, token_hash, well_formed_token};

const ACCEPTED: &str = "パスワード再設定のご案内を、ご登録のメールアドレス宛にお送りしました。メールが届かない場合は、メールアドレスをご確認ください。";

#[utoipa::path(
    post,
    path = "/api/v1/password-resets",
    request_body = PasswordResetRequest,
    responses((status = 202, body = Accepted), (status = 429, body = madoguchi_domain::api::Problem))
)]
pub async fn request(
    State(state): State<AppState>,
    net: ClientNet,
    ApiJson(request): ApiJson<PasswordResetRequest>,
) -> Result<(StatusCode, Json<Accepted>), ApiError> {
    let accepted = || {
        (
            StatusCode::ACCEPTED,
            Json(Accepted {
                message: ACCEPTED.into(),
            }),
        )
    };
    // An address the rules refuse cannot have an account: the same answer, no work.
    let Ok(email) = EmailAddress::parse(&request.email) else {
        return Ok(accepted());
    };
    if let Err(refused) = state.limits.check_flow(Flow::Reset, &email, net) {
        audit::record(Event::RateLimited, Some(email.as_str()), Some(net));
        return Err(refused);
    }
    audit::record(Event::ResetRequested, Some(email.as_str()), Some(net));
    // One write whether or not the address has an account: the worker looks and mails
    // only the owner, so the answer's timing tells nothing.
    if state.limits.allow_reset_mail(&email) {
        outbox::enqueue(
            &state.db,
            &new_id()?,
            email.as_str(),
            OutMail::PasswordReset,
            db::now(),
        )
        .await?;
        state.mail_wake.notify_one();
    }
    Ok(accepted())
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
    net: ClientNet,
    form: Result<Form<ResetForm>, FormRejection>,
) -> Result<Page, ApiError> {
    let Ok(Form(form)) = form else {
        return Ok(invalid());
    };
    // The token first: a dead link costs no hashing.
    if !well_formed_token(&form.token)
        || !password_resets::usable(&state.db, &token_hash(&form.token), db::now()).await?
    {
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
    let now = db::now();
    let mut tx = state.db.begin().await?;
    let Some(email) = password_resets::consume(&mut tx, &token_hash(&form.token), now).await?
    else {
        tx.rollback().await?;
        return Ok(invalid());
    };
    accounts::set_password(&mut tx, &email, &hash).await?;
    password_resets::revoke_all(&mut tx, &email, now).await?;
    sessions::delete_all(&mut *tx, &email).await?;
    let lifted = login_failures::clear_account(&mut *tx, &audit::account_key(&email)).await?;
    let mail = templates::password_changed(state.settings.public_base_url.trim_end_matches('/'));
    outbox::enqueue(&mut *tx, &new_id()?, &email, OutMail::from(&mail), now).await?;
    tx.commit().await?;
    state.mail_wake.notify_one();
    audit::record(Event::PasswordReset, Some(&email), Some(net));
    if lifted > 0 {
        audit::record(Event::Unlocked, Some(&email), Some(net));
    }
    Ok((StatusCode::OK, Html(pages::reset_done())))
}
