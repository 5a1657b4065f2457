//! The OpenAPI document. Paths come from the router itself (utoipa-axum): a documented
//! handler is a routed handler. What every operation can answer besides its own statuses
//! (malformed requests, rate limits, server faults) is added here once, and every error
//! answer is declared as what it is: `application/problem+json` (RFC 9457).

use madoguchi_domain::api::{Problem, PROBLEM_CONTENT_TYPE};
use utoipa::openapi::path::{HttpMethod, Operation};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi, PartialSchema, ToSchema};

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

/// The statuses any operation of a kind can answer, whatever its handler says.
fn common_statuses(method: &HttpMethod, op: &Operation) -> Vec<(&'static str, &'static str)> {
    let mut out = vec![("500", "a fault of the server")];
    let has_body = op.request_body.is_some();
    let has_params = op.parameters.as_ref().is_some_and(|p| !p.is_empty());
    if has_body || has_params {
        out.push((
            "400",
            "the request is malformed (JSON, types, header or query)",
        ));
    }
    if has_body {
        out.push(("413", "the body is larger than max_body_bytes"));
        out.push(("415", "the body is not application/json"));
    }
    if matches!(method, HttpMethod::Post) {
        out.push((
            "429",
            "too many requests from this client network (Retry-After)",
        ));
    }
    out
}

fn problem_response(description: &str) -> RefOr<utoipa::openapi::Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                PROBLEM_CONTENT_TYPE,
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name(Problem::name())))
                    .build(),
            )
            .build(),
    )
}

struct ProblemResponses;

impl Modify for ProblemResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components
                .schemas
                .entry(Problem::name().into_owned())
                .or_insert_with(Problem::schema);
        }
        for item in openapi.paths.paths.values_mut() {
            let ops = [
                (HttpMethod::Get, item.get.as_mut()),
                (HttpMethod::Post, item.post.as_mut()),
                (HttpMethod::Delete, item.delete.as_mut()),
                (HttpMethod::Put, item.put.as_mut()),
            ];
            for (method, op) in ops {
                let Some(op) = op else { continue };
                for (status, description) in common_statuses(&method, op) {
                    op.responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| problem_response(description));
                }
                for (status, response) in op.responses.responses.iter_mut() {
                    let error = status.starts_with('4') || status.starts_with('5');
                    if let (true, RefOr::T(response)) = (error, response) {
                        if let Some(json) = response.content.shift_remove("application/json") {
                            response
                                .content
                                .insert(PROBLEM_CONTENT_TYPE.to_owned(), json);
                        }
                    }
                }
            }
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "施術所等向け総合ポータルサイト API (Madoguchi)", description = "Facility lookup, registration, activation state, login and password reset."),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// The finished document: the routed paths, then what [`ProblemResponses`] adds.
pub fn finish(mut api: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    ProblemResponses.modify(&mut api);
    api
}
