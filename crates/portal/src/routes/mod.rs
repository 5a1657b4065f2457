//! HTTP routes. JSON API under /api/v1, HTML pages for the links in mail.

pub mod activation;
pub mod extract;
pub mod facilities;
pub mod facility_changes;
pub mod health;
pub mod notices;
pub mod openapi;
pub mod password_reset;
pub mod registrations;
pub mod sessions;
pub mod updates;

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tokio::sync::Notify;

use crate::audit::{self, Event};
use crate::client::{self, ClientNet};
use crate::config::Settings;
use crate::db::Db;
use crate::headers;
use crate::rate_limit::Limits;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub limits: Arc<Limits>,
    /// Wakes the mail worker after a commit that queued mail.
    pub mail_wake: Arc<Notify>,
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/health", get(health::health))
        .route(
            "/api/v1/facilities/{kind}/{number}",
            get(facilities::lookup),
        )
        .route("/api/v1/facility-changes", get(facility_changes::changes))
        .route("/api/v1/registrations", post(registrations::register))
        .route(
            "/api/v1/registrations/{receipt}",
            get(registrations::status),
        )
        .route(
            "/api/v1/registrations/{receipt}/resend",
            post(registrations::resend),
        )
        .route("/api/v1/sessions", post(sessions::login))
        .route(
            "/api/v1/sessions/current",
            get(sessions::current).delete(sessions::logout),
        )
        .route("/api/v1/password-resets", post(password_reset::request))
        .route("/api/v1/notices", get(notices::list))
        .route(
            "/api/v1/updates/{target}/{arch}/{bundle}/{current_version}",
            get(updates::check),
        )
        .route(
            "/api/v1/releases/{target}/{arch}/{bundle}/{version}/{file}",
            get(updates::download),
        )
        .route(
            "/activate",
            get(activation::page).post(activation::activate),
        )
        .route(
            "/reset-password",
            get(password_reset::page).post(password_reset::reset),
        )
        .route("/api-docs/openapi.json", get(openapi::document))
        // Layers run bottom-up: the client is known before any limit, and every answer,
        // refusals included, gets the security headers.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            limit_posts_by_network,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            client::identify,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            headers::secure,
        ))
        .with_state(state)
}

/// Every public POST is limited per client network.
async fn limit_posts_by_network(
    State(state): State<AppState>,
    net: ClientNet,
    request: Request,
    next: Next,
) -> Response {
    if request.method() == Method::POST {
        if let Err(refused) = state.limits.check_network(net) {
            audit::record(Event::RateLimited, None, Some(net));
            return refused.into_response();
        }
    }
    next.run(request).await
}
