//! HTTP clients for tests. reqwest is built, for the whole workspace, with rustls but no
//! crypto provider (the app and Tauri's updater pick ring); a client built before one is
//! installed panics, so every test client comes from here.

fn provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Fails only when another thread installed one first, which is as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// A client builder, with the provider in place.
pub fn builder() -> reqwest::ClientBuilder {
    provider();
    reqwest::Client::builder()
}

/// A plain client.
pub fn client() -> reqwest::Client {
    provider();
    reqwest::Client::new()
}
