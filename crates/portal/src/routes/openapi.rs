use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "施術所等向け総合ポータルサイト API (Madoguchi)", description = "Facility lookup, registration, activation state, login and password reset."),
    paths(
        super::health::health,
        super::facilities::lookup,
        super::facility_changes::changes,
        super::registrations::register,
        super::registrations::status,
        super::registrations::resend,
        super::sessions::login,
        super::sessions::current,
        super::sessions::logout,
        super::password_reset::request,
        super::notices::list,
        super::updates::check,
        super::updates::download,
    ),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// The OpenAPI 3 document, generated from the handlers and the shared API types.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
