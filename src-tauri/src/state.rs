//! What the backend holds while the app runs: settings, the portal client for the address
//! in force, and the session token (never handed to the UI).

use std::sync::{Arc, Mutex};

use madoguchi_domain::ipc::CommandError;

use crate::error::{client_error, settings_error};
use crate::portal_client::PortalClient;
use crate::settings::{parse_portal_url, SettingsStore};

pub struct AppState {
    pub settings: SettingsStore,
    client: Mutex<Option<(String, Arc<PortalClient>)>>,
    session: Mutex<Option<String>>,
}

impl AppState {
    pub fn new(settings: SettingsStore) -> AppState {
        AppState {
            settings,
            client: Mutex::new(None),
            session: Mutex::new(None),
        }
    }

    /// The client for the portal address in force, built once per address.
    pub fn client(&self) -> Result<Arc<PortalClient>, CommandError> {
        let (url, _) = self.settings.portal_url();
        let mut cached = self.client.lock().map_err(|_| poisoned())?;
        if let Some((u, c)) = cached.as_ref() {
            if *u == url {
                return Ok(c.clone());
            }
        }
        let client = Arc::new(
            PortalClient::new(parse_portal_url(&url).map_err(settings_error)?)
                .map_err(client_error)?,
        );
        *cached = Some((url, client.clone()));
        Ok(client)
    }

    pub fn set_session(&self, token: Option<String>) -> Result<(), CommandError> {
        *self.session.lock().map_err(|_| poisoned())? = token;
        Ok(())
    }

    pub fn session(&self) -> Result<Option<String>, CommandError> {
        Ok(self.session.lock().map_err(|_| poisoned())?.clone())
    }
}

fn poisoned() -> CommandError {
    CommandError::Banner {
        message: "アプリの内部状態に問題が発生しました。アプリを再起動してください。".into(),
    }
}
