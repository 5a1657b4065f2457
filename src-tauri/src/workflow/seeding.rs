//! Seeding the facility cache from the shipped snapshot, once, at the first start.
//!
//! Seeding writes the whole master (40,000 rows shipped) and takes a core for a fifth of a
//! second or more: run at launch, it slowed the window's first paint on a 2-core PC
//! (bench/app.sh). So it runs a moment after the launch, or at once when a look-up needs
//! the cache before then: whoever comes first seeds, and the other waits for that.

use std::path::PathBuf;

use sqlx::sqlite::SqlitePool;
use tokio::sync::OnceCell;

use crate::store::facility_cache;

/// How long after the launch seeding starts by itself: past the first screen, and well
/// before anyone can have typed a whole number.
pub const SEED_AFTER: std::time::Duration = std::time::Duration::from_secs(2);

pub struct Seeding {
    snapshot: Option<PathBuf>,
    done: OnceCell<()>,
}

impl Seeding {
    /// Seeding from `snapshot`; `None` when the app has none (then there is nothing to do).
    pub fn new(snapshot: Option<PathBuf>) -> Seeding {
        Seeding {
            snapshot,
            done: OnceCell::new(),
        }
    }

    /// Seeds the cache unless that was done (in this run or an earlier one). A failure is
    /// logged, not retried in this run: the portal still answers look-ups, and the next
    /// start tries again, as nothing of a failed seed is kept.
    pub async fn ensure(&self, pool: &SqlitePool) {
        self.done
            .get_or_init(|| async {
                let Some(path) = &self.snapshot else { return };
                match std::fs::File::open(path) {
                    Ok(f) => match facility_cache::seed(pool, std::io::BufReader::new(f)).await {
                        Ok(Some(n)) => {
                            tracing::info!(rows = n, "facility cache seeded from the snapshot")
                        }
                        Ok(None) => {}
                        Err(e) => tracing::warn!(error = %e, "facility snapshot not imported"),
                    },
                    Err(e) => {
                        tracing::warn!(error = %e, path = %path.display(), "no facility snapshot")
                    }
                }
            })
            .await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;
    use madoguchi_domain::snapshot;

    async fn rows(pool: &SqlitePool) -> i64 {
        facility_cache::info(pool).await.expect("count").facilities
    }

    #[tokio::test]
    async fn two_callers_at_once_seed_once_and_both_find_the_rows() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("facility-snapshot.csv");
        let mut file = snapshot::header(3);
        for n in 0..2_500 {
            file.push_str(&format!("josan,01{n:08},助産所{n},東京都,active,3\n"));
        }
        std::fs::write(&path, file).expect("write");
        let pool = store::open_in_memory().await.expect("store");
        let seeding = Seeding::new(Some(path));
        // The background task and a look-up, at the same moment: the second waits for the
        // first, and on return both see the whole snapshot.
        let (a, b) = tokio::join!(
            async {
                seeding.ensure(&pool).await;
                rows(&pool).await
            },
            async {
                seeding.ensure(&pool).await;
                rows(&pool).await
            }
        );
        assert_eq!((a, b), (2_500, 2_500));
        // Emptied by hand, the cache is not seeded again in the same run.
        sqlx::query("DELETE FROM facility_cache")
            .execute(&pool)
            .await
            .expect("delete");
        seeding.ensure(&pool).await;
        assert_eq!(rows(&pool).await, 0);
    }

    #[tokio::test]
    async fn without_a_snapshot_there_is_nothing_to_wait_for() {
        let pool = store::open_in_memory().await.expect("store");
        Seeding::new(None).ensure(&pool).await;
        Seeding::new(Some("/nonexistent/facility-snapshot.csv".into()))
            .ensure(&pool)
            .await;
        assert_eq!(rows(&pool).await, 0);
    }
}
