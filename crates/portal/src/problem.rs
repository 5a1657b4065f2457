//! Every error answer is RFC 9457 problem+json with a Japanese title.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use madoguchi_domain::api::{Problem, PROBLEM_CONTENT_TYPE};
use madoguchi_domain::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("invalid fields")]
    Invalid(Vec<FieldError>),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("request body: {status}")]
    Body { status: StatusCode, detail: String },
    #[error("not found")]
    NotFound { title: &'static str, detail: String },
    #[error("unauthorized")]
    Unauthorized(&'static str),
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("rate limited")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("secrets: {0}")]
    Secret(#[from] crate::secrets::SecretError),
    #[error("internal: {0}")]
    Internal(String),
}

impl ApiError {
    fn problem(&self) -> Problem {
        let (status, title, detail, errors) = match self {
            ApiError::Invalid(errors) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "入力内容に誤りがあります。",
                None,
                errors.clone(),
            ),
            ApiError::BadRequest(detail) => (
                StatusCode::BAD_REQUEST,
                "リクエストの形式が正しくありません。",
                Some(detail.clone()),
                Vec::new(),
            ),
            ApiError::Body { status, detail } => (
                *status,
                "リクエストを受け付けられませんでした。",
                Some(detail.clone()),
                Vec::new(),
            ),
            ApiError::NotFound { title, detail } => (
                StatusCode::NOT_FOUND,
                *title,
                Some(detail.clone()),
                Vec::new(),
            ),
            ApiError::Unauthorized(detail) => (
                StatusCode::UNAUTHORIZED,
                "認証できませんでした。",
                Some((*detail).to_owned()),
                Vec::new(),
            ),
            ApiError::Conflict(detail) => (
                StatusCode::CONFLICT,
                "リクエストが競合しました。",
                Some((*detail).to_owned()),
                Vec::new(),
            ),
            ApiError::TooManyRequests { retry_after_secs } => (
                StatusCode::TOO_MANY_REQUESTS,
                "リクエストが多すぎます。",
                Some(format!(
                    "しばらく（{retry_after_secs}秒ほど）待ってから、もう一度お試しください。"
                )),
                Vec::new(),
            ),
            ApiError::Database(_) | ApiError::Secret(_) | ApiError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "サーバーで問題が発生しました。",
                Some("時間をおいて、もう一度お試しください。".to_owned()),
                Vec::new(),
            ),
        };
        Problem {
            kind: "about:blank".into(),
            title: title.into(),
            status: status.as_u16(),
            detail,
            errors,
        }
    }
}

/// Writes a problem document with its status and content type.
pub fn problem_response(problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem).unwrap_or_default();
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(PROBLEM_CONTENT_TYPE),
    );
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match &self {
            ApiError::Database(_) | ApiError::Secret(_) | ApiError::Internal(_) => {
                tracing::error!(error = %self, "request failed");
            }
            _ => tracing::debug!(error = %self, "request refused"),
        }
        let mut response = problem_response(&self.problem());
        if let ApiError::TooManyRequests { retry_after_secs } = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response
    }
}
