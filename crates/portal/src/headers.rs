//! Security headers on every answer. HTML pages get a strict Content-Security-Policy: no
//! script at all, only the pages' own inline style (by its hash), forms posting to this
//! origin only, never framed. Token pages and session answers are never cached.

use std::sync::{Arc, OnceLock};

use axum::extract::{Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY,
    STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::config::Settings;
use crate::pages::STYLE;

/// The policy of the portal's HTML pages.
pub fn page_policy() -> &'static str {
    static POLICY: OnceLock<String> = OnceLock::new();
    POLICY.get_or_init(|| {
        let style = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE));
        format!(
            "default-src 'none'; style-src 'sha256-{style}'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'"
        )
    })
}

/// For everything that is not a page (JSON, packages): nothing may load or frame it.
const API_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

/// Answers that carry a token or a session must not stay in any cache.
fn never_cached(path: &str) -> bool {
    path == "/activate"
        || path == "/reset-password"
        || path.starts_with("/api/v1/sessions")
        || path.starts_with("/api/v1/registrations")
}

pub async fn secure(
    State(settings): State<Arc<Settings>>,
    request: Request,
    next: Next,
) -> Response {
    let no_store = never_cached(request.uri().path());
    let mut response = next.run(request).await;
    let html = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let h = response.headers_mut();
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    let policy = if html { page_policy() } else { API_POLICY };
    if let Ok(v) = HeaderValue::from_str(policy) {
        h.insert(CONTENT_SECURITY_POLICY, v);
    }
    if no_store {
        h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if settings.public_base_url.starts_with("https://") {
        h.insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_policy_allows_no_script_and_names_the_style_by_hash() {
        let p = page_policy();
        assert!(p.starts_with("default-src 'none';"));
        assert!(!p.contains("unsafe"));
        assert!(!p.contains("script-src"));
        assert!(p.contains("style-src 'sha256-"));
        assert!(p.contains("frame-ancestors 'none'"));
    }
}
