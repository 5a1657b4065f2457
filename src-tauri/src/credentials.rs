//! Kept logins in the OS keyring (Windows Credential Manager, macOS Keychain, the Secret
//! Service on Linux): one entry per address, the password as its secret. Nothing of it
//! is written anywhere else.

const SERVICE: &str = crate::APP_ID;

#[derive(Debug, thiserror::Error)]
pub enum CredentialError {
    #[error("OSの資格情報ストア（キーリング）を利用できませんでした: {0}")]
    Keyring(keyring::Error),
    /// Windows' Credential Manager holds at most 2,560 bytes of secret (UTF-16); nothing is
    /// stored, never a cut-down copy.
    #[error(
        "OSの資格情報ストアに保存できる長さ（{limit}バイト）を超えているため、保存しませんでした"
    )]
    TooLong { limit: u32 },
    #[error("OSの資格情報ストア（キーリング）への問い合わせが中断されました")]
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

/// A queued submission's password waits here, never in the local database, and is removed
/// once the portal has accepted the submission.
const OUTBOX_SERVICE: &str = "jp.madoguchi.desktop.outbox";

fn outbox_entry(draft_id: &str) -> Result<keyring::Entry, CredentialError> {
    Ok(keyring::Entry::new(OUTBOX_SERVICE, draft_id)?)
}

pub fn hold_for_outbox(draft_id: &str, password: &str) -> Result<(), CredentialError> {
    outbox_entry(draft_id)?.set_password(password)?;
    Ok(())
}

pub fn outbox_password(draft_id: &str) -> Result<Option<String>, CredentialError> {
    match outbox_entry(draft_id)?.get_password() {
        Ok(p) => Ok(Some(p)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

pub fn release_from_outbox(draft_id: &str) -> Result<(), CredentialError> {
    match outbox_entry(draft_id)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// The same calls for async code, on the blocking pool: the Secret Service answers over
/// D-Bus and Credential Manager may wait on the OS, and neither may hold up the window or
/// an async worker.
pub mod nonblocking {
    use super::CredentialError;

    async fn off_thread<T: Send + 'static>(
        call: impl FnOnce() -> Result<T, CredentialError> + Send + 'static,
    ) -> Result<T, CredentialError> {
        tokio::task::spawn_blocking(call)
            .await
            .map_err(|_| CredentialError::Interrupted)?
    }

    pub async fn keep(email: &str, password: &str) -> Result<(), CredentialError> {
        let (email, password) = (email.to_owned(), password.to_owned());
        off_thread(move || super::keep(&email, &password)).await
    }

    pub async fn password(email: &str) -> Result<Option<String>, CredentialError> {
        let email = email.to_owned();
        off_thread(move || super::password(&email)).await
    }

    pub async fn forget(email: &str) -> Result<(), CredentialError> {
        let email = email.to_owned();
        off_thread(move || super::forget(&email)).await
    }

    pub async fn hold_for_outbox(draft_id: &str, password: &str) -> Result<(), CredentialError> {
        let (id, password) = (draft_id.to_owned(), password.to_owned());
        off_thread(move || super::hold_for_outbox(&id, &password)).await
    }

    pub async fn outbox_password(draft_id: &str) -> Result<Option<String>, CredentialError> {
        let id = draft_id.to_owned();
        off_thread(move || super::outbox_password(&id)).await
    }

    pub async fn release_from_outbox(draft_id: &str) -> Result<(), CredentialError> {
        let id = draft_id.to_owned();
        off_thread(move || super::release_from_outbox(&id)).await
    }
}
