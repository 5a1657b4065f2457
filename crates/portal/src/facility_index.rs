//! The facility master's active names in memory, for lookups. A lookup is the portal's
//! busiest read; answered from the database, most of its time went to the driver around
//! a point query. The index follows the master by its versions (the same delta the apps
//! sync with), checked at most once per `refresh`, so another process's import shows
//! within that time. Registrations still ask the database: the index only names.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::RwLock;
use std::time::{Duration, Instant};

use madoguchi_domain::api::FacilityCursor;
use madoguchi_domain::RegistrationNumber;

use crate::db::{facility_changes, Db};

/// Rows read per step while catching up.
const PAGE: i64 = 5_000;

pub struct FacilityIndex {
    /// The number's key → name. An integer key is hashed and compared in place: with
    /// strings, the key compare's miss on the heap was a tenth of a lookup (`perf`). The
    /// master is trusted input, so a fast hash without a random seed's defence is enough.
    names: RwLock<foldhash::HashMap<u64, Box<str>>>,
    /// Where the index stands in the master; one task catches up at a time, the others
    /// answer from what is there.
    cursor: tokio::sync::Mutex<FacilityCursor>,
    /// The first catch-up is done: until then a lookup waits for it.
    loaded: AtomicBool,
    /// When the last check ended, in ms after `epoch`: the common case (checked recently)
    /// is one atomic read, no lock.
    checked_ms: AtomicU64,
    epoch: Instant,
    refresh: Duration,
}

impl FacilityIndex {
    pub fn new(refresh: Duration) -> FacilityIndex {
        FacilityIndex {
            names: RwLock::new(foldhash::HashMap::default()),
            cursor: tokio::sync::Mutex::new(FacilityCursor::default()),
            loaded: AtomicBool::new(false),
            checked_ms: AtomicU64::new(0),
            epoch: Instant::now(),
            refresh,
        }
    }

    /// The active facility's name, as `facilities::active_name` would give it.
    pub async fn name(
        &self,
        db: &Db,
        number: &RegistrationNumber,
    ) -> Result<Option<String>, sqlx::Error> {
        self.catch_up(db, false).await?;
        Ok(self.read(number.key()))
    }

    fn read(&self, key: u64) -> Option<String> {
        // A poisoned lock only means a writer panicked mid-insert: the map is still usable.
        let names = self.names.read().unwrap_or_else(|p| p.into_inner());
        names.get(&key).map(|name| String::from(&**name))
    }

    fn now_ms(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    fn fresh(&self) -> bool {
        let refresh = u64::try_from(self.refresh.as_millis()).unwrap_or(u64::MAX);
        self.loaded()
            && self
                .now_ms()
                .saturating_sub(self.checked_ms.load(Ordering::Acquire))
                < refresh
    }

    /// Applies the master's changes since the cursor. Unless `wait`, a task that finds
    /// another catching up, or the last check recent, goes on with the index as it is.
    pub async fn catch_up(&self, db: &Db, wait: bool) -> Result<(), sqlx::Error> {
        if !wait && self.fresh() {
            return Ok(());
        }
        let mut cursor = if wait {
            self.cursor.lock().await
        } else {
            match self.cursor.try_lock() {
                Ok(c) => c,
                // Never loaded: wait for the first load rather than answer "not found".
                Err(_) if !self.loaded() => self.cursor.lock().await,
                Err(_) => return Ok(()),
            }
        };
        // Another task may have caught up while this one waited for the lock.
        if !wait && self.fresh() {
            return Ok(());
        }
        loop {
            let rows = facility_changes::after(db, &cursor, PAGE).await?;
            let Some(last) = rows.last() else { break };
            *cursor = FacilityCursor {
                version: last.version,
                kind: last.kind.key().to_owned(),
                number: last.number.clone(),
            };
            let mut names = self.names.write().unwrap_or_else(|p| p.into_inner());
            for r in &rows {
                // The import keeps the master to the domain's rules; a row that breaks them
                // anyway cannot be looked up, and is said so once here.
                let Ok(number) = RegistrationNumber::from_canonical(r.kind, &r.number) else {
                    tracing::warn!(kind = r.kind.key(), number = %r.number, "a master row with a malformed number is not indexed");
                    continue;
                };
                if r.active {
                    names.insert(number.key(), r.name.as_str().into());
                } else {
                    names.remove(&number.key());
                }
            }
            if i64::try_from(rows.len()).unwrap_or(i64::MAX) < PAGE {
                break;
            }
        }
        self.checked_ms.store(self.now_ms(), Ordering::Release);
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
