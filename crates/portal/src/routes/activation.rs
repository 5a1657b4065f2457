//! The activation link (manual steps 6–7). GET shows the button and burns nothing (mail
//! scanners open links); the button's POST uses the token once.

use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Html;
use axum::Form;
use madoguchi_domain::{FacilityKind, RegistrationNumber};
use serde::Deserialize;

use super::AppState;
use crate::db::outbox::{self, OutMail};
use crate::db::{self, accounts, registrations};
use crate::mail::templates;
use crate::pages;
use crate::problem::ApiError;
use crate::secrets::{new_id, token_hash, well_formed_token};

#[derive(Deserialize)]
pub struct TokenParam {
    #[serde(default)]
    token: String,
}

type Page = (StatusCode, Html<String>);

fn invalid() -> Page {
    (StatusCode::BAD_REQUEST, Html(pages::invalid_operation()))
}

pub async fn page(
    State(state): State<AppState>,
    query: Result<Query<TokenParam>, QueryRejection>,
) -> Result<Page, ApiError> {
    let token = query.map(|Query(q)| q.token).ok().unwrap_or_default();
    if !well_formed_token(&token) {
        return Ok(invalid());
    }
    let Some(p) =
        registrations::pending_by_token(&state.db, &token_hash(&token), db::now()).await?
    else {
        return Ok(invalid());
    };
    // Shown so that the owner of the address can see what pressing the button would do.
    let kind = FacilityKind::from_key(&p.facility_kind);
    let summary = pages::PendingSummary {
        kind: kind.map(|k| k.label()).unwrap_or_default(),
        number: kind
            .and_then(|k| RegistrationNumber::from_canonical(k, &p.facility_number).ok())
            .map(|n| n.display())
            .unwrap_or(p.facility_number),
        facility_name: p.facility_name.unwrap_or_default(),
        registrant: format!("{} {}", p.family_name, p.given_name),
        applied_at: pages::japan_time(p.created_at),
    };
    Ok((
        StatusCode::OK,
        Html(pages::activation_confirm(&token, &summary)),
    ))
}

pub async fn activate(
    State(state): State<AppState>,
    form: Result<Form<TokenParam>, FormRejection>,
) -> Result<Page, ApiError> {
    let token = form.map(|Form(f)| f.token).ok().unwrap_or_default();
    if !well_formed_token(&token) {
        return Ok(invalid());
    }
    let now = db::now();
    let mut tx = state.db.begin().await?;
    let Some(activated) = registrations::consume_token(&mut tx, &token_hash(&token), now).await?
    else {
        tx.rollback().await?;
        return Ok(invalid());
    };
    if !accounts::create(&mut tx, &activated, now).await? {
        // The address was activated through another registration's link meanwhile.
        tx.rollback().await?;
        return Ok(invalid());
    }
    registrations::void_others(&mut tx, &activated.email, &activated.id, now).await?;
    let mail = templates::completion(
        &activated.email,
        state.settings.public_base_url.trim_end_matches('/'),
    );
    let plain = OutMail::from(&mail);
    outbox::enqueue(&mut *tx, &new_id()?, &activated.email, plain, now).await?;
    tx.commit().await?;
    state.mail_wake.notify_one();
    tracing::info!(registration = %activated.id, "account activated");
    Ok((StatusCode::OK, Html(pages::activation_done())))
}
