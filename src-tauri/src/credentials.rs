//! Secrets in the OS keyring (Windows Credential Manager, macOS Keychain, the Secret Service
//! on Linux), in two vaults: kept logins (one entry per address) and the passwords of
//! queued drafts until the portal has them. Nothing of either is written anywhere else.

#[derive(Debug, thiserror::Error)]
pub enum CredentialError {
    #[error("the OS keyring failed: {0}")]
    Keyring(keyring::Error),
    /// Windows' Credential Manager holds at most 2,560 bytes of secret (UTF-16); nothing is
    /// stored, never a cut-down copy.
    #[error("the secret is over the keyring's limit of {limit} bytes")]
    TooLong { limit: u32 },
    #[error("the keyring call was interrupted")]
    Interrupted,
}

impl From<keyring::Error> for CredentialError {
    fn from(e: keyring::Error) -> Self {
        match e {
            keyring::Error::TooLong(_, limit) => CredentialError::TooLong { limit },
            other => CredentialError::Keyring(other),
        }
    }
}

/// Which secrets: each vault is a keyring service of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Vault {
    /// The login kept after 完了 or at ログイン, by address.
    Logins,
    /// A queued draft's password, by draft id, removed once the portal accepted it.
    Outbox,
}

impl Vault {
    const fn service(self) -> &'static str {
        match self {
            Vault::Logins => crate::APP_ID,
            Vault::Outbox => "jp.madoguchi.desktop.outbox",
        }
    }
}

fn entry(vault: Vault, account: &str) -> Result<keyring::Entry, CredentialError> {
    Ok(keyring::Entry::new(vault.service(), account)?)
}

pub fn put(vault: Vault, account: &str, secret: &str) -> Result<(), CredentialError> {
    entry(vault, account)?.set_password(secret)?;
    Ok(())
}

/// The secret, or `None` when there is none.
pub fn get(vault: Vault, account: &str) -> Result<Option<String>, CredentialError> {
    match entry(vault, account)?.get_password() {
        Ok(p) => Ok(Some(p)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Removes the secret; none there is as good.
pub fn remove(vault: Vault, account: &str) -> Result<(), CredentialError> {
    match entry(vault, account)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Runs a keyring call on the blocking pool: the Secret Service answers over D-Bus and
/// Credential Manager may wait on the OS, and neither may hold up the window or an async
/// worker.
pub async fn off_thread<T: Send + 'static>(
    call: impl FnOnce() -> Result<T, CredentialError> + Send + 'static,
) -> Result<T, CredentialError> {
    tokio::task::spawn_blocking(call)
        .await
        .map_err(|_| CredentialError::Interrupted)?
}
