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
pub mod web;

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use madoguchi_domain::documents::PortalLink;
use tokio::sync::Notify;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::audit::{self, Event};
use crate::client::{self, ClientNet};
use crate::config::Settings;
use crate::db::Db;
use crate::headers;
use crate::rate_limit::Limits;

/// What every handler shares. One `Arc` around it all: axum clones the state for each
/// request and each layer that takes it, and one reference count to touch (instead of one
/// per field, each a cache line the two cores pass back and forth) was 5 % of a lookup's
/// CPU in `perf`.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub limits: Arc<Limits>,
    /// Wakes the mail worker after a commit that queued mail.
    pub mail_wake: Arc<Notify>,
    /// The master's active names, for lookups.
    pub facilities: Arc<crate::facility_index::FacilityIndex>,
    /// Activation links minted with their registration, until the worker mails them.
    pub armed: Arc<crate::mail::armed::ArmedLinks>,
}

impl AppState {
    pub fn new(shared: Shared) -> AppState {
        AppState(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

pub fn router(state: AppState) -> Router {
    // Every documented operation is routed from its own #[utoipa::path]: one list.
    let (api_routes, api) = OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .routes(routes!(health::health))
        .routes(routes!(health::live))
        .routes(routes!(facilities::lookup))
        .routes(routes!(facility_changes::changes))
        .routes(routes!(registrations::register))
        .routes(routes!(registrations::status))
        .routes(routes!(registrations::resend))
        .routes(routes!(sessions::login))
        .routes(routes!(sessions::current, sessions::logout))
        .routes(routes!(password_reset::request))
        .routes(routes!(notices::list))
        .routes(routes!(updates::check))
        .routes(routes!(updates::download))
        .split_for_parts();
    // Serialised once: the document does not change while the server runs.
    let api: Arc<str> = serde_json::to_string(&openapi::finish(api))
        .unwrap_or_default()
        .into();
    api_routes
        // The HTML pages opened from mail are not part of the JSON API.
        .route(
            "/activate",
            get(activation::page).post(activation::activate),
        )
        .route(
            "/reset-password",
            get(password_reset::page).post(password_reset::reset),
        )
        .route("/login", get(web::login_page).post(web::login))
        .route("/privacy", get(|| web::document(PortalLink::PrivacyPolicy)))
        .route("/terms", get(|| web::document(PortalLink::TermsOfUse)))
        .route("/links", get(|| web::document(PortalLink::RelatedSites)))
        .route("/ons", get(|| web::document(PortalLink::VendorContact)))
        .route(
            "/api-docs/openapi.json",
            get(move || {
                let api = api.clone();
                async move { ([(CONTENT_TYPE, "application/json")], api.to_string()) }
            }),
        )
        // Layers run bottom-up: the client is known before any limit, and every answer,
        // refusals included, gets the security headers.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            limit_posts_by_network,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.settings.clone(),
            client::identify,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.settings.clone(),
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
