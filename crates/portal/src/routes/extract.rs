//! Extractors whose refusals are problem+json, never axum's plain-text bodies.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};

use crate::problem::ApiError;
use crate::secrets::well_formed_token;

/// `axum::Json`, with malformed JSON, wrong types, a wrong content type and an oversized
/// body answered as 400/415/413 problem documents.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    axum::Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(match rejection.status() {
                StatusCode::PAYLOAD_TOO_LARGE => ApiError::Body {
                    status: StatusCode::PAYLOAD_TOO_LARGE,
                    detail: "リクエストの本文が大きすぎます。".into(),
                },
                StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::Body {
                    status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    detail: "Content-Type は application/json としてください。".into(),
                },
                _ => ApiError::BadRequest(rejection.body_text()),
            }),
        }
    }
}

/// The session token of `Authorization: Bearer …`, if it has our shape.
pub struct Bearer(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Bearer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .filter(|t| well_formed_token(t))
            .map(|t| Bearer(t.to_owned()))
            .ok_or(ApiError::Unauthorized("ログインしてください。"))
    }
}
