//! Random tokens (stored only as hashes) and password hashing (argon2id, OWASP parameters).

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::hashing::HashError;

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("the operating system's random source failed: {0}")]
    Random(String),
    #[error(transparent)]
    Hash(#[from] HashError),
}

/// 256 random bits, base64url without padding (43 characters: short enough that a mail
/// client is unlikely to break the link).
pub fn new_token() -> Result<String, SecretError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| SecretError::Random(e.to_string()))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// Length of every token [`new_token`] makes; anything else is not ours.
pub const TOKEN_LEN: usize = 43;

/// A row id: 128 random bits as hex.
pub fn new_id() -> Result<String, SecretError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| SecretError::Random(e.to_string()))?;
    Ok(hex::encode(bytes))
}

/// What the database keeps of a token: SHA-256, hex. Tokens are 256 random bits, so a fast
/// hash is enough; passwords get argon2id instead.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A token as it arrived in a URL or header: ours only if it has our exact shape.
pub fn well_formed_token(token: &str) -> bool {
    token.len() == TOKEN_LEN
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// argon2id with OWASP's parameters under a new random salt, as a PHC string.
pub async fn hash_password(password: String) -> Result<String, SecretError> {
    Ok(crate::hashing::hash(password).await?)
}

/// A hash with the same parameters, verified against when the account does not exist, so
/// that a login takes as long whether or not the address is registered.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$5pOT7NGJr5mmHqD1SL5IWNmtiw6Cb+mXBBEAHK4V4kk";

/// True when `password` matches `stored` (or, with `None`, spends the same time and fails).
pub async fn verify_password(
    password: String,
    stored: Option<String>,
) -> Result<bool, SecretError> {
    let real = stored.is_some();
    let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
    let ok = crate::hashing::verify(password, stored).await?;
    Ok(real && ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_bits_and_well_formed() {
        let t = new_token().expect("random");
        assert_eq!(t.len(), TOKEN_LEN);
        assert!(well_formed_token(&t));
        assert!(!well_formed_token(&t[..42]));
        assert_ne!(t, new_token().expect("random"));
    }

    #[tokio::test]
    async fn password_hashes_are_argon2id_with_owasp_parameters() {
        let h = hash_password("Passw0rdX".into()).await.expect("hash");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify_password("Passw0rdX".into(), Some(h.clone()))
            .await
            .expect("verify"));
        assert!(!verify_password("Passw0rdY".into(), Some(h))
            .await
            .expect("verify"));
        assert!(!verify_password("Passw0rdX".into(), None)
            .await
            .expect("dummy"));
    }
}
