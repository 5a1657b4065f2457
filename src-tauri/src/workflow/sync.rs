//! Keeps the facility cache current: pages of changes since the cache's cursor, each page
//! applied with its cursor in one transaction, so an interrupted sync resumes where it was.

use madoguchi_domain::api::FacilityCursor;
use sqlx::sqlite::SqlitePool;

use madoguchi_domain::contract::AppEvent;

use super::Portal;
use crate::events::Emit;
use crate::portal_client::ClientError;
use crate::store::facility_cache;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Portal(#[from] ClientError),
}

const PAGE: u32 = 5_000;

/// Brings the cache up to the portal's master, telling `emit` after each page; returns how
/// many rows changed.
pub async fn sync(
    pool: &SqlitePool,
    portal: &impl Portal,
    emit: &Emit,
) -> Result<usize, SyncError> {
    let mut cursor = facility_cache::cursor(pool).await?.unwrap_or_default();
    let mut changed = 0;
    loop {
        let page = portal.facility_changes(&cursor, PAGE).await?;
        if page.latest_version < cursor.version {
            // Our snapshot came from another master: start again from nothing.
            tracing::warn!(
                ours = cursor.version,
                portal = page.latest_version,
                "facility cache is ahead of the portal; syncing from the start"
            );
            facility_cache::reset(pool).await?;
            cursor = FacilityCursor::default();
            continue;
        }
        facility_cache::apply(pool, &page.facilities, &page.next).await?;
        changed += page.facilities.len();
        cursor = page.next;
        emit(AppEvent::Synced {
            changed: changed as u64,
            done: !page.more,
        });
        if !page.more {
            return Ok(changed);
        }
    }
}

#[cfg(test)]
mod tests {
    use madoguchi_domain::api::{FacilityChanges, FacilityCursor};
    use madoguchi_domain::FacilityKind;

    use super::*;
    use crate::workflow::fakes::{self, facility, FakePortal};

    fn page(version: i64, numbers: &[&str], more: bool, latest: i64) -> FacilityChanges {
        let facilities: Vec<_> = numbers.iter().map(|n| facility(n, version)).collect();
        let next = FacilityCursor {
            version,
            kind: if more { "ahaki".into() } else { String::new() },
            number: if more {
                numbers.last().map(|n| (*n).to_owned()).unwrap_or_default()
            } else {
                String::new()
            },
        };
        FacilityChanges {
            facilities,
            next,
            more,
            latest_version: latest,
        }
    }

    #[tokio::test]
    async fn pages_are_applied_until_the_portal_has_no_more() {
        let pool = fakes::store().await;
        let portal = FakePortal::default();
        *portal.pages.lock().expect("pages") = vec![
            page(1, &["0000000001", "0000000002"], true, 1),
            page(1, &["0000000003"], false, 1),
        ];

        let (emit, events) = fakes::recorder();
        assert_eq!(sync(&pool, &portal, &emit).await.expect("synced"), 3);
        assert_eq!(
            events(),
            [
                AppEvent::Synced {
                    changed: 2,
                    done: false
                },
                AppEvent::Synced {
                    changed: 3,
                    done: true
                }
            ],
            "the window hears of each page"
        );

        let name: String =
            sqlx::query_scalar("SELECT name FROM facility_cache WHERE kind = ? AND number = ?")
                .bind(FacilityKind::Ahaki.key())
                .bind("0000000003")
                .fetch_one(&pool)
                .await
                .expect("cached");
        assert_eq!(name, "施術所0000000003");
        assert_eq!(
            facility_cache::cursor(&pool).await.expect("cursor"),
            Some(FacilityCursor {
                version: 1,
                ..FacilityCursor::default()
            })
        );
    }

    #[tokio::test]
    async fn offline_the_cache_stays_as_it_was() {
        let pool = fakes::store().await;
        let portal = FakePortal::offline();
        let (emit, events) = fakes::recorder();
        assert!(matches!(
            sync(&pool, &portal, &emit).await,
            Err(SyncError::Portal(ClientError::Unreachable(_)))
        ));
        assert_eq!(
            facility_cache::info(&pool).await.expect("info").facilities,
            0
        );
        assert!(events().is_empty());
    }
}
