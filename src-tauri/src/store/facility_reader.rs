//! The form's facility look-up: a point query on the cache, on a connection of its own.
//!
//! Every other query goes through sqlx and the pool tauri-plugin-sql owns. This one is
//! asked on every complete number typed, and there sqlx's pool check-out and the hop to its
//! worker thread cost some 40 times the query itself (bench/store.sh). A plain SQLite
//! connection with a cached prepared statement answers in the query's own time. The file is
//! in WAL mode, so this reader never waits for a sync or a draft save that writes.

use std::path::Path;
use std::sync::Mutex;

use madoguchi_domain::api::FacilityRecord;
use madoguchi_domain::FacilityKind;
use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::StoreError;

const FIND: &str =
    "SELECT name, prefecture, active, version FROM facility_cache WHERE kind = ?1 AND number = ?2";

pub struct FacilityReader {
    // One connection, used for microseconds at a time: a queue on it costs less than a pool.
    conn: Mutex<Connection>,
}

impl FacilityReader {
    /// Opens the store's file, which must exist (the plugin or [`super::open`] made it).
    /// Read-write at the file level, read-only by pragma: a read-only open of a WAL file
    /// fails whenever its -shm file is missing, as after the last writer closed.
    pub fn open(path: &Path) -> Result<FacilityReader, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.pragma_update(None, "query_only", true)?;
        Ok(FacilityReader {
            conn: Mutex::new(conn),
        })
    }

    /// A facility from the cache, active or closed.
    pub fn find(
        &self,
        kind: FacilityKind,
        number: &str,
    ) -> Result<Option<FacilityRecord>, StoreError> {
        let conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        let mut stmt = conn.prepare_cached(FIND)?;
        Ok(stmt
            .query_row((kind.key(), number), |r| {
                Ok(FacilityRecord {
                    kind,
                    number: number.to_owned(),
                    name: r.get(0)?,
                    prefecture: r.get(1)?,
                    active: r.get(2)?,
                    version: r.get(3)?,
                })
            })
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{self, facility_cache};
    use madoguchi_domain::api::FacilityCursor;

    fn record(number: &str, name: &str, active: bool) -> FacilityRecord {
        FacilityRecord {
            kind: FacilityKind::Judo,
            number: number.to_owned(),
            name: name.to_owned(),
            prefecture: "東京都".to_owned(),
            active,
            version: 1,
        }
    }

    #[tokio::test]
    async fn the_reader_sees_what_the_pool_writes_and_nothing_else() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("madoguchi.db");
        let pool = store::open(&path).await.expect("store");
        let reader = FacilityReader::open(&path).expect("reader");
        assert!(reader
            .find(FacilityKind::Judo, "1310000001")
            .expect("read")
            .is_none());

        let cursor = FacilityCursor::default();
        facility_cache::apply(
            &pool,
            &[
                record("1310000001", "山田接骨院", true),
                record("1310000002", "閉院接骨院", false),
            ],
            &cursor,
        )
        .await
        .expect("apply");
        let found = reader
            .find(FacilityKind::Judo, "1310000001")
            .expect("read")
            .expect("found");
        assert_eq!(found.name, "山田接骨院");
        assert!(found.active);
        let closed = reader
            .find(FacilityKind::Judo, "1310000002")
            .expect("read")
            .expect("found");
        assert!(!closed.active, "a closed facility reads as closed");
        assert!(
            reader
                .find(FacilityKind::Ahaki, "1310000001")
                .expect("read")
                .is_none(),
            "a number is looked up within its kind"
        );

        // A rename by the next sync shows at once: the cached statement reads afresh.
        facility_cache::apply(&pool, &[record("1310000001", "山田整骨院", true)], &cursor)
            .await
            .expect("apply");
        assert_eq!(
            reader
                .find(FacilityKind::Judo, "1310000001")
                .expect("read")
                .expect("found")
                .name,
            "山田整骨院"
        );
    }

    #[tokio::test]
    async fn the_reader_cannot_write() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("madoguchi.db");
        let _pool = store::open(&path).await.expect("store");
        let reader = FacilityReader::open(&path).expect("reader");
        let conn = reader.conn.lock().expect("lock");
        assert!(conn.execute("DELETE FROM facility_cache", ()).is_err());
    }

    #[test]
    fn a_missing_file_is_an_error_not_a_new_database() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("absent.db");
        assert!(FacilityReader::open(&path).is_err());
        assert!(!path.exists());
    }
}
