//! What the backend holds while the app runs: settings, the portal client for the address
//! in force, and the session token (never handed to the UI).

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use sqlx::sqlite::SqlitePool;
use tokio::sync::{watch, Notify};

use madoguchi_domain::ipc::CommandError;

use crate::events::EventHub;
use crate::failure::Failure;
use crate::portal_client::PortalClient;
use crate::settings::{parse_portal_url, SettingsStore};
use crate::store::facility_reader::FacilityReader;
use crate::workflow::seeding::Seeding;

/// How long a command waits for the local database to open: its migrations on a slow disk,
/// with room to spare.
const STORE_WAIT: Duration = Duration::from_secs(30);

pub enum StoreState {
    Opening,
    Open(SqlitePool),
    Failed,
}

pub struct AppState {
    pub settings: SettingsStore,
    client: Mutex<Option<(String, Arc<PortalClient>)>>,
    session: Mutex<Option<String>>,
    store: watch::Sender<StoreState>,
    facilities: OnceLock<FacilityReader>,
    /// The cache's first seeding, shared by the background task and the look-up.
    pub seeding: Arc<Seeding>,
    outbox_wake: Arc<Notify>,
    /// The window's channel for pushed news.
    pub events: Arc<EventHub>,
}

impl AppState {
    pub fn new(settings: SettingsStore, seeding: Seeding) -> AppState {
        AppState {
            settings,
            client: Mutex::new(None),
            session: Mutex::new(None),
            store: watch::Sender::new(StoreState::Opening),
            facilities: OnceLock::new(),
            seeding: Arc::new(seeding),
            outbox_wake: Arc::new(Notify::new()),
            events: Arc::default(),
        }
    }

    /// The local database opened (`Some`) or could not be (`None`).
    pub fn set_store(&self, pool: Option<SqlitePool>) {
        self.store.send_replace(match pool {
            Some(pool) => StoreState::Open(pool),
            None => StoreState::Failed,
        });
    }

    /// The local database (drafts, facility cache, outbox). It opens in the background at
    /// launch, so that the window does not wait for it; a command that comes first waits.
    pub async fn store(&self) -> Result<SqlitePool, CommandError> {
        let mut opened = self.store.subscribe();
        let state = tokio::time::timeout(
            STORE_WAIT,
            opened.wait_for(|s| !matches!(s, StoreState::Opening)),
        )
        .await
        .map_err(|_| CommandError::from(Failure::StoreNotOpen))?
        .map_err(|_| CommandError::from(Failure::StoreNotOpen))?;
        match &*state {
            StoreState::Open(pool) => Ok(pool.clone()),
            StoreState::Opening | StoreState::Failed => Err(Failure::StoreNotOpen.into()),
        }
    }

    pub fn set_facilities(&self, reader: FacilityReader) {
        let _ = self.facilities.set(reader);
    }

    /// The facility cache's look-up, when the local database opened.
    pub fn facilities(&self) -> Option<&FacilityReader> {
        self.facilities.get()
    }

    pub fn outbox_wake(&self) -> Arc<Notify> {
        self.outbox_wake.clone()
    }

    pub fn wake_outbox(&self) {
        self.outbox_wake.notify_one();
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
        let client = Arc::new(PortalClient::with_proxy(
            parse_portal_url(&url)?,
            self.settings.proxy(),
        )?);
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
    Failure::Internal.into()
}
