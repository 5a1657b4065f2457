//! The portal API over HTTPS (reqwest, rustls with the OS's certificate verifier, the system's
//! proxy, timeouts). Every failure becomes a [`ClientError`] the UI can word.

use std::time::Duration;

use madoguchi_domain::api::{
    Accepted, Account, FacilityChanges, FacilityCursor, FacilityLookup, LoginRequest,
    LoginResponse, Notice, PasswordResetRequest, Problem, RegistrationAccepted,
    RegistrationRequest, RegistrationStatus, ResendAccepted, IDEMPOTENCY_KEY_HEADER,
};
use madoguchi_domain::FieldError;
use reqwest::{RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;
use url::Url;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("portal unreachable: {0}")]
    Unreachable(String),
    #[error("the portal took too long to answer")]
    Timeout,
    #[error("invalid fields")]
    Invalid(Vec<FieldError>),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("refused: {0}")]
    Unauthorized(String),
    #[error("rate limited for {0} s")]
    RateLimited(u64),
    #[error("portal error {0}")]
    Server(u16),
    #[error("unexpected answer: {0}")]
    Protocol(String),
}

pub struct PortalClient {
    http: reqwest::Client,
    base: Url,
}

fn from_reqwest(e: reqwest::Error) -> ClientError {
    if e.is_timeout() {
        ClientError::Timeout
    } else if e.is_connect() || e.is_request() {
        ClientError::Unreachable(e.to_string())
    } else {
        ClientError::Protocol(e.to_string())
    }
}

impl PortalClient {
    /// A client that follows the system's proxy settings.
    pub fn new(base: Url) -> Result<PortalClient, ClientError> {
        PortalClient::with_proxy(base, None)
    }

    /// A client through `proxy` (the preset of IT staff), else the system's proxy settings.
    pub fn with_proxy(base: Url, proxy: Option<&str>) -> Result<PortalClient, ClientError> {
        // reqwest is built without a crypto provider (as the updater's is): both use ring.
        if rustls::crypto::CryptoProvider::get_default().is_none() {
            // Fails only when another thread installed one first, which is as good.
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
        let mut builder = reqwest::Client::builder();
        if let Some(p) = proxy {
            builder = builder
                .proxy(reqwest::Proxy::all(p).map_err(|e| ClientError::Protocol(e.to_string()))?);
        }
        let http = builder
            .connect_timeout(Duration::from_secs(5))
            // Registration hashes a password on the portal: allow it time under load.
            .timeout(Duration::from_secs(30))
            .user_agent(concat!("Madoguchi/", env!("CARGO_PKG_VERSION")))
            // The API never redirects; logins and registrations carry a password, which a
            // redirect must not take to another address. A 3xx is an unexpected answer.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| ClientError::Protocol(e.to_string()))?;
        Ok(PortalClient { http, base })
    }

    fn url(&self, path: &str) -> Result<Url, ClientError> {
        self.base
            .join(path)
            .map_err(|e| ClientError::Protocol(e.to_string()))
    }

    async fn answer<T: DeserializeOwned>(response: reqwest::Response) -> Result<T, ClientError> {
        let status = response.status();
        if status.is_success() {
            return response
                .json()
                .await
                .map_err(|e| ClientError::Protocol(e.to_string()));
        }
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .unwrap_or(60);
        let problem: Option<Problem> = response.json().await.ok();
        let detail = problem
            .as_ref()
            .map(|p| p.detail.clone().unwrap_or_else(|| p.title.clone()))
            .unwrap_or_default();
        Err(match status {
            StatusCode::UNPROCESSABLE_ENTITY => {
                ClientError::Invalid(problem.map(|p| p.errors).unwrap_or_default())
            }
            StatusCode::NOT_FOUND => ClientError::NotFound(detail),
            StatusCode::UNAUTHORIZED => ClientError::Unauthorized(detail),
            StatusCode::TOO_MANY_REQUESTS => ClientError::RateLimited(retry_after),
            s if s.is_server_error() => ClientError::Server(s.as_u16()),
            s => ClientError::Protocol(format!("{s}: {detail}")),
        })
    }

    /// Sends a request and reads its answer.
    async fn call<T: DeserializeOwned>(request: RequestBuilder) -> Result<T, ClientError> {
        Self::answer(request.send().await.map_err(from_reqwest)?).await
    }

    /// `/api/v1/{collection}/{segments…}`, each segment escaped.
    fn item_url(&self, collection: &str, segments: &[&str]) -> Result<Url, ClientError> {
        let mut url = self.url(&format!("/api/v1/{collection}/"))?;
        url.path_segments_mut()
            .map_err(|_| ClientError::Protocol("portal address cannot take a path".into()))?
            .pop_if_empty()
            .extend(segments);
        Ok(url)
    }

    pub async fn health(&self) -> Result<(), ClientError> {
        let request = self.http.get(self.url("/health")?);
        Self::call::<serde_json::Value>(request).await.map(|_| ())
    }

    pub async fn notices(&self) -> Result<Vec<Notice>, ClientError> {
        Self::call(self.http.get(self.url("/api/v1/notices")?)).await
    }

    /// One page of the master's changes after `after`.
    pub async fn facility_changes(
        &self,
        after: &FacilityCursor,
        limit: u32,
    ) -> Result<FacilityChanges, ClientError> {
        let request = self
            .http
            .get(self.url("/api/v1/facility-changes")?)
            .query(&[
                ("version", after.version.to_string()),
                ("kind", after.kind.clone()),
                ("number", after.number.clone()),
                ("limit", limit.to_string()),
            ]);
        Self::call(request).await
    }

    pub async fn lookup(
        &self,
        kind: &str,
        canonical_number: &str,
    ) -> Result<FacilityLookup, ClientError> {
        let url = self.item_url("facilities", &[kind, canonical_number])?;
        Self::call(self.http.get(url)).await
    }

    pub async fn register(
        &self,
        form: &RegistrationRequest,
        idempotency_key: &str,
    ) -> Result<RegistrationAccepted, ClientError> {
        let request = self
            .http
            .post(self.url("/api/v1/registrations")?)
            .header(IDEMPOTENCY_KEY_HEADER, idempotency_key)
            .json(form);
        Self::call(request).await
    }

    pub async fn registration_state(
        &self,
        receipt: &str,
    ) -> Result<RegistrationStatus, ClientError> {
        let url = self.item_url("registrations", &[receipt])?;
        Self::call(self.http.get(url)).await
    }

    /// Asks the portal to mail a fresh activation link for the receipt's registration.
    pub async fn resend_activation(&self, receipt: &str) -> Result<ResendAccepted, ClientError> {
        let url = self.item_url("registrations", &[receipt, "resend"])?;
        Self::call(self.http.post(url)).await
    }

    /// Asks the portal to mail a password reset link (it answers alike for any address).
    pub async fn request_password_reset(&self, email: &str) -> Result<Accepted, ClientError> {
        let request =
            self.http
                .post(self.url("/api/v1/password-resets")?)
                .json(&PasswordResetRequest {
                    email: email.to_owned(),
                });
        Self::call(request).await
    }

    pub async fn login(&self, request: &LoginRequest) -> Result<LoginResponse, ClientError> {
        Self::call(self.http.post(self.url("/api/v1/sessions")?).json(request)).await
    }

    pub async fn current_account(&self, session_token: &str) -> Result<Account, ClientError> {
        let request = self
            .http
            .get(self.url("/api/v1/sessions/current")?)
            .bearer_auth(session_token);
        Self::call(request).await
    }

    pub async fn logout(&self, session_token: &str) -> Result<(), ClientError> {
        let r = self
            .http
            .delete(self.url("/api/v1/sessions/current")?)
            .bearer_auth(session_token)
            .send()
            .await
            .map_err(from_reqwest)?;
        if r.status().is_success() || r.status() == StatusCode::UNAUTHORIZED {
            Ok(())
        } else {
            Self::answer::<serde_json::Value>(r).await.map(|_| ())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    #[tokio::test]
    async fn a_login_is_never_redirected_to_another_address() {
        // Where a redirect would take the password: counts the connections it gets.
        let elsewhere = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let elsewhere_addr = elsewhere.local_addr().expect("addr");
        let reached = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = reached.clone();
        tokio::spawn(async move {
            while let Ok((_s, _)) = elsewhere.accept().await {
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
        });
        // A "portal" that answers every request with a redirect there.
        let portal = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let portal_addr = portal.local_addr().expect("addr");
        tokio::spawn(async move {
            while let Ok((mut s, _)) = portal.accept().await {
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf).await;
                let answer = format!(
                    "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://{elsewhere_addr}/steal\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
                let _ = s.write_all(answer.as_bytes()).await;
            }
        });
        let base = Url::parse(&format!("http://{portal_addr}/")).expect("url");
        let client = PortalClient::new(base).expect("client");
        let request = LoginRequest {
            email: "kikin@example.jp".into(),
            password: "Sekkotsu2024".into(),
        };
        assert!(client.login(&request).await.is_err());
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(reached.load(std::sync::atomic::Ordering::SeqCst), 0);
    }
}
