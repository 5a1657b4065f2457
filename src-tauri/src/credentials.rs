//! Kept logins in the OS keyring (Windows Credential Manager, macOS Keychain, the Secret
//! Service on Linux): one entry per address, the password as its secret. Nothing of it
//! is written anywhere else.

const SERVICE: &str = "jp.madoguchi.desktop";

#[derive(Debug, thiserror::Error)]
pub enum CredentialError {
    #[error("OSの資格情報ストア（キーリング）を利用できませんでした: {0}")]
    Keyring(#[from] keyring::Error),
}

fn entry(email: &str) -> Result<keyring::Entry, CredentialError> {
    Ok(keyring::Entry::new(SERVICE, email)?)
}

pub fn keep(email: &str, password: &str) -> Result<(), CredentialError> {
    entry(email)?.set_password(password)?;
    Ok(())
}

/// The kept password, or `None` when there is none.
pub fn password(email: &str) -> Result<Option<String>, CredentialError> {
    match entry(email)?.get_password() {
        Ok(p) => Ok(Some(p)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

pub fn forget(email: &str) -> Result<(), CredentialError> {
    match entry(email)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(e.into()),
    }
}
