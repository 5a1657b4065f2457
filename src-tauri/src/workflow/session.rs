//! Signing in, and the login kept in the OS keyring: the address in the settings file, the
//! password in the keyring, never the other way round.

use madoguchi_domain::api::{Account, LoginRequest};

use super::{Portal, Secrets};
use crate::credentials::Vault;
use crate::failure::Failure;
use crate::settings::SettingsStore;

/// A signed-in session: the token stays in the backend, the account goes to the screen.
pub struct Session {
    pub token: String,
    pub account: Account,
}

pub async fn sign_in(
    portal: &impl Portal,
    email: &str,
    password: &str,
) -> Result<Session, Failure> {
    let session = portal
        .login(&LoginRequest {
            email: email.to_owned(),
            password: password.to_owned(),
        })
        .await?;
    let account = portal.current_account(&session.session_token).await?;
    Ok(Session {
        token: session.session_token,
        account,
    })
}

/// Keeps `email`'s password in the keyring and remembers which address it is.
pub async fn keep_login(
    secrets: &impl Secrets,
    settings: &SettingsStore,
    email: &str,
    password: &str,
) -> Result<(), Failure> {
    secrets.put(Vault::Logins, email, password).await?;
    let mut s = settings.load()?;
    s.saved_login = Some(email.to_owned());
    Ok(settings.save(&s)?)
}

/// The kept login: its address and its password from the keyring.
pub async fn kept_login(
    secrets: &impl Secrets,
    settings: &SettingsStore,
) -> Result<(String, String), Failure> {
    let email = settings.load()?.saved_login.ok_or(Failure::NoSavedLogin)?;
    let password = secrets
        .get(Vault::Logins, &email)
        .await?
        .ok_or(Failure::NoSavedPassword)?;
    Ok((email, password))
}

/// Removes the kept login from the keyring and the settings.
pub async fn forget_login(secrets: &impl Secrets, settings: &SettingsStore) -> Result<(), Failure> {
    let mut s = settings.load()?;
    if let Some(email) = s.saved_login.take() {
        secrets.remove(Vault::Logins, &email).await?;
        settings.save(&s)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::fakes::{FakePortal, MemorySecrets, PASSWORD};

    fn settings(dir: &tempfile::TempDir) -> SettingsStore {
        SettingsStore::new(dir.path(), crate::system_config::SystemConfig::default())
    }

    #[tokio::test]
    async fn a_kept_login_signs_in_and_is_forgotten_from_both_places() {
        let dir = tempfile::tempdir().expect("dir");
        let (portal, secrets, settings) = (
            FakePortal::default(),
            MemorySecrets::default(),
            settings(&dir),
        );
        let email = "kikin@example.jp";
        let session = sign_in(&portal, email, PASSWORD).await.expect("signed in");
        keep_login(&secrets, &settings, email, PASSWORD)
            .await
            .expect("kept");

        let (kept_email, kept_password) = kept_login(&secrets, &settings).await.expect("kept");
        assert_eq!(
            (kept_email.as_str(), kept_password.as_str()),
            (email, PASSWORD)
        );
        assert_eq!(session.account.email, email);
        let file = std::fs::read_to_string(dir.path().join("settings.json")).expect("file");
        assert!(file.contains(email) && !file.contains(PASSWORD), "{file}");

        forget_login(&secrets, &settings).await.expect("forgotten");
        assert_eq!(secrets.login(email), None);
        assert!(matches!(
            kept_login(&secrets, &settings).await,
            Err(Failure::NoSavedLogin)
        ));
    }

    #[tokio::test]
    async fn a_wrong_password_is_the_portals_refusal_and_keeps_nothing() {
        let portal = FakePortal::default();
        let refused = sign_in(&portal, "kikin@example.jp", "Wrong2024pass").await;
        assert!(matches!(
            refused,
            Err(Failure::Portal(
                crate::portal_client::ClientError::Unauthorized(_)
            ))
        ));
    }

    #[tokio::test]
    async fn a_kept_address_without_its_password_says_so() {
        let dir = tempfile::tempdir().expect("dir");
        let (secrets, settings) = (MemorySecrets::default(), settings(&dir));
        let mut s = settings.load().expect("load");
        s.saved_login = Some("kikin@example.jp".into());
        settings.save(&s).expect("save");
        assert!(matches!(
            kept_login(&secrets, &settings).await,
            Err(Failure::NoSavedPassword)
        ));
    }
}
