//! The facility master's active names in memory, for lookups. A lookup is the portal's
//! busiest read; answered from the database, most of its time went to the driver around
//! a point query. The index follows the master by its versions (the same delta the apps
//! sync with), checked at most once per `refresh`, so another process's import shows
//! within that time. Registrations still ask the database: the index only names.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::RwLock;
use std::time::{Duration, Instant};

use madoguchi_domain::api::FacilityCursor;
use madoguchi_domain::FacilityKind;

use crate::db::{facility_changes, Db};

/// Rows read per step while catching up.
const PAGE: i64 = 5_000;

pub struct FacilityIndex {
    names: RwLock<HashMap<(FacilityKind, String), String>>,
    /// Where the index stands in the master, and when it last asked; one task catches up
    /// at a time, the others answer from what is there.
    sync: tokio::sync::Mutex<(FacilityCursor, Option<Instant>)>,
    /// The first catch-up is done: until then a lookup waits for it.
    loaded: AtomicBool,
    refresh: Duration,
}

impl FacilityIndex {
    pub fn new(refresh: Duration) -> FacilityIndex {
        FacilityIndex {
            names: RwLock::new(HashMap::new()),
            sync: tokio::sync::Mutex::new((FacilityCursor::default(), None)),
            loaded: AtomicBool::new(false),
            refresh,
        }
    }

    /// The active facility's name, as `facilities::active_name` would give it.
    pub async fn name(
        &self,
        db: &Db,
        kind: FacilityKind,
        number: &str,
    ) -> Result<Option<String>, sqlx::Error> {
        self.catch_up(db, false).await?;
        Ok(self.read(kind, number))
    }

    fn read(&self, kind: FacilityKind, number: &str) -> Option<String> {
        // A poisoned lock only means a writer panicked mid-insert: the map is still usable.
        let names = self.names.read().unwrap_or_else(|p| p.into_inner());
        names.get(&(kind, number.to_owned())).cloned()
    }

    /// Applies the master's changes since the cursor. Unless `wait`, a task that finds
    /// another catching up, or the last check recent, goes on with the index as it is.
    pub async fn catch_up(&self, db: &Db, wait: bool) -> Result<(), sqlx::Error> {
        let mut sync = if wait {
            self.sync.lock().await
        } else {
            match self.sync.try_lock() {
                Ok(s) => s,
                // Never loaded: wait for the first load rather than answer "not found".
                Err(_) if !self.loaded() => self.sync.lock().await,
                Err(_) => return Ok(()),
            }
        };
        if !wait && sync.1.is_some_and(|at| at.elapsed() < self.refresh) {
            return Ok(());
        }
        loop {
            let rows = facility_changes::after(db, &sync.0, PAGE).await?;
            let Some(last) = rows.last() else { break };
            sync.0 = FacilityCursor {
                version: last.version,
                kind: last.kind.key().to_owned(),
                number: last.number.clone(),
            };
            let mut names = self.names.write().unwrap_or_else(|p| p.into_inner());
            for r in &rows {
                let key = (r.kind, r.number.clone());
                if r.active {
                    names.insert(key, r.name.clone());
                } else {
                    names.remove(&key);
                }
            }
            if i64::try_from(rows.len()).unwrap_or(i64::MAX) < PAGE {
                break;
            }
        }
        sync.1 = Some(Instant::now());
        self.loaded.store(true, Ordering::Release);
        Ok(())
    }

    fn loaded(&self) -> bool {
        self.loaded.load(Ordering::Acquire)
    }

    /// How many active facilities the index names.
    pub fn len(&self) -> usize {
        self.names.read().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
