//! The local copy of the facility master: seeded from the snapshot shipped with the app,
//! kept current by delta sync, read by the form's lookup when the portal is out of reach.

use std::io::BufRead;

use madoguchi_domain::api::{FacilityCursor, FacilityRecord};
use madoguchi_domain::ipc::CacheInfo;
use madoguchi_domain::snapshot;
use madoguchi_domain::FacilityKind;
use sqlx::sqlite::SqlitePool;
use sqlx::{Row, Sqlite, Transaction};

use super::{now, StoreError};

/// Rows per INSERT: 6 parameters each, under SQLite's 32,766.
const BATCH: usize = 1_000;

async fn upsert(
    tx: &mut Transaction<'_, Sqlite>,
    rows: &[FacilityRecord],
) -> Result<(), StoreError> {
    for chunk in rows.chunks(BATCH) {
        let values = vec!["(?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ");
        let sql = format!(
            "INSERT INTO facility_cache (kind, number, name, prefecture, active, version) \
             VALUES {values} ON CONFLICT (kind, number) DO UPDATE SET name = excluded.name, \
             prefecture = excluded.prefecture, active = excluded.active, version = excluded.version"
        );
        let mut q = sqlx::query(&sql);
        for r in chunk {
            q = q
                .bind(r.kind.key())
                .bind(&r.number)
                .bind(&r.name)
                .bind(&r.prefecture)
                .bind(r.active)
                .bind(r.version);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

async fn set_cursor(
    tx: &mut Transaction<'_, Sqlite>,
    cursor: &FacilityCursor,
    source: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO facility_cache_state (id, version, kind, number, source, updated_at) \
         VALUES (1, ?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE SET version = ?1, kind = ?2, \
         number = ?3, source = ?4, updated_at = ?5",
    )
    .bind(cursor.version)
    .bind(&cursor.kind)
    .bind(&cursor.number)
    .bind(source)
    .bind(now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Where the cache stands; `None` before it was ever seeded.
pub async fn cursor(pool: &SqlitePool) -> Result<Option<FacilityCursor>, StoreError> {
    sqlx::query("SELECT version, kind, number FROM facility_cache_state WHERE id = 1")
        .fetch_optional(pool)
        .await?
        .map(|r| {
            Ok(FacilityCursor {
                version: r.try_get("version")?,
                kind: r.try_get("kind")?,
                number: r.try_get("number")?,
            })
        })
        .transpose()
}

/// Applies one page of changes and the cursor after it, together.
pub async fn apply(
    pool: &SqlitePool,
    rows: &[FacilityRecord],
    next: &FacilityCursor,
) -> Result<(), StoreError> {
    let mut tx = pool.begin().await?;
    upsert(&mut tx, rows).await?;
    set_cursor(&mut tx, next, "portal").await?;
    tx.commit().await?;
    Ok(())
}

/// Empties the cache (it came from another master), to sync again from version 0.
pub async fn reset(pool: &SqlitePool) -> Result<(), StoreError> {
    let mut tx = pool.begin().await?;
    sqlx::query("DELETE FROM facility_cache")
        .execute(&mut *tx)
        .await?;
    set_cursor(&mut tx, &FacilityCursor::default(), "portal").await?;
    tx.commit().await?;
    Ok(())
}

pub async fn info(pool: &SqlitePool) -> Result<CacheInfo, StoreError> {
    let facilities: i64 = sqlx::query("SELECT COUNT(*) AS n FROM facility_cache")
        .fetch_one(pool)
        .await?
        .try_get("n")?;
    let state = sqlx::query("SELECT source, updated_at FROM facility_cache_state WHERE id = 1")
        .fetch_optional(pool)
        .await?;
    Ok(match state {
        Some(r) => CacheInfo {
            facilities,
            updated_at: r.try_get("updated_at")?,
            source: r.try_get("source")?,
        },
        None => CacheInfo {
            facilities,
            updated_at: 0,
            source: String::new(),
        },
    })
}

/// Seeds an empty cache from a snapshot file ([`madoguchi_domain::snapshot`]), in one
/// transaction: a crash or a bad row leaves the cache empty, and the next start seeds it
/// again. Rows are read and written a batch at a time, so the file is never held in memory
/// (a whole 40,000-row snapshot left the app 7 MiB larger for good).
/// Returns the number of rows, or `None` when the cache was already seeded.
pub async fn seed(pool: &SqlitePool, snapshot: impl BufRead) -> Result<Option<u64>, StoreError> {
    if cursor(pool).await?.is_some() {
        return Ok(None);
    }
    let mut rows = SnapshotRows::open(snapshot)?;
    let version = rows.version;
    let mut tx = pool.begin().await?;
    let mut batch = Vec::with_capacity(BATCH);
    let mut total: u64 = 0;
    while rows.next_batch(&mut batch, BATCH)? {
        upsert(&mut tx, &batch).await?;
        total += u64::try_from(batch.len()).unwrap_or(u64::MAX);
    }
    set_cursor(
        &mut tx,
        &FacilityCursor {
            version,
            ..FacilityCursor::default()
        },
        "snapshot",
    )
    .await?;
    tx.commit().await?;
    Ok(Some(total))
}

fn bad(line: u64, why: impl std::fmt::Display) -> StoreError {
    StoreError::Snapshot(format!("line {line}: {why}"))
}

/// A snapshot file, read row by row after its version line and header. A bad row fails the
/// whole file: a shipped snapshot is written by the portal, so a bad row means a damaged
/// file.
pub struct SnapshotRows<R> {
    pub version: i64,
    reader: csv::Reader<R>,
    record: csv::StringRecord,
    line: u64,
}

impl<R: BufRead> SnapshotRows<R> {
    pub fn open(mut input: R) -> Result<SnapshotRows<R>, StoreError> {
        let mut first = String::new();
        input.read_line(&mut first).map_err(|e| bad(1, e))?;
        let version = snapshot::version_of(&first).ok_or_else(|| {
            bad(
                1,
                format!("not a facility snapshot (expected {})", snapshot::TAG),
            )
        })?;
        let mut reader = csv::ReaderBuilder::new().from_reader(input);
        let header = reader.headers().map_err(|e| bad(2, e))?;
        if header.iter().collect::<Vec<_>>().join(",") != snapshot::COLUMNS {
            return Err(bad(
                2,
                format!("expected the columns {}", snapshot::COLUMNS),
            ));
        }
        Ok(SnapshotRows {
            version,
            reader,
            record: csv::StringRecord::new(),
            line: 2,
        })
    }

    /// Replaces `batch` with up to `max` next rows; false once the file is done.
    pub fn next_batch(
        &mut self,
        batch: &mut Vec<FacilityRecord>,
        max: usize,
    ) -> Result<bool, StoreError> {
        batch.clear();
        while batch.len() < max {
            match self.next_row()? {
                Some(row) => batch.push(row),
                None => break,
            }
        }
        Ok(!batch.is_empty())
    }

    fn next_row(&mut self) -> Result<Option<FacilityRecord>, StoreError> {
        if !self
            .reader
            .read_record(&mut self.record)
            .map_err(|e| bad(self.line + 1, e))?
        {
            return Ok(None);
        }
        self.line += 1;
        let line = self.line;
        let field = |i: usize| self.record.get(i).unwrap_or_default();
        let kind = FacilityKind::from_key(field(0))
            .ok_or_else(|| bad(line, format!("unknown kind {:?}", field(0))))?;
        Ok(Some(FacilityRecord {
            kind,
            number: field(1).to_owned(),
            name: field(2).to_owned(),
            prefecture: field(3).to_owned(),
            active: field(4) == snapshot::ACTIVE,
            version: field(5).parse().map_err(|e| bad(line, e))?,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;

    fn snapshot_file(rows: usize, last: Option<&str>) -> String {
        let mut s = snapshot::header(7);
        for n in 0..rows {
            s.push_str(&format!("judo,13{n:08},接骨院{n},東京都,active,1\n"));
        }
        if let Some(l) = last {
            s.push_str(l);
        }
        s
    }

    async fn rows(pool: &SqlitePool) -> i64 {
        info(pool).await.expect("count").facilities
    }

    #[tokio::test]
    async fn a_snapshot_larger_than_a_batch_is_seeded_whole_and_once() {
        let pool = store::open_in_memory().await.expect("store");
        let file = snapshot_file(BATCH * 2 + 7, None);
        let n = seed(&pool, file.as_bytes()).await.expect("seed");
        assert_eq!(n, Some(u64::try_from(BATCH * 2 + 7).expect("fits")));
        assert_eq!(
            rows(&pool).await,
            i64::try_from(BATCH * 2 + 7).expect("fits")
        );
        assert_eq!(
            cursor(&pool).await.expect("cursor").map(|c| c.version),
            Some(7)
        );
        // A second start finds the cache seeded and leaves it alone.
        assert_eq!(seed(&pool, file.as_bytes()).await.expect("seed"), None);
    }

    #[tokio::test]
    async fn a_bad_row_after_whole_batches_leaves_the_cache_empty() {
        let pool = store::open_in_memory().await.expect("store");
        let file = snapshot_file(BATCH + 1, Some("dentist,1,歯科,東京都,active,1\n"));
        let err = seed(&pool, file.as_bytes())
            .await
            .expect_err("a damaged file");
        assert!(
            err.to_string().contains(&format!("line {}", BATCH + 4)),
            "{err}"
        );
        assert_eq!(rows(&pool).await, 0, "nothing of a damaged file is kept");
        assert_eq!(
            cursor(&pool).await.expect("cursor"),
            None,
            "seeded again next start"
        );
    }
}
